using CodeExecution.Core.Model;

namespace CodeExecution.Core.Runtimes.Ruby;

/// <summary>
/// How a request reaches Ruby: as the one line each execution evaluates, a call of <c>prelude.rb</c>'s
/// <c>CodeExecutionSandbox.run</c> with the program, its file name (relative to <c>/sandbox</c>, <c>main.rb</c>
/// unless the request names an entry), the directory to change into or nothing, the arguments, and the
/// environment's names and values in pairs (none unless the request allowed them), each a string literal
/// (<see cref="RubyInterpreter.Literal"/>). Validation has refused NUL in all of them.
/// </summary>
internal static class RubyRequestEncoding
{
    public const string DefaultFileName = "main.rb";

    public static string Call(ValidatedRequest request, string workingDirectory)
    {
        var args = string.Join(", ", request.Args.Select(RubyInterpreter.Literal));
        var env = string.Join(", ", request.Env.Select(pair => $"[{RubyInterpreter.Literal(pair.Key)}, {RubyInterpreter.Literal(pair.Value)}]"));
        return $"CodeExecutionSandbox.run({RubyInterpreter.Literal(request.Code)}, "
            + $"{RubyInterpreter.Literal(request.EntryPath ?? DefaultFileName)}, {RubyInterpreter.Literal(workingDirectory)}, [{args}], [{env}])";
    }
}
