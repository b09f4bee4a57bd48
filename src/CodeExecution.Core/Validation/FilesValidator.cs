using System.Buffers.Text;
using System.Text;
using CodeExecution.Core.Errors;
using CodeExecution.Core.Model;
using CodeExecution.Core.Sandbox;

namespace CodeExecution.Core.Validation;

/// <summary>
/// Checks a request's <c>files</c>, <c>entry</c> and <c>outputFiles</c>: every path relative and inside
/// <c>/sandbox</c>, no file given twice or also used as a directory, contents that decode, and sizes within
/// <c>limits.maxFilesSize</c>. Each failure names the file's field and the bound.
/// </summary>
internal static class FilesValidator
{
    private const string SandboxDirectory = SandboxSettings.SandboxDirectory;

    /// <summary>The request's files decoded, with the entry's path and text when it names one.</summary>
    public static (IReadOnlyList<SandboxFile> Files, string? EntryPath, string? EntryCode) Validate(
        ExecutionRequest request, EffectiveLimits limits, ExecutionLanguage language)
    {
        var given = request.Files ?? [];
        if (given.Count > RequestLimits.MaxFiles)
        {
            throw new InvalidRequestError($"files: has {given.Count} items; at most {RequestLimits.MaxFiles} are allowed.", "files", language);
        }

        var files = new List<SandboxFile>(given.Count);
        var indexByPath = new Dictionary<string, int>(StringComparer.Ordinal);
        long total = 0;
        for (var i = 0; i < given.Count; i++)
        {
            var field = $"files[{i}].path";
            var file = given[i] ?? throw new InvalidRequestError($"files[{i}]: must be an object with path and content, not null.", $"files[{i}]", language);
            var path = CheckPath(file.Path, field, language);
            if (indexByPath.TryGetValue(path, out var first))
            {
                throw new InvalidRequestError($"{field}: '{path}' is given twice (also files[{first}].path).", field, language);
            }

            var content = Decode(file, field, path, language);
            if (content.Length > limits.MaxFilesSize)
            {
                throw new InvalidRequestError(
                    $"{field}: '{path}' is {content.Length} bytes; limits.maxFilesSize is {limits.MaxFilesSize} bytes.", field, language);
            }

            total += content.Length;
            if (total > limits.MaxFilesSize)
            {
                throw new InvalidRequestError(
                    $"{field}: with '{path}' the files come to {total} bytes; limits.maxFilesSize is {limits.MaxFilesSize} bytes for all of them.",
                    field, language);
            }

            indexByPath.Add(path, i);
            files.Add(new SandboxFile(path, content));
        }

        // A path that is also another's directory ('lib' and 'lib/util.py') cannot be both on a file system.
        foreach (var (path, index) in indexByPath)
        {
            for (var slash = path.IndexOf('/'); slash > 0; slash = path.IndexOf('/', slash + 1))
            {
                if (indexByPath.TryGetValue(path[..slash], out var other))
                {
                    throw new InvalidRequestError(
                        $"files[{other}].path: '{path[..slash]}' is a file, but files[{index}].path puts '{path}' inside it.",
                        $"files[{other}].path", language);
                }
            }
        }

        var (entryPath, entryCode) = ValidateEntry(request, files, indexByPath, language);
        return (files, entryPath, entryCode);
    }

    /// <summary>Checks <c>outputFiles</c>: a few glob patterns, relative to <c>/sandbox</c>.</summary>
    public static IReadOnlyList<string> ValidateOutputFiles(IReadOnlyList<string>? patterns, ExecutionLanguage language)
    {
        if (patterns is null)
        {
            return [];
        }

        if (patterns.Count > RequestLimits.MaxOutputFilePatterns)
        {
            throw new InvalidRequestError(
                $"outputFiles: has {patterns.Count} patterns; at most {RequestLimits.MaxOutputFilePatterns} are allowed.", "outputFiles", language);
        }

        for (var i = 0; i < patterns.Count; i++)
        {
            var field = $"outputFiles[{i}]";
            var pattern = patterns[i];
            if (string.IsNullOrEmpty(pattern) || pattern.Length > RequestLimits.MaxFilePathLength || pattern.Contains('\0') || pattern.Contains('\\'))
            {
                throw new InvalidRequestError(
                    $"{field}: must be a glob pattern of 1 to {RequestLimits.MaxFilePathLength} characters with '/' separators and no NUL.", field, language);
            }

            if (pattern.StartsWith('/') || pattern.Split('/').Contains(".."))
            {
                throw new InvalidRequestError($"{field}: must be relative to {SandboxDirectory}, without '..'.", field, language);
            }
        }

        return patterns;
    }

    private static string CheckPath(string? path, string field, ExecutionLanguage language)
    {
        if (string.IsNullOrEmpty(path))
        {
            throw new InvalidRequestError($"{field}: is required and must not be empty.", field, language);
        }

        if (path.Length > RequestLimits.MaxFilePathLength || path.Contains('\0') || path.Contains('\\'))
        {
            throw new InvalidRequestError(
                $"{field}: must be a path of at most {RequestLimits.MaxFilePathLength} characters with '/' separators and no NUL or '\\'.", field, language);
        }

        if (path.StartsWith('/'))
        {
            throw new InvalidRequestError($"{field}: '{path}' is absolute; give it relative to {SandboxDirectory}.", field, language);
        }

        var parts = path.Split('/');
        if (parts.Any(part => part is "" or "." or ".."))
        {
            throw new InvalidRequestError(
                $"{field}: '{path}' must stay inside {SandboxDirectory}: no '..', '.' or empty names, and no trailing '/'.", field, language);
        }

        RequestValidator.CheckNameLengths(parts, field, language);
        return path;
    }

    private static byte[] Decode(ExecutionFile file, string field, string path, ExecutionLanguage language)
    {
        var content = file.Content ?? throw new InvalidRequestError($"{field}: '{path}' has no content; give \"\" for an empty file.", field, language);
        if (file.Encoding != FileEncoding.Base64)
        {
            return Encoding.UTF8.GetBytes(content);
        }

        var bytes = new byte[Base64.GetMaxDecodedFromUtf8Length(content.Length)];
        if (!Convert.TryFromBase64String(content, bytes, out var written))
        {
            throw new InvalidRequestError($"{field}: the content of '{path}' is not valid base64.", field, language);
        }

        return bytes[..written];
    }

    private static (string? Path, string? Code) ValidateEntry(
        ExecutionRequest request, List<SandboxFile> files, Dictionary<string, int> indexByPath, ExecutionLanguage language)
    {
        if (request.Entry is not { } entry)
        {
            return (null, null);
        }

        if (request.Code is not null)
        {
            throw new InvalidRequestError("entry: give the program either as code or as entry, not both.", "entry", language);
        }

        var relative = entry.StartsWith(SandboxDirectory + "/", StringComparison.Ordinal) ? entry[(SandboxDirectory.Length + 1)..] : entry;
        if (!indexByPath.TryGetValue(relative, out var index))
        {
            throw new InvalidRequestError($"entry: '{entry}' is not the path of one of the files.", "entry", language);
        }

        var content = files[index].Content.Span;
        string code;
        try
        {
            code = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidRequestError($"entry: '{relative}' is not UTF-8 text, so it cannot be the program.", "entry", language);
        }

        return (relative, code);
    }
}
