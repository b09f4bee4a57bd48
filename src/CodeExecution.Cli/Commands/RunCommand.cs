using System.CommandLine;
using System.Text.Json;
using CodeExecution.Core.Errors;
using CodeExecution.Core.Model;
using CodeExecution.Core.Sandbox;
using CodeExecution.Core.Serialization;

namespace CodeExecution.Cli.Commands;

/// <summary><c>codeexec run [FILE] [--code TEXT] ... [-- ARGS]</c>: runs one program and behaves like it (output, exit code).</summary>
internal static class RunCommand
{
    private static readonly Argument<string?> File = new("file")
    {
        Description = "The program to run (its extension names the language; a .wasm file is a WASI preview 1 command module), or a directory whose files are the program's (with --entry).",
        Arity = ArgumentArity.ZeroOrOne,
    };
    private static readonly Argument<string[]> ProgramArgs = new("args")
    {
        Description = "Arguments for the program, after the file (and after -- when they start with a dash); with --arg ones first.",
        Arity = ArgumentArity.ZeroOrMore,
    };
    private static readonly Option<string?> Code = new("--code", "-c") { Description = "Program text to run instead of a file." };
    private static readonly Option<string?> Language = new("--language", "-l") { Description = "python, javascript, typescript, ruby or wasm (default: from the file extension)." };
    private static readonly Option<int?> Timeout = new("--timeout") { Description = "Time limit in ms (100-10000)." };
    private static readonly Option<int?> Memory = new("--memory") { Description = "Memory limit in MB (16-512)." };
    private static readonly Option<int?> MaxOutput = new("--max-output") { Description = "Output limit in bytes, stdout and stderr together (1024-10485760)." };
    private static readonly Option<string[]> Arg = new("--arg") { Description = "An argument for the program; repeat for more.", AllowMultipleArgumentsPerToken = false };
    private static readonly Option<string[]> Env = new("--env") { Description = "An environment variable K=V for the program (needs --allow-env); repeat for more." };
    private static readonly Option<bool> AllowEnv = new("--allow-env") { Description = "Let the program see the --env variables." };
    private static readonly Option<bool> AllowFs = new("--allow-fs") { Description = "Give the program a fresh, empty directory (/sandbox), deleted afterwards." };
    private static readonly Option<bool> Json = new("--json") { Description = "Print the ExecutionResult as JSON instead of the program's output." };
    private static readonly Option<string[]> FileOption = new("--file") { Description = "A file to place in /sandbox beside the program, at its relative path (or its name); repeat for more." };
    private static readonly Option<string?> Entry = new("--entry") { Description = "With a directory: which of its files is the program (default: main.py, main.js, main.ts or main.rb, whichever is there)." };
    private static readonly Option<string?> OutDir = new("--out-dir") { Description = "Write the files the program created or changed in /sandbox here." };
    private static readonly Option<int?> MaxFilesSize = new("--max-files-size") { Description = "Bytes of the files given, and of those returned (1024-10485760)." };
    private static readonly Option<int?> MaxModuleSize = new("--max-module-size") { Description = "Bytes of a wasm program's module (1024-10485760)." };
    private static readonly Option<string[]> AllowHost = new("--allow-host")
    {
        Description = "Let the program make HTTP(S) requests (through the host) to this host name or *.domain; repeat for more.",
        AllowMultipleArgumentsPerToken = false,
    };
    private static readonly Option<long?> MaxInstructions = new("--max-instructions")
    {
        Description = "Instruction budget, counted the same on any machine (1000000-1000000000000); the count is in --json's metadata.instructions.",
    };

    public static Command Create()
    {
        var command = new Command("run", "Run a program in the sandbox. Piped stdin becomes its input; from a terminal, lines typed reach it as they are entered (Ctrl-D ends them); its output and exit code become codeexec's.")
        {
            File, ProgramArgs, Code, Language, Timeout, Memory, MaxOutput, Arg, Env, AllowEnv, AllowFs, Json, FileOption, Entry, OutDir, MaxFilesSize,
            MaxModuleSize, MaxInstructions, AllowHost,
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
        var json = parse.GetValue(Json);
        ExecutionResult result;
        // From a terminal, what the user types reaches the program as it is entered (an input() prompt waits for it).
        var typed = Console.IsInputRedirected || OperatingSystem.IsWindows() ? null : TerminalInput.Start();
        try
        {
            // Without --json the program's output is passed on as it is written, to the stream it was written to.
            result = await executor.ExecuteAsync(request, json ? null : PassOn, typed, cancellationToken);
        }
        catch (CodeExecutionError error)
        {
            await Console.Error.WriteLineAsync($"codeexec: {error.Message}");
            return CommonOptions.RequestRefusedExitCode;
        }

        if (typed?.LimitReached == true)
        {
            await Console.Error.WriteLineAsync(
                $"codeexec: the program's input stopped at the input limit of {executor.DefaultLimits.MaxInputSize} bytes; what was typed after it was not passed on.");
        }

        if (parse.GetValue(OutDir) is { } outDir && result.Files is { } files)
        {
            ProgramFiles.WriteOut(outDir, files);
            if (result.FilesTruncated)
            {
                await Console.Error.WriteLineAsync($"codeexec: only {files.Count} of the files the program made were returned: the rest would pass the files' size limit (--max-files-size).");
            }
        }

        if (json)
        {
            await Console.Out.WriteLineAsync(JsonSerializer.Serialize(result, CodeExecutionJson.Indented));
            return result.ExitCode;
        }

        if (result.Error is not null && EndedByTheSandbox(result))
        {
            await Console.Error.WriteLineAsync($"codeexec: {result.Error}");
        }

        return result.ExitCode;
    }

    /// <summary>A chunk of the program's output, written on at once (on the sandbox thread; the console writes through).</summary>
    private static void PassOn(OutputChunk chunk)
    {
        var writer = chunk.Stream == OutputStream.Stdout ? Console.Out : Console.Error;
        writer.Write(chunk.Text);
        writer.Flush();
    }

    /// <summary>
    /// Whether the sandbox ended the program (a limit, a crash, the directory quota) or the host failed, so the
    /// program's own output does not say why: then the result's error is printed too.
    /// </summary>
    private static bool EndedByTheSandbox(ExecutionResult result) =>
        result.Metadata.TimeoutHit || result.Metadata.MemoryLimitHit || result.Metadata.OutputTruncated || result.Metadata.InstructionLimitHit
        || result.ExitCode is OutcomeMapper.CrashExitCode or OutcomeMapper.FileSystemQuotaExitCode or < 0;

    private static ExecutionRequest BuildRequest(ParseResult parse)
    {
        var path = parse.GetValue(File);
        var code = parse.GetValue(Code);
        if ((path is null) == (code is null))
        {
            throw new InvalidRequestError("give either a FILE (or a directory) or --code TEXT.", "code");
        }

        var files = new List<ExecutionFile>();
        string? entry = null;
        string? programName = null;
        if (path is not null && Directory.Exists(path))
        {
            files.AddRange(ProgramFiles.FromDirectory(path));
            entry = parse.GetValue(Entry) ?? ProgramFiles.DefaultEntry(files)
                ?? throw new InvalidRequestError($"{path} has no main.py, main.js, main.ts or main.rb; name the program with --entry.", "entry");
            programName = entry;
        }
        else if (path is not null)
        {
            if (!System.IO.File.Exists(path))
            {
                throw new InvalidRequestError($"file {Path.GetFullPath(path)} does not exist.", "file");
            }

            programName = Path.GetFileName(path);
        }

        if (parse.GetValue(Entry) is not null && entry is null)
        {
            throw new InvalidRequestError("--entry names the program among a directory's files; give a directory.", "entry");
        }

        foreach (var extra in parse.GetValue(FileOption) ?? [])
        {
            files.Add(ProgramFiles.FromFile(extra));
        }

        var languageName = parse.GetValue(Language);
        ExecutionLanguage language;
        if (languageName is not null)
        {
            language = ExecutionLanguageNames.TryParse(languageName, out var named)
                ? named.Value
                : throw new UnsupportedLanguageError(ExecutionLanguageNames.UnsupportedMessage(languageName));
        }
        else if (programName is not null && ExecutionLanguageNames.TryFromFileExtension(programName, out var byExtension))
        {
            language = byExtension.Value;
        }
        else
        {
            throw new InvalidRequestError("cannot tell the language; pass --language python|javascript|typescript|ruby|wasm.", "language");
        }

        if (path is not null && entry is null)
        {
            // A module is bytes, sent as base64 as the JSON API takes it; a source file is text.
            code = language == ExecutionLanguage.Wasm ? Convert.ToBase64String(System.IO.File.ReadAllBytes(path)) : System.IO.File.ReadAllText(path);
        }

        var hosts = parse.GetValue(AllowHost) ?? [];
        return new ExecutionRequest
        {
            Code = entry is null ? code : null,
            Entry = entry,
            Files = files.Count > 0 ? files : null,
            Language = language,
            Input = Console.IsInputRedirected ? Console.In.ReadToEnd() : null,
            Args = [.. parse.GetValue(Arg) ?? [], .. parse.GetValue(ProgramArgs) ?? []],
            Env = ParseEnv(parse.GetValue(Env) ?? []),
            Limits = new ExecutionLimits
            {
                TimeoutMs = parse.GetValue(Timeout),
                MaxMemoryMB = parse.GetValue(Memory),
                MaxOutputSize = parse.GetValue(MaxOutput),
                MaxFilesSize = parse.GetValue(MaxFilesSize),
                MaxModuleSize = parse.GetValue(MaxModuleSize),
                MaxInstructions = parse.GetValue(MaxInstructions),
                AllowEnv = parse.GetValue(AllowEnv) ? true : null,
                AllowFileSystem = parse.GetValue(AllowFs) || parse.GetValue(OutDir) is not null ? true : null,
                AllowNetwork = hosts.Length > 0 ? true : null,
            },
            Network = hosts.Length > 0 ? new NetworkAccess { Allow = hosts } : null,
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
