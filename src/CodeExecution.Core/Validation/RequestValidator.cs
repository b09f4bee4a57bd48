using System.Text;
using CodeExecution.Core.Errors;
using CodeExecution.Core.Model;
using CodeExecution.Core.Sandbox;

namespace CodeExecution.Core.Validation;

/// <summary>
/// Checks a request before anything runs: sizes, ranges, and permissions the sandbox cannot grant.
/// Each failure names the field and the bound.
/// </summary>
public static class RequestValidator
{
    private const string SandboxDirectory = SandboxSettings.SandboxDirectory;

    public static ValidatedRequest Validate(ExecutionRequest request, EffectiveLimits defaults)
    {
        ArgumentNullException.ThrowIfNull(request);
        var language = request.Language;
        if (!Enum.IsDefined(language))
        {
            throw new UnsupportedLanguageError(ExecutionLanguageNames.UnsupportedMessage(language.ToString()));
        }

        if (request.Code is null && request.Entry is null)
        {
            throw new InvalidRequestError("code: is required (or entry, naming the file among files that is the program).", "code", language);
        }

        var limits = ValidateLimits(request.Limits, defaults, language);
        var (files, entryPath, entryCode) = FilesValidator.Validate(request, limits, language);
        var code = request.Code ?? entryCode!;
        var codeField = request.Code is null ? "entry" : "code";
        var module = ReadOnlyMemory<byte>.Empty;
        if (language == ExecutionLanguage.Wasm)
        {
            if (request.Code is null)
            {
                throw new InvalidRequestError("code: a wasm program is sent in code, as its module's bytes in base64; entry is for source files.", "code", language);
            }

            if (!string.IsNullOrEmpty(request.WorkingDirectory))
            {
                throw new InvalidRequestError(
                    "workingDirectory: a wasm program starts in / (WASI preview 1 has no working directory to give it); it reaches /sandbox by absolute paths or chdir.",
                    "workingDirectory", language);
            }

            // The module's own size limit stands for the code's: the 100 KB bound is for source text.
            module = ModuleValidator.Decode(code, limits);
        }
        else
        {
            if (code.Contains('\0'))
            {
                throw new InvalidRequestError($"{codeField}: must not contain NUL characters; no supported language accepts them in source.", codeField, language);
            }

            var codeBytes = Encoding.UTF8.GetByteCount(code);
            if (codeBytes > RequestLimits.MaxCodeBytes)
            {
                throw new CodeSizeError(
                    $"{codeField}: is {codeBytes} bytes; the limit is {RequestLimits.MaxCodeBytes} bytes (100 KB).", language);
            }
        }

        if (files.Count > 0)
        {
            if (request.Limits?.AllowFileSystem == false)
            {
                throw new SecurityError("files: are placed in a file system, and limits.allowFileSystem is false.", "files", language);
            }

            limits = limits with { AllowFileSystem = true };
        }

        var outputFiles = FilesValidator.ValidateOutputFiles(request.OutputFiles, language);
        if (outputFiles.Count > 0 && !limits.AllowFileSystem)
        {
            throw new SecurityError("outputFiles: need a file system: give files, or set limits.allowFileSystem to true.", "outputFiles", language);
        }

        if (request.Input is { } input)
        {
            var inputBytes = Encoding.UTF8.GetByteCount(input);
            if (inputBytes > limits.MaxInputSize)
            {
                throw new InvalidRequestError(
                    $"input: is {inputBytes} bytes; limits.maxInputSize is {limits.MaxInputSize} bytes.", "input", language);
            }
        }

        ValidateArgs(request.Args, language);
        ValidateEnv(request.Env, limits, language);
        ValidateWorkingDirectory(request.WorkingDirectory, limits, language);
        var networkRules = NetworkValidator.Validate(request.Network, limits, language);
        return new ValidatedRequest
        {
            Language = language,
            Code = code,
            Module = module,
            Input = request.Input ?? "",
            Args = request.Args ?? [],
            Env = limits.AllowEnv && request.Env is { } env ? env : ValidatedRequest.NoVariables,
            WorkingDirectory = RelativeWorkingDirectory(request.WorkingDirectory),
            Limits = limits,
            Files = files,
            EntryPath = entryPath,
            OutputFiles = outputFiles,
            NetworkRules = networkRules,
        };
    }

    /// <summary>Checks limits given to <c>SetDefaultLimits</c> or a request, and resolves them.</summary>
    public static EffectiveLimits ValidateLimits(ExecutionLimits? overrides, EffectiveLimits defaults, ExecutionLanguage? language = null)
    {
        if (overrides is not null)
        {
            CheckRange("limits.timeoutMs", overrides.TimeoutMs, EffectiveLimits.MinTimeoutMs, EffectiveLimits.MaxTimeoutMs, "ms", language);
            CheckRange("limits.maxMemoryMB", overrides.MaxMemoryMB, EffectiveLimits.MinMemoryMB, EffectiveLimits.MaxMemoryMBBound, "MB", language);
            CheckRange("limits.maxOutputSize", overrides.MaxOutputSize, EffectiveLimits.MinOutputSize, EffectiveLimits.MaxOutputSizeBound, "bytes", language);
            CheckRange("limits.maxInputSize", overrides.MaxInputSize, EffectiveLimits.MinInputSize, EffectiveLimits.MaxInputSizeBound, "bytes", language);
            CheckRange("limits.maxFilesSize", overrides.MaxFilesSize, EffectiveLimits.MinFilesSize, EffectiveLimits.MaxFilesSizeBound, "bytes", language);
            CheckRange("limits.maxModuleSize", overrides.MaxModuleSize, EffectiveLimits.MinModuleSize, EffectiveLimits.MaxModuleSizeBound, "bytes", language);
            CheckRange("limits.maxInstructions", overrides.MaxInstructions, EffectiveLimits.MinInstructions, EffectiveLimits.MaxInstructionsBound, "instructions", language);
            CheckRange("limits.maxNetworkBytes", overrides.MaxNetworkBytes, EffectiveLimits.MinNetworkBytes, EffectiveLimits.MaxNetworkBytesBound, "bytes", language);
            CheckRange("limits.maxNetworkRequests", overrides.MaxNetworkRequests, EffectiveLimits.MinNetworkRequests, EffectiveLimits.MaxNetworkRequestsBound, "requests", language);
            if (overrides.AllowProcess == true)
            {
                throw new SecurityError("limits.allowProcess: the sandbox cannot create processes; only false is accepted.", "limits.allowProcess", language);
            }
        }

        return defaults.With(overrides);
    }

    private static void CheckRange(string field, long? value, long min, long max, string unit, ExecutionLanguage? language)
    {
        if (value is { } v && (v < min || v > max))
        {
            throw new InvalidRequestError($"{field}: {v} is out of range; it must be from {min} to {max} {unit}.", field, language);
        }
    }

    private static void ValidateArgs(IReadOnlyList<string>? args, ExecutionLanguage language)
    {
        if (args is null)
        {
            return;
        }

        if (args.Count > RequestLimits.MaxArgs)
        {
            throw new InvalidRequestError($"args: has {args.Count} items; at most {RequestLimits.MaxArgs} are allowed.", "args", language);
        }

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is null)
            {
                throw new InvalidRequestError($"args[{i}]: must be a string, not null.", $"args[{i}]", language);
            }

            if (arg.Length > RequestLimits.MaxArgLength)
            {
                throw new InvalidRequestError(
                    $"args[{i}]: is {arg.Length} characters; at most {RequestLimits.MaxArgLength} are allowed.", $"args[{i}]", language);
            }

            if (arg.Contains('\0'))
            {
                throw new InvalidRequestError($"args[{i}]: must not contain NUL characters.", $"args[{i}]", language);
            }
        }
    }

    private static void ValidateEnv(IReadOnlyDictionary<string, string>? env, EffectiveLimits limits, ExecutionLanguage language)
    {
        if (env is null || env.Count == 0)
        {
            return;
        }

        if (!limits.AllowEnv)
        {
            throw new SecurityError("env: environment variables are visible only with limits.allowEnv set to true.", "env", language);
        }

        if (env.Count > RequestLimits.MaxEnvVariables)
        {
            throw new InvalidRequestError($"env: has {env.Count} variables; at most {RequestLimits.MaxEnvVariables} are allowed.", "env", language);
        }

        foreach (var (name, value) in env)
        {
            var field = $"env.{name}";
            if (name.Length == 0 || name.Contains('=') || name.Contains('\0'))
            {
                throw new InvalidRequestError($"{field}: a variable name must be non-empty and contain no '=' or NUL.", field, language);
            }

            if (value is null)
            {
                throw new InvalidRequestError($"{field}: must be a string, not null.", field, language);
            }

            if (value.Contains('\0'))
            {
                throw new InvalidRequestError($"{field}: must not contain NUL characters.", field, language);
            }

            if (name.Length + value.Length > RequestLimits.MaxEnvEntryLength)
            {
                throw new InvalidRequestError(
                    $"{field}: name and value are {name.Length + value.Length} characters; at most {RequestLimits.MaxEnvEntryLength} are allowed.", field, language);
            }
        }
    }

    private static void ValidateWorkingDirectory(string? directory, EffectiveLimits limits, ExecutionLanguage language)
    {
        if (string.IsNullOrEmpty(directory))
        {
            return;
        }

        const string field = "workingDirectory";
        if (!limits.AllowFileSystem)
        {
            throw new SecurityError($"{field}: needs limits.allowFileSystem set to true.", field, language);
        }

        if (directory.Length > RequestLimits.MaxWorkingDirectoryLength || directory.Contains('\0') || directory.Contains('\\'))
        {
            throw new InvalidRequestError(
                $"{field}: must be a path of at most {RequestLimits.MaxWorkingDirectoryLength} characters with '/' separators and no NUL.", field, language);
        }

        var relative = directory.StartsWith(SandboxDirectory + "/", StringComparison.Ordinal) ? directory[(SandboxDirectory.Length + 1)..]
            : directory == SandboxDirectory ? ""
            : directory.StartsWith('/') ? null
            : directory;
        if (relative is null || relative.Split('/').Any(part => part == ".."))
        {
            throw new InvalidRequestError(
                $"{field}: must be inside {SandboxDirectory} (relative, or absolute under {SandboxDirectory}) without '..'.", field, language);
        }

        CheckNameLengths(relative.Split('/'), field, language);
    }

    /// <summary>
    /// Refuses a path with a name longer than the file system's own bound (NAME_MAX), which is in bytes: 256 ASCII or
    /// 90 three-byte characters are already too many.
    /// </summary>
    internal static void CheckNameLengths(IEnumerable<string> names, string field, ExecutionLanguage language)
    {
        if (names.FirstOrDefault(part => Encoding.UTF8.GetByteCount(part) > RequestLimits.MaxPathComponentBytes) is { } tooLong)
        {
            throw new InvalidRequestError(
                $"{field}: each name in the path must be at most {RequestLimits.MaxPathComponentBytes} bytes in UTF-8; one is {Encoding.UTF8.GetByteCount(tooLong)} bytes.", field, language);
        }
    }

    /// <summary>The working directory as a path relative to the sandbox directory ("" for its root).</summary>
    private static string RelativeWorkingDirectory(string? directory)
    {
        if (string.IsNullOrEmpty(directory) || directory == SandboxDirectory)
        {
            return "";
        }

        return (directory.StartsWith(SandboxDirectory + "/", StringComparison.Ordinal) ? directory[(SandboxDirectory.Length + 1)..] : directory).Trim('/');
    }
}
