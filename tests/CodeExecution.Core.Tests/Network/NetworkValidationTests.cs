using CodeExecution.Core.Errors;
using CodeExecution.Core.Model;
using CodeExecution.Core.Serialization;
using CodeExecution.Core.Validation;
using CodeExecution.Testing;

namespace CodeExecution.Core.Tests.Network;

/// <summary>A request's network fields: network only with an allow-list, and every malformed entry refused naming its field.</summary>
public sealed class NetworkValidationTests
{
    [Theory]
    [InlineData("""{"limits":{"allowNetwork":true}}""", "network.allow", "network.allow: limits.allowNetwork needs the hosts the program may reach, e.g. [\"api.example.com\", \"*.example.org\"]; it was empty.")]
    [InlineData("""{"limits":{"allowNetwork":true},"network":{"allow":[]}}""", "network.allow", "network.allow: limits.allowNetwork needs the hosts the program may reach, e.g. [\"api.example.com\", \"*.example.org\"]; it was empty.")]
    [InlineData("""{"network":{"allow":["example.com"]}}""", "network", "network: applies only with limits.allowNetwork set to true.")]
    [InlineData("""{"limits":{"allowNetwork":true},"network":{"allow":["example.com","https://api.example.com/v1"]}}""", "network.allow[1]", "network.allow[1]: 'https://api.example.com/v1' is not a host name; give a name such as api.example.com, or *.example.com for the names under it (no scheme, port, path or bare *).")]
    [InlineData("""{"limits":{"allowNetwork":true},"network":{"allow":["*"]}}""", "network.allow[0]", "network.allow[0]: '*' is not a host name; give a name such as api.example.com, or *.example.com for the names under it (no scheme, port, path or bare *).")]
    [InlineData("""{"limits":{"allowNetwork":true},"network":{"allow":["*.com"]}}""", "network.allow[0]", "network.allow[0]: '*.com' is not a host name; give a name such as api.example.com, or *.example.com for the names under it (no scheme, port, path or bare *).")]
    [InlineData("""{"limits":{"allowNetwork":true},"network":{"allow":["example.com:8080"]}}""", "network.allow[0]", "network.allow[0]: 'example.com:8080' is not a host name; give a name such as api.example.com, or *.example.com for the names under it (no scheme, port, path or bare *).")]
    [InlineData("""{"limits":{"allowNetwork":true},"network":{"allow":["example.com"],"methods":["GET","TRACE"]}}""", "network.methods[1]", "network.methods[1]: 'TRACE' is not one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS.")]
    [InlineData("""{"limits":{"allowNetwork":true},"network":{"allow":["example.com"],"methods":[]}}""", "network.methods", "network.methods: is empty; leave it out to allow every method, or name them.")]
    [InlineData("""{"limits":{"allowNetwork":true},"network":{"allow":["example.com"],"headers":{"other.com":{"Authorization":"x"}}}}""", "network.headers.other.com", "network.headers.other.com: names no entry of network.allow; secret headers go to allowed hosts only.")]
    [InlineData("""{"limits":{"allowNetwork":true},"network":{"allow":["example.com"],"headers":{"example.com":{"Host":"x"}}}}""", "network.headers.example.com", "network.headers.example.com: 'Host' is not a header the host can add (a token, and not one it writes itself such as Host or Content-Length).")]
    [InlineData("""{"limits":{"allowNetwork":true},"network":{"allow":["example.com"],"headers":{"example.com":{"X-Key":"a\r\nb"}}}}""", "network.headers.example.com.X-Key", "network.headers.example.com.X-Key: must be text of at most 8192 characters without line breaks.")]
    [InlineData("""{"limits":{"allowNetwork":true,"maxNetworkRequests":0},"network":{"allow":["example.com"]}}""", "limits.maxNetworkRequests", "limits.maxNetworkRequests: 0 is out of range; it must be from 1 to 1000 requests.")]
    [InlineData("""{"limits":{"maxNetworkBytes":100},"network":{"allow":["example.com"]}}""", "limits.maxNetworkBytes", "limits.maxNetworkBytes: 100 is out of range; it must be from 1024 to 104857600 bytes.")]
    public void BadNetworkFields_AreRefused_NamingTheField(string fields, string field, string message)
    {
        var request = ExecutionRequestReader.Read("""{"code":"print(1)","language":"python",""" + fields[1..]);

        var error = Assert.ThrowsAny<CodeExecutionError>(() => RequestValidator.Validate(request, EffectiveLimits.Default));

        Assert.Equal(field, error.Field);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Rules_AreLowercaseAscii_WildcardsMatchNamesUnderTheDomainOnly_AndMethodsDefaultToAll()
    {
        var request = ExecutionRequestReader.Read("""{"code":"print(1)","language":"python","limits":{"allowNetwork":true},"network":{"allow":["API.Example.COM.","*.Bücher.de"]}}""");

        var rules = RequestValidator.Validate(request, EffectiveLimits.Default).NetworkRules!;

        Assert.Equal(["api.example.com", "*.xn--bcher-kva.de"], rules.Allow);
        Assert.Equal("*.xn--bcher-kva.de", rules.EntryFor("shop.xn--bcher-kva.de"));
        Assert.Null(rules.EntryFor("xn--bcher-kva.de"));
        Assert.Null(rules.EntryFor("evilxn--bcher-kva.de"));
        Assert.Null(rules.EntryFor("example.com"));
        Assert.Equal(["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"], rules.Methods.Order());
    }

    [Fact]
    public void ReadmeNetworkExample_IsAValidRequest_WithTheRulesItDescribes()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        var section = readme[readme.IndexOf("### Network by allow-list", StringComparison.Ordinal)..];
        var start = section.IndexOf("```json\n", StringComparison.Ordinal) + "```json\n".Length;
        var json = section[start..section.IndexOf("```", start, StringComparison.Ordinal)];

        var validated = RequestValidator.Validate(ExecutionRequestReader.Read(json), EffectiveLimits.Default);

        Assert.Equal(["api.github.com", "*.githubusercontent.com"], validated.NetworkRules!.Allow);
        Assert.Equal(["GET"], validated.NetworkRules.Methods);
        Assert.Equal("Authorization", Assert.Single(validated.NetworkRules.HeadersFor("api.github.com")).Key);
        Assert.Equal(5, validated.Limits.MaxNetworkRequests);
    }
}
