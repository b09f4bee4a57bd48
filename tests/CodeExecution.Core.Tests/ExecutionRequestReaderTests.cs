using System.Text.Json;
using CodeExecution.Core.Errors;
using CodeExecution.Core.Model;
using CodeExecution.Core.Serialization;

namespace CodeExecution.Core.Tests;

public sealed class ExecutionRequestReaderTests
{
    [Fact]
    public void Read_SeedRequest_MapsEveryField()
    {
        var request = ExecutionRequestReader.Read("""
            {"code":"print(1)","language":"python","input":"in","limits":{"timeoutMs":2000,"maxMemoryMB":128,"maxOutputSize":5000,"allowEnv":true},
             "args":["a","b"],"env":{"K":"V"},"workingDirectory":"/sandbox/w"}
            """);

        Assert.Equal("print(1)", request.Code);
        Assert.Equal(ExecutionLanguage.Python, request.Language);
        Assert.Equal("in", request.Input);
        Assert.Equal(2000, request.Limits!.TimeoutMs);
        Assert.Equal(128, request.Limits.MaxMemoryMB);
        Assert.Equal(5000, request.Limits.MaxOutputSize);
        Assert.Null(request.Limits.MaxInputSize);
        Assert.True(request.Limits.AllowEnv);
        Assert.Equal(["a", "b"], request.Args);
        Assert.Equal("V", request.Env!["K"]);
        Assert.Equal("/sandbox/w", request.WorkingDirectory);
    }

    [Fact]
    public void Read_MaxInstructions_IsALong()
    {
        var request = ExecutionRequestReader.Read("""{"code":"1","language":"js","limits":{"maxInstructions":50000000000}}""");

        Assert.Equal(50_000_000_000, request.Limits!.MaxInstructions);
    }

    [Fact]
    public void Serialize_MetadataWithABudget_CarriesTheHitAndTheCount()
    {
        var json = JsonSerializer.Serialize(new ExecutionMetadata { InstructionLimitHit = true, Instructions = 1_000_000 }, CodeExecutionJson.Options);

        Assert.Contains("\"instructionLimitHit\":true,\"instructions\":1000000", json);
    }

    [Theory]
    [InlineData("JavaScript", ExecutionLanguage.JavaScript)]
    [InlineData("js", ExecutionLanguage.JavaScript)]
    [InlineData("ts", ExecutionLanguage.TypeScript)]
    [InlineData("py", ExecutionLanguage.Python)]
    public void Read_LanguageAliases_AreAccepted(string name, ExecutionLanguage expected)
    {
        Assert.Equal(expected, ExecutionRequestReader.Read($$"""{"code":"","language":"{{name}}"}""").Language);
    }

    [Theory]
    [InlineData("""{"code":"x"}""", "language: is required.", "language")]
    [InlineData("""{"code":"x","language":"python","limits":{"timeoutMs":"fast"}}""", null, "limits.timeoutMs")]
    [InlineData("""{"code":"x","language":"python","limits":{"timeout":100}}""", "limits.timeout: is not a known field.", "limits.timeout")]
    [InlineData("""{"code":"x","language":"python","code":"y"}""", null, "code")]
    [InlineData("""{"code":42,"language":"python"}""", null, "code")]
    [InlineData("""{"code":"x","language":5}""", null, "language")]
    [InlineData("""{"code":"x","language":"python",""", null, "$")]
    [InlineData("null", "The request must be a JSON object, not null.", "$")]
    public void Read_BadJson_IsAnInvalidRequestNamingTheField(string json, string? message, string field)
    {
        var error = Assert.Throws<InvalidRequestError>(() => ExecutionRequestReader.Read(json));

        Assert.Equal(field, error.Field);
        if (message is not null)
        {
            Assert.Equal(message, error.Message);
        }
        else
        {
            Assert.StartsWith(field == "$" ? "body: " : field + ": ", error.Message);
        }
    }

    [Fact]
    public void Read_UnknownLanguage_IsUnsupportedLanguageError()
    {
        var error = Assert.Throws<UnsupportedLanguageError>(() => ExecutionRequestReader.Read("""{"code":"x","language":"cobol"}"""));

        Assert.Equal("Unsupported language 'cobol'. Supported languages: python, javascript, typescript, ruby, wasm.", error.Message);
        Assert.Equal("language", error.Field);
    }

    [Fact]
    public void Serialize_Result_UsesTheSeedsCamelCaseShape()
    {
        var json = JsonSerializer.Serialize(new ExecutionResult { Language = ExecutionLanguage.TypeScript, Metadata = new ExecutionMetadata { RuntimeUsed = "r" } }, CodeExecutionJson.Options);

        Assert.Equal(
            """{"success":false,"exitCode":0,"stdout":"","stderr":"","output":"","language":"typescript","executionTime":0,"metadata":{"startTime":0,"endTime":0,"timeoutHit":false,"memoryLimitHit":false,"outputTruncated":false,"wasSandboxed":true,"runtimeUsed":"r","version":""}}""",
            json);
    }
}
