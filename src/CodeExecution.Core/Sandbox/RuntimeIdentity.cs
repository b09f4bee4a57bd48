using CodeExecution.Core.Model;

namespace CodeExecution.Core.Sandbox;

/// <summary>What a result says ran it: the language, and the runtime's name and version.</summary>
public sealed record RuntimeIdentity(ExecutionLanguage Language, string Name, string Version);
