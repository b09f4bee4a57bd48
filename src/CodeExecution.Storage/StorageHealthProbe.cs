using Azure;
using Microsoft.Extensions.Options;

namespace CodeExecution.Storage;

/// <summary>Asks Blob and Table storage one cheap question each, with a short timeout.</summary>
public sealed class StorageHealthProbe(StorageClients clients, IOptions<StorageOptions> options)
{
    public async Task<StorageHealth> CheckAsync(CancellationToken cancellationToken)
    {
        var blob = ProbeAsync(async token => await clients.Blobs.GetBlobContainerClient(options.Value.RuntimesContainer).ExistsAsync(token), cancellationToken);
        var table = ProbeAsync(async token =>
        {
            await foreach (var _ in clients.Tables.QueryAsync(maxPerPage: 1, cancellationToken: token).AsPages(pageSizeHint: 1))
            {
                break;
            }
        }, cancellationToken);
        var errors = await Task.WhenAll(blob, table);
        return new StorageHealth
        {
            Connection = clients.Description,
            BlobReachable = errors[0] is null,
            TableReachable = errors[1] is null,
            Error = string.Join("; ", errors.Where(error => error is not null)) is { Length: > 0 } joined ? joined : null,
        };
    }

    private async Task<string?> ProbeAsync(Func<CancellationToken, Task> probe, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.HealthTimeoutMs);
        try
        {
            await probe(timeout.Token);
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no answer within {options.Value.HealthTimeoutMs} ms";
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            return e is RequestFailedException failed ? $"{failed.Status} {failed.ErrorCode}" : e.GetType().Name;
        }
    }
}
