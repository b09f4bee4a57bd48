using System.CommandLine;
using CodeExecution.Cli.Commands;

var root = new RootCommand("codeexec: run untrusted Python, JavaScript, TypeScript, Ruby and WebAssembly (WASI) programs in WebAssembly sandboxes.")
{
    RunCommand.Create(),
    BatchCommand.Create(),
    GradeCommand.Create(),
    LanguagesCommand.Create(),
    JobCommand.Create(),
    RuntimesCommand.Create(),
    McpCommand.Create(),
};
root.Add(CommonOptions.RuntimesDirectory);
root.Add(CommonOptions.CacheDirectory);

return await root.Parse(args).InvokeAsync();
