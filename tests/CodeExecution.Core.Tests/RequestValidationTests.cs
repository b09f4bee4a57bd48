using CodeExecution.Core.Errors;
using CodeExecution.Core.Model;
using CodeExecution.Core.Validation;

namespace CodeExecution.Core.Tests;

public sealed class RequestValidationTests
{
    private static ValidatedRequest Validate(ExecutionRequest request) => RequestValidator.Validate(request, EffectiveLimits.Default);

    private static ExecutionRequest Python(string code = "print(1)") => new() { Code = code, Language = ExecutionLanguage.Python };

    [Fact]
    public void Validate_NoLimits_TakesTheSeedDefaults()
    {
        var limits = Validate(Python()).Limits;

        Assert.Equal(5000, limits.TimeoutMs);
        Assert.Equal(256, limits.MaxMemoryMB);
        Assert.Equal(1024 * 1024, limits.MaxOutputSize);
        Assert.Equal(100 * 1024, limits.MaxInputSize);
        Assert.False(limits.AllowNetwork);
        Assert.False(limits.AllowFileSystem);
        Assert.False(limits.AllowEnv);
        Assert.False(limits.AllowProcess);
    }

    [Fact]
    public void Validate_PartialLimits_OverrideOnlyWhatTheyName()
    {
        var limits = Validate(Python() with { Limits = new ExecutionLimits { TimeoutMs = 2000, MaxOutputSize = 5000 } }).Limits;

        Assert.Equal(2000, limits.TimeoutMs);
        Assert.Equal(5000, limits.MaxOutputSize);
        Assert.Equal(256, limits.MaxMemoryMB);
    }

    [Theory]
    [InlineData(99, null, null, null, "limits.timeoutMs: 99 is out of range; it must be from 100 to 10000 ms.")]
    [InlineData(10001, null, null, null, "limits.timeoutMs: 10001 is out of range; it must be from 100 to 10000 ms.")]
    [InlineData(null, 15, null, null, "limits.maxMemoryMB: 15 is out of range; it must be from 16 to 512 MB.")]
    [InlineData(null, 513, null, null, "limits.maxMemoryMB: 513 is out of range; it must be from 16 to 512 MB.")]
    [InlineData(null, null, 1023, null, "limits.maxOutputSize: 1023 is out of range; it must be from 1024 to 10485760 bytes.")]
    [InlineData(null, null, -5, null, "limits.maxOutputSize: -5 is out of range; it must be from 1024 to 10485760 bytes.")]
    [InlineData(null, null, null, 1048577, "limits.maxInputSize: 1048577 is out of range; it must be from 1024 to 1048576 bytes.")]
    public void Validate_LimitOutOfRange_NamesTheFieldAndTheBound(int? timeout, int? memory, int? output, int? input, string message)
    {
        var request = Python() with { Limits = new ExecutionLimits { TimeoutMs = timeout, MaxMemoryMB = memory, MaxOutputSize = output, MaxInputSize = input } };

        var error = Assert.Throws<InvalidRequestError>(() => Validate(request));

        Assert.Equal(message, error.Message);
        Assert.Equal(message.Split(':')[0], error.Field);
        Assert.Equal(CodeExecutionError.Codes.InvalidRequest, error.Code);
    }

    [Theory]
    [InlineData(999_999L)]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(1_000_000_000_001L)]
    public void Validate_MaxInstructionsOutOfRange_NamesTheFieldAndTheBound(long budget)
    {
        var request = Python() with { Limits = new ExecutionLimits { MaxInstructions = budget } };

        var error = Assert.Throws<InvalidRequestError>(() => Validate(request));

        Assert.Equal($"limits.maxInstructions: {budget} is out of range; it must be from 1000000 to 1000000000000 instructions.", error.Message);
        Assert.Equal("limits.maxInstructions", error.Field);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(1_000_000L)]
    [InlineData(1_000_000_000_000L)]
    public void Validate_MaxInstructionsInRangeOrUnset_IsKept(long? budget)
    {
        var limits = Validate(Python() with { Limits = new ExecutionLimits { MaxInstructions = budget } }).Limits;

        Assert.Equal(budget, limits.MaxInstructions);
    }

    [Fact]
    public void Validate_CodeOver100KB_ThrowsCodeSizeError()
    {
        var error = Assert.Throws<CodeSizeError>(() => Validate(Python(new string('#', 100 * 1024 + 1))));

        Assert.Equal("code: is 102401 bytes; the limit is 102400 bytes (100 KB).", error.Message);
        Assert.Equal("code", error.Field);
    }

    [Fact]
    public void Validate_CodeOfExactly100KB_IsAccepted()
    {
        Assert.NotNull(Validate(Python(new string('#', 100 * 1024))));
    }

    [Fact]
    public void Validate_InputOverItsLimit_NamesTheLimit()
    {
        var request = Python() with { Input = new string('x', 2048), Limits = new ExecutionLimits { MaxInputSize = 1024 } };

        var error = Assert.Throws<InvalidRequestError>(() => Validate(request));

        Assert.Equal("input: is 2048 bytes; limits.maxInputSize is 1024 bytes.", error.Message);
    }

    [Fact]
    public void Validate_TooManyArgs_IsRefused()
    {
        var request = Python() with { Args = Enumerable.Range(0, 21).Select(i => $"a{i}").ToList() };

        var error = Assert.Throws<InvalidRequestError>(() => Validate(request));

        Assert.Equal("args: has 21 items; at most 20 are allowed.", error.Message);
    }

    [Fact]
    public void Validate_ArgTooLong_NamesItsIndex()
    {
        var request = Python() with { Args = ["ok", new string('a', 1001)] };

        var error = Assert.Throws<InvalidRequestError>(() => Validate(request));

        Assert.Equal("args[1]: is 1001 characters; at most 1000 are allowed.", error.Message);
        Assert.Equal("args[1]", error.Field);
    }

    [Fact]
    public void Validate_Processes_AreASecurityError()
    {
        var error = Assert.Throws<SecurityError>(() => Validate(Python() with { Limits = new ExecutionLimits { AllowProcess = true } }));

        Assert.Equal("limits.allowProcess: the sandbox cannot create processes; only false is accepted.", error.Message);
        Assert.Equal("limits.allowProcess", error.Field);
    }

    [Fact]
    public void Validate_EnvWithoutAllowEnv_IsRefused()
    {
        var request = Python() with { Env = new Dictionary<string, string> { ["A"] = "1" } };

        var error = Assert.Throws<SecurityError>(() => Validate(request));

        Assert.Equal("env: environment variables are visible only with limits.allowEnv set to true.", error.Message);
    }

    [Fact]
    public void Validate_EnvNameWithEquals_IsRefused()
    {
        var request = Python() with { Env = new Dictionary<string, string> { ["A=B"] = "1" }, Limits = new ExecutionLimits { AllowEnv = true } };

        var error = Assert.Throws<InvalidRequestError>(() => Validate(request));

        Assert.Equal("env.A=B: a variable name must be non-empty and contain no '=' or NUL.", error.Message);
    }

    [Theory]
    [InlineData("/etc")]
    [InlineData("../outside")]
    [InlineData("/sandbox/../etc")]
    public void Validate_WorkingDirectoryOutsideTheSandbox_IsRefused(string directory)
    {
        var request = Python() with { WorkingDirectory = directory, Limits = new ExecutionLimits { AllowFileSystem = true } };

        var error = Assert.Throws<InvalidRequestError>(() => Validate(request));

        Assert.Equal("workingDirectory", error.Field);
    }

    [Theory]
    [InlineData(256, "a", 256)]
    [InlineData(90, "漢", 270)]
    public void Validate_WorkingDirectoryNameLongerThanTheFileSystemAllows_IsRefusedInBytes(int count, string character, int bytes)
    {
        var directory = string.Concat(Enumerable.Repeat(character, count));
        var request = Python() with { WorkingDirectory = directory, Limits = new ExecutionLimits { AllowFileSystem = true } };

        var error = Assert.Throws<InvalidRequestError>(() => Validate(request));

        Assert.Equal($"workingDirectory: each name in the path must be at most 255 bytes in UTF-8; one is {bytes} bytes.", error.Message);
        Assert.Equal("workingDirectory", error.Field);
    }

    [Fact]
    public void Validate_WorkingDirectoryWithoutFileSystem_IsRefused()
    {
        var error = Assert.Throws<SecurityError>(() => Validate(Python() with { WorkingDirectory = "work" }));

        Assert.Equal("workingDirectory: needs limits.allowFileSystem set to true.", error.Message);
    }

    [Fact]
    public void Validate_NulInCode_IsRefusedNamingCode()
    {
        var error = Assert.Throws<InvalidRequestError>(() => Validate(Python("print(1)\0")));

        Assert.Equal("code: must not contain NUL characters; no supported language accepts them in source.", error.Message);
        Assert.Equal("code", error.Field);
    }

    [Fact]
    public void Validate_NulInInput_IsAccepted()
    {
        Assert.NotNull(Validate(Python() with { Input = "binary\0data" }));
    }
}
