namespace CodeExecution.Core.Runtimes.QuickJs;

/// <summary>A script evaluated into a QuickJS image while it is baked: a file name for stack traces, and the source.</summary>
internal sealed record QuickJsImageScript(string Name, string Source);
