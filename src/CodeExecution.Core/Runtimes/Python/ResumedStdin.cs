namespace CodeExecution.Core.Runtimes.Python;

/// <summary>
/// What a resumed interpreter's stdin delivers (<see cref="ResumedStdinWasi"/>): its encoded request
/// (<see cref="PythonRequestEncoding"/>) followed by the program's input, then end of file.
/// </summary>
/// <remarks>Single-threaded: read only by the guest, on the execution's thread.</remarks>
internal sealed class ResumedStdin(byte[] bytes)
{
    private int _position;

    /// <summary>Copies the next bytes into <paramref name="destination"/>; 0 at the end.</summary>
    public int Read(Span<byte> destination)
    {
        var count = Math.Min(destination.Length, bytes.Length - _position);
        bytes.AsSpan(_position, count).CopyTo(destination);
        _position += count;
        return count;
    }
}
