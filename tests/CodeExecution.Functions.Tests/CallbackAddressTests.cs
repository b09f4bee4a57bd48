using System.Net;
using CodeExecution.Storage.Jobs;

namespace CodeExecution.Functions.Tests;

/// <summary>Which callback hosts are refused when private hosts are not allowed: at submission, and when connecting.</summary>
public sealed class CallbackAddressTests
{
    private static readonly JobMessageFormat PublicOnly = new(new JobsOptions { CallbackSigningKey = "test-signing-key-0123456789abcdef" });

    [Theory]
    [InlineData("http://localhost:8080/hook", "localhost")]
    [InlineData("http://api.localhost/hook", "api.localhost")]
    [InlineData("http://127.0.0.1/hook", "127.0.0.1")]
    [InlineData("http://127.1.2.3/hook", "127.1.2.3")]
    [InlineData("http://[::1]/hook", "[::1]")]
    [InlineData("http://10.1.2.3/hook", "10.1.2.3")]
    [InlineData("http://172.16.0.1/hook", "172.16.0.1")]
    [InlineData("http://192.168.1.1/hook", "192.168.1.1")]
    [InlineData("http://169.254.169.254/metadata", "169.254.169.254")]
    [InlineData("http://100.64.0.1/hook", "100.64.0.1")]
    [InlineData("http://0.0.0.0/hook", "0.0.0.0")]
    [InlineData("http://224.0.0.1/hook", "224.0.0.1")]
    [InlineData("http://192.0.2.1/hook", "192.0.2.1")]
    [InlineData("http://[fe80::1]/hook", "[fe80::1]")]
    [InlineData("http://[fd00::1]/hook", "[fd00::1]")]
    [InlineData("http://[::ffff:10.0.0.1]/hook", "[::ffff:10.0.0.1]")]
    public void PrivateHost_IsRefusedAtSubmission_NamingIt(string url, string host)
    {
        Assert.True(CallbackAddresses.IsPrivateHost(new Uri(url)));
        Assert.Equal($"callbackUrl: {host} is a local or private address; callbacks go to public hosts only.", PublicOnly.CheckCallbackUrl(url));
    }

    [Theory]
    [InlineData("https://example.com/hook")]
    [InlineData("https://8.8.8.8/hook")]
    [InlineData("http://172.32.0.1/hook")]
    [InlineData("http://100.128.0.1/hook")]
    [InlineData("https://[2606:4700::1111]/hook")]
    public void PublicHost_IsAcceptedAtSubmission(string url)
    {
        Assert.False(CallbackAddresses.IsPrivateHost(new Uri(url)));
        Assert.Null(PublicOnly.CheckCallbackUrl(url));
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("10.0.0.1", true)]
    [InlineData("198.18.0.1", true)]
    [InlineData("203.0.113.9", true)]
    [InlineData("::ffff:192.168.0.1", true)]
    [InlineData("1.1.1.1", false)]
    [InlineData("2606:4700::1111", false)]
    public void ResolvedAddress_IsPrivate_AsExpected(string address, bool isPrivate) =>
        Assert.Equal(isPrivate, CallbackAddresses.IsPrivate(IPAddress.Parse(address)));
}
