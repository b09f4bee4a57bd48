using System.CommandLine;
using System.Text.Json;
using CodeExecution.Core.Errors;
using CodeExecution.Core.Model;
using CodeExecution.Core.Sandbox;
using CodeExecution.Core.Serialization;

namespace CodeExecution.Cli.Commands;

/// <summary><c>codeexec run [FILE] [--code TEXT] ...</c>: runs one program and behaves like it (output, exit code).</summary>
internal static class RunCommand
{
    private static readonly Argument<FileInfo?> File = new("file") { Description = "The program to run; its extension names the language.", Arity = ArgumentArity.ZeroOrOne };
    private static readonly Option<string?> Code = new("--code", "-c") { Description = "Program text to run instead of a file." };
    private static readonly Option<string?> Language = new("--language", "-l") { Description = "python, javascript or typescript (default: from the file extension)." };
    private static readonly Option<int?> Timeout = new("--timeout") { Description = "Time limit in ms (100-10000)." };
    private static readonly Option<int?> Memory = new("--memory") { Description = "Memory limit in MB (16-512)." };
    private static readonly Option<int?> MaxOutput = new("--max-output") { Description = "Output limit in bytes, stdout and stderr together (1024-10485760)." };
    private static readonly Option<string[]> Arg = new("--arg") { Description = "An argument for the program; repeat for more.", AllowMultipleArgumentsPerToken = false };
    private static readonly Option<string[]> Env = new("--env") { Description = "An environment variable K=V for the program (needs --allow-env); repeat for more." };
    private static readonly Option<bool> AllowEnv = new("--allow-env") { Description = "Let the program see the --env variables." };
    private static readonly Option<bool> AllowFs = new("--allow-fs") { Description = "Give the program a fresh, empty directory (/sandbox), deleted afterwards." };
    private static readonly Option<bool> Json = new("--json") { Description = "Print the ExecutionResult as JSON instead of the program's output." };

    public static Command Create()
    {
        var command = new Command("run", "Run a program in the sandbox. Piped stdin becomes its input; its output and exit code become codeexec's.")
        {
            File, Code, Language, Timeout, Memory, MaxOutput, Arg, Env, AllowEnv, AllowFs, Json,
        };
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        ExecutionRequest request;
        try
        {
            request = BuildRequest(parse);
        }
        catch (CodeExecutionError error)
        {
            await Console.Error.WriteLineAsync($"codeexec: {error.Message}");
            return CommonOptions.RequestRefusedExitCode;
        }

        await using var executor = await CommonOptions.CreateExecutorAsync(parse, concurrency: 1, cancellationToken, languages: [request.Language]);
        ExecutionResult result;
        try
        {
            result = await executor.ExecuteAsync(request, cancellationToken);
        }
        catch (CodeExecutionError error)
        {
            await Console.Error.WriteLineAsync($"codeexec: {error.Message}");
            return CommonOptions.RequestRefusedExitCode;
        }

        if (parse.GetValue(Json))
        {
            await Console.Out.WriteLineAsync(JsonSerializer.Serialize(result, CodeExecutionJson.Indented));
            return result.ExitCode;
        }

        await Console.Out.WriteAsync(result.Stdout);
        await Console.Out.FlushAsync(cancellationToken);
        await Console.Error.WriteAsync(result.Stderr);
        if (result.Error is not null && EndedByTheSandbox(result))
        {
            await Console.Error.WriteLineAsync($"codeexec: {result.Error}");
        }

        return result.ExitCode;
    }

    /// <summary>
    /// Whether the sandbox ended the program (a limit, a crash, the directory quota) or the host failed, so the
    /// program's own output does not say why: then the result's error is printed too.
    /// </summary>
    private static bool EndedByTheSandbox(ExecutionResult result) =>
        result.Metadata.TimeoutHit || result.Metadata.MemoryLimitHit || result.Metadata.OutputTruncated
        || result.ExitCode is OutcomeMapper.CrashExitCode or OutcomeMapper.FileSystemQuotaExitCode or < 0;

    private static ExecutionRequest BuildRequest(ParseResult parse)
    {
        var file = parse.GetValue(File);
        var code = parse.GetValue(Code);
        if ((file is null) == (code is null))
        {
            throw new InvalidRequestError("give either a FILE or --code TEXT.", "code");
        }

        if (file is not null && !file.Exists)
        {
            throw new InvalidRequestError($"file {file.FullName} does not exist.", "file");
        }

        var languageName = parse.GetValue(Language);
        ExecutionLanguage language;
        if (languageName is not null)
        {
            language = ExecutionLanguageNames.TryParse(languageName, out var named)
                ? named.Value
                : throw new UnsupportedLanguageError(ExecutionLanguageNames.UnsupportedMessage(languageName));
        }
        else if (file is not null && ExecutionLanguageNames.TryFromFileExtension(file.Name, out var byExtension))
        {
            language = byExtension.Value;
        }
        else
        {
            throw new InvalidRequestError("cannot tell the language; pass --language python|javascript|typescript.", "language");
        }

        return new ExecutionRequest
        {
            Code = code ?? System.IO.File.ReadAllText(file!.FullName),
            Language = language,
            Input = Console.IsInputRedirected ? Console.In.ReadToEnd() : null,
            Args = parse.GetValue(Arg) ?? [],
            Env = ParseEnv(parse.GetValue(Env) ?? []),
            Limits = new ExecutionLimits
            {
                TimeoutMs = parse.GetValue(Timeout),
                MaxMemoryMB = parse.GetValue(Memory),
                MaxOutputSize = parse.GetValue(MaxOutput),
                AllowEnv = parse.GetValue(AllowEnv) ? true : null,
                AllowFileSystem = parse.GetValue(AllowFs) ? true : null,
            },
        };
    }

    private static Dictionary<string, string>? ParseEnv(string[] pairs)
    {
        if (pairs.Length == 0)
        {
            return null;
        }

        var env = new Dictionary<string, string>();
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=');
            if (equals <= 0)
            {
                throw new InvalidRequestError($"--env {pair}: expected NAME=VALUE.", "env");
            }

            env[pair[..equals]] = pair[(equals + 1)..];
        }

        return env;
    }
}
