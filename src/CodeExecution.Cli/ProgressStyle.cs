namespace CodeExecution.Cli;

/// <summary>How <see cref="ProgressReporter"/> shows progress on stderr.</summary>
internal enum ProgressStyle
{
    /// <summary>Nothing: <c>--no-progress</c>.</summary>
    None,

    /// <summary>Plain lines, never redrawn, a few per run: for a log or a pipe, where a carriage return would be noise.</summary>
    Lines,

    /// <summary>One line redrawn in place (carriage return, clear to end of line): for a terminal.</summary>
    Redraw,
}
