using CodeExecution.Core.Errors;
using CodeExecution.Core.Model;

namespace CodeExecution.Core.Validation;

/// <summary>
/// Checks a <c>wasm</c> request's <c>code</c>: base64 of a WebAssembly core module (its header, <c>\0asm</c> and
/// version 1) no larger than <c>limits.maxModuleSize</c>. Everything inside the module (validity, imports, features)
/// is the runtime's to judge, as a compiler judges source: see <see cref="Runtimes.Wasm.WasmModuleCompiler"/>.
/// </summary>
internal static class ModuleValidator
{
    private static readonly byte[] Magic = [0x00, 0x61, 0x73, 0x6d];
    private static readonly byte[] CoreVersion = [0x01, 0x00, 0x00, 0x00];

    /// <summary>The module's bytes, decoded from <paramref name="code"/>.</summary>
    /// <exception cref="InvalidRequestError">The code is not base64 or not a core module's header; the error names <c>code</c>.</exception>
    /// <exception cref="CodeSizeError">The module is larger than <c>limits.maxModuleSize</c>.</exception>
    public static byte[] Decode(string code, EffectiveLimits limits)
    {
        const string field = "code";
        var language = ExecutionLanguage.Wasm;

        // Decoded whole, then measured: the text is already in memory (bounded, over HTTP, by the body's limit), and
        // its bytes take three quarters of it.
        byte[] module;
        try
        {
            module = Convert.FromBase64String(code);
        }
        catch (FormatException)
        {
            throw new InvalidRequestError(
                $"{field}: a wasm program is its module's bytes in base64 (e.g. base64 -w0 prog.wasm); this is not valid base64.", field, language);
        }

        if (module.Length > limits.MaxModuleSize)
        {
            throw TooLarge(module.Length, limits);
        }

        if (module.Length < 8 || !module.AsSpan(0, 4).SequenceEqual(Magic))
        {
            throw new InvalidRequestError(
                $"{field}: decodes to {module.Length} bytes that are not a WebAssembly module (it must start with \\0asm).", field, language);
        }

        if (!module.AsSpan(4, 4).SequenceEqual(CoreVersion))
        {
            throw new InvalidRequestError(
                $"{field}: is a WebAssembly binary of version {Convert.ToHexString(module, 4, 4)}, not a core module of version 1 "
                + "(components are not supported: send a WASI preview 1 command module, e.g. --target=wasm32-wasi).", field, language);
        }

        return module;
    }

    private static CodeSizeError TooLarge(long bytes, EffectiveLimits limits) => new(
        $"code: the module is {bytes} bytes; limits.maxModuleSize is {limits.MaxModuleSize} bytes.", ExecutionLanguage.Wasm);
}
