using System.Text.Json;
using Azure;
using Azure.Identity;

namespace CodeExecution.Cli;

/// <summary>
/// A service a command talks to (the app over HTTP, Blob storage) that failed or could not be reached: said in one
/// <c>codeexec:</c> line naming the service, with exit code 1, never a stack trace.
/// </summary>
internal static class ServiceFailure
{
    public const int ExitCode = 1;

    /// <summary>Runs <paramref name="action"/>; a failure of <paramref name="service"/> is said in one line and gives <see cref="ExitCode"/>.</summary>
    public static async Task<int> RunAsync(string service, Func<Task<int>> action, CancellationToken cancellationToken)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && Describe(e) is { } description)
        {
            await Console.Error.WriteLineAsync($"codeexec: {service}: {description}");
            return ExitCode;
        }
    }

    /// <summary>One line for a failure of a service, or null when it is not one (a bug stays an exception).</summary>
    internal static string? Describe(Exception failure) => failure switch
    {
        RequestFailedException { Status: 0 } e => FirstLine(e.Message),
        RequestFailedException e => $"{e.Status}{(e.ErrorCode is { } code ? $" {code}" : "")}: {FirstLine(e.Message)}",
        AggregateException { InnerExceptions.Count: > 0 } e => Describe(e.InnerExceptions[^1]),
        AuthenticationFailedException or CredentialUnavailableException => $"signing in failed: {FirstLine(failure.Message)}",
        HttpRequestException e => FirstLine(e.Message),
        TaskCanceledException { InnerException: TimeoutException } => "no answer in time",
        JsonException => "its answer is not the JSON expected",
        _ => null,
    };

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
