namespace CodeExecution.Storage.Jobs;

/// <summary>
/// The outcome of asking for a run lease: the token when this delivery holds it, otherwise when the current
/// holder's lease ends (after which a delivery may take it over, since the holder may have died).
/// </summary>
public sealed record RunLease(string? Token, DateTimeOffset HeldUntil)
{
    public bool Taken => Token is not null;
}
