using System.Text;
using CodeExecution.Functions.Functions;

namespace CodeExecution.Functions.Tests;

/// <summary><c>POST /api/execute</c> with a <c>wasm</c> program: a C program compiled here, sent as base64.</summary>
[Collection(FunctionsAppCollection.Name)]
public sealed class WasmExecuteTests(FunctionsAppFixture app)
{
    private ExecuteFunction Function => app.Host.Function<ExecuteFunction>();

    private Task<HttpAnswer> ExecuteAsync(string body) => HttpCall.SendAsync(HttpCall.Post("/api/execute", body), Function.Execute);

    [Fact]
    public async Task Execute_WasmModuleInBase64_Answers200WithWhatTheNativeBuildPrints()
    {
        const string input = "one\ntwo\n";
        var native = WasmPrograms.RunNative(WasmPrograms.NativePath("echo.c"), input);
        var code = Convert.ToBase64String(WasmPrograms.Module("echo.c"));

        var answer = await ExecuteAsync($$"""{"language":"wasm","code":"{{code}}","input":"one\ntwo\n"}""");

        Assert.Equal(200, answer.Status);
        Assert.True(answer.Json.GetProperty("success").GetBoolean());
        Assert.Equal(Encoding.UTF8.GetString(native.Stdout), answer.Text("stdout"));
        Assert.Equal("wasm", answer.Text("language"));
    }

    [Fact]
    public async Task Execute_WasmCodeNotBase64_Answers400NamingCode()
    {
        var answer = await ExecuteAsync("""{"language":"wasm","code":"int main(void) { return 0; }"}""");

        ExecuteFunctionTests.AssertProblem(answer, 400, "Invalid request", field: "code", code: "INVALID_REQUEST");
        Assert.Equal("code: a wasm program is its module's bytes in base64 (e.g. base64 -w0 prog.wasm); this is not valid base64.", answer.Text("detail"));
    }

    [Fact]
    public async Task Execute_WasmOverMaxModuleSize_Answers400NamingCode()
    {
        var code = Convert.ToBase64String(WasmPrograms.Module("echo.c"));

        var answer = await ExecuteAsync($$$"""{"language":"wasm","code":"{{{code}}}","limits":{"maxModuleSize":2048}}""");

        ExecuteFunctionTests.AssertProblem(answer, 400, "Code too large", field: "code", code: "CODE_TOO_LARGE");
        Assert.StartsWith("code: the module is ", answer.Text("detail"));
        Assert.EndsWith(" bytes; limits.maxModuleSize is 2048 bytes.", answer.Text("detail"));
    }

    [Fact]
    public async Task Execute_WasmImportingOutsideWasi_Answers200AsAProgramThatDoesNotCompile()
    {
        var code = Convert.ToBase64String(WasmPrograms.ModuleBytes(WasmPrograms.ModulePath(
            Path.Combine(WasmPrograms.SourceDirectory, "imports_env.c"), "-Wl,--allow-undefined")));

        var answer = await ExecuteAsync($$"""{"language":"wasm","code":"{{code}}"}""");

        Assert.Equal(200, answer.Status);
        Assert.False(answer.Json.GetProperty("success").GetBoolean());
        Assert.Equal(1, answer.Json.GetProperty("exitCode").GetInt32());
        Assert.StartsWith("main.wasm: error: the module imports env.host_secret (a function)", answer.Text("stderr"));
    }
}
