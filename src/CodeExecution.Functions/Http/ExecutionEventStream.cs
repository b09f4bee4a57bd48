using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using CodeExecution.Core.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CodeExecution.Functions.Http;

/// <summary>
/// A run answered as Server-Sent Events (<c>Accept: text/event-stream</c>): a <c>stdout</c> or <c>stderr</c> event for
/// each piece of output as the program writes it (its data a JSON string; consecutive pieces of one stream that are
/// already waiting go in one event), then one <c>result</c> event whose data is the <see cref="ExecutionResult"/>, or,
/// if the service fails after the stream began, one <c>error</c> event whose data is the problem. Each event is
/// flushed as it is written. Refusals come before the stream, as ordinary problems (<see cref="ExecutionQueue.StreamAsync"/>).
/// </summary>
public sealed class ExecutionEventStream(ChannelReader<OutputChunk> output, Task<ExecutionResult> run, HttpProblems problems) : IActionResult
{
    public const string MediaType = "text/event-stream";

    /// <summary>Whether the client asked for events: <c>text/event-stream</c> among its <c>Accept</c> media types.</summary>
    public static bool IsAccepted(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(accepted => accepted.MediaType.Equals(MediaType, StringComparison.OrdinalIgnoreCase));

    public Task ExecuteResultAsync(ActionContext context) =>
        TypedResults.ServerSentEvents(Events(context.HttpContext.Request, context.HttpContext.RequestAborted)).ExecuteAsync(context.HttpContext);

    private async IAsyncEnumerable<SseItem<string>> Events(HttpRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await output.WaitToReadAsync(cancellationToken))
        {
            while (output.TryRead(out var chunk))
            {
                var text = new StringBuilder(chunk.Text);
                while (output.TryPeek(out var next) && next.Stream == chunk.Stream && output.TryRead(out next))
                {
                    text.Append(next.Text);
                }

                yield return new SseItem<string>(
                    JsonSerializer.Serialize(text.ToString(), ApiJson.TypeInfo<string>()),
                    chunk.Stream == OutputStream.Stdout ? "stdout" : "stderr");
            }
        }

        yield return await OutcomeAsync(request);
    }

    private async Task<SseItem<string>> OutcomeAsync(HttpRequest request)
    {
        try
        {
            return new SseItem<string>(JsonSerializer.Serialize(await run, ApiJson.TypeInfo<ExecutionResult>()), "result");
        }
        catch (Exception e) when (!request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            return new SseItem<string>(problems.ToResponse(e, request).ToString(), "error");
        }
    }
}
