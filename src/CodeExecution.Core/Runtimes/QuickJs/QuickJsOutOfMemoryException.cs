namespace CodeExecution.Core.Runtimes.QuickJs;

/// <summary>The guest's allocator refused a block the host asked for (its memory is at the limit).</summary>
internal sealed class QuickJsOutOfMemoryException() : Exception("The JavaScript sandbox is out of memory.");
