using Microsoft.Extensions.Logging;

namespace CodeExecution.Storage;

public sealed partial class BlobPrecompiledModuleStore
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Precompiled artifact {Blob} has no sha256 metadata; ignoring it")]
    private partial void LogMissingHash(string blob);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Downloading precompiled artifact {Blob} failed; compiling instead")]
    private partial void LogDownloadFailed(Exception exception, string blob);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Uploading precompiled artifact {Blob} failed; the next cold start compiles again")]
    private partial void LogUploadFailed(Exception exception, string blob);
}
