namespace CodeExecution.Core.Runtimes.Modules;

/// <summary>A runtime's files are missing, do not match their pinned hash, or failed to load.</summary>
public sealed class RuntimeUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
