using CodeExecution.Core.Model;

namespace CodeExecution.Cli;

/// <summary>
/// A terminal's typed lines as a program's stdin, as they come (<c>codeexec run</c> with no stdin piped in): each
/// line the user ends with Enter is passed on, and Ctrl-D (end of file) ends the program's input.
/// </summary>
internal static class TerminalInput
{
    /// <summary>Starts reading the console on a background thread, which never keeps codeexec running once the program has ended.</summary>
    public static InteractiveInput Start()
    {
        var input = new InteractiveInput();
        var reader = new Thread(() => Pump(input)) { IsBackground = true, Name = "codeexec terminal input" };
        reader.Start();
        return input;
    }

    private static void Pump(InteractiveInput input)
    {
        try
        {
            while (Console.In.ReadLine() is { } line)
            {
                if (!input.Write(line + "\n"))
                {
                    return;
                }
            }
        }
        catch (IOException)
        {
            // The terminal went away: that ends the input as Ctrl-D would.
        }
        finally
        {
            input.Complete();
        }
    }
}
