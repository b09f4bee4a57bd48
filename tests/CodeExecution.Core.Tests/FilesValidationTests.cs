using CodeExecution.Core.Errors;
using CodeExecution.Core.Model;
using CodeExecution.Core.Validation;

namespace CodeExecution.Core.Tests;

/// <summary>A request's files, entry and outputFiles: each bad one refused with the field and the bound.</summary>
public sealed class FilesValidationTests
{
    private static ValidatedRequest Validate(ExecutionRequest request) => RequestValidator.Validate(request, EffectiveLimits.Default);

    private static ExecutionRequest WithFiles(params ExecutionFile[] files) =>
        new() { Language = ExecutionLanguage.Python, Code = "print(1)", Files = files };

    private static ExecutionFile Text(string path, string content = "x") => new() { Path = path, Content = content };

    [Theory]
    [InlineData("../escape.py", "files[0].path: '../escape.py' must stay inside /sandbox: no '..', '.' or empty names, and no trailing '/'.")]
    [InlineData("lib/../../x", "files[0].path: 'lib/../../x' must stay inside /sandbox: no '..', '.' or empty names, and no trailing '/'.")]
    [InlineData("/etc/passwd", "files[0].path: '/etc/passwd' is absolute; give it relative to /sandbox.")]
    [InlineData("a//b", "files[0].path: 'a//b' must stay inside /sandbox: no '..', '.' or empty names, and no trailing '/'.")]
    [InlineData("./a", "files[0].path: './a' must stay inside /sandbox: no '..', '.' or empty names, and no trailing '/'.")]
    [InlineData("dir/", "files[0].path: 'dir/' must stay inside /sandbox: no '..', '.' or empty names, and no trailing '/'.")]
    [InlineData("", "files[0].path: is required and must not be empty.")]
    [InlineData("a\\b", "files[0].path: must be a path of at most 1024 characters with '/' separators and no NUL or '\\'.")]
    public void Validate_APathThatEscapesOrIsMalformed_IsRefusedNamingIt(string path, string message)
    {
        var error = Assert.Throws<InvalidRequestError>(() => Validate(WithFiles(Text(path))));

        Assert.Equal(message, error.Message);
        Assert.Equal("files[0].path", error.Field);
    }

    [Fact]
    public void Validate_ANameLongerThanTheFileSystemAllows_IsRefused()
    {
        var error = Assert.Throws<InvalidRequestError>(() => Validate(WithFiles(Text($"lib/{new string('é', 128)}.py"))));

        Assert.Equal("files[0].path: each name in the path must be at most 255 bytes in UTF-8; one is 259 bytes.", error.Message);
    }

    [Fact]
    public void Validate_TheSamePathTwice_IsRefusedNamingBoth()
    {
        var error = Assert.Throws<InvalidRequestError>(() => Validate(WithFiles(Text("a.py"), Text("b.py"), Text("a.py"))));

        Assert.Equal("files[2].path: 'a.py' is given twice (also files[0].path).", error.Message);
        Assert.Equal("files[2].path", error.Field);
    }

    [Fact]
    public void Validate_AFileThatIsAlsoADirectory_IsRefused()
    {
        var error = Assert.Throws<InvalidRequestError>(() => Validate(WithFiles(Text("lib"), Text("lib/util.py"))));

        Assert.Equal("files[0].path: 'lib' is a file, but files[1].path puts 'lib/util.py' inside it.", error.Message);
    }

    [Fact]
    public void Validate_InvalidBase64_IsRefusedNamingTheFile()
    {
        var error = Assert.Throws<InvalidRequestError>(() =>
            Validate(WithFiles(new ExecutionFile { Path = "blob.bin", Content = "not base64!", Encoding = FileEncoding.Base64 })));

        Assert.Equal("files[0].path: the content of 'blob.bin' is not valid base64.", error.Message);
    }

    [Fact]
    public void Validate_AFileOverTheLimit_IsRefusedWithTheBound()
    {
        var request = WithFiles(Text("big.txt", new string('x', 2048))) with { Limits = new ExecutionLimits { MaxFilesSize = 1024 } };

        var error = Assert.Throws<InvalidRequestError>(() => Validate(request));

        Assert.Equal("files[0].path: 'big.txt' is 2048 bytes; limits.maxFilesSize is 1024 bytes.", error.Message);
    }

    [Fact]
    public void Validate_FilesTogetherOverTheLimit_AreRefusedAtTheFileThatPassesIt()
    {
        var request = WithFiles(Text("a.txt", new string('x', 600)), Text("b.txt", new string('y', 600)))
            with { Limits = new ExecutionLimits { MaxFilesSize = 1024 } };

        var error = Assert.Throws<InvalidRequestError>(() => Validate(request));

        Assert.Equal("files[1].path: with 'b.txt' the files come to 1200 bytes; limits.maxFilesSize is 1024 bytes for all of them.", error.Message);
    }

    [Theory]
    [InlineData(1023)]
    [InlineData(10 * 1024 * 1024 + 1)]
    public void Validate_MaxFilesSizeOutOfRange_IsRefused(int size)
    {
        var error = Assert.Throws<InvalidRequestError>(() => Validate(WithFiles() with { Limits = new ExecutionLimits { MaxFilesSize = size } }));

        Assert.Equal($"limits.maxFilesSize: {size} is out of range; it must be from 1024 to 10485760 bytes.", error.Message);
    }

    [Fact]
    public void Validate_MoreThanAHundredFiles_IsRefused()
    {
        var files = Enumerable.Range(0, 101).Select(i => Text($"f{i}.txt")).ToArray();

        var error = Assert.Throws<InvalidRequestError>(() => Validate(WithFiles(files)));

        Assert.Equal("files: has 101 items; at most 100 are allowed.", error.Message);
    }

    [Fact]
    public void Validate_Files_GiveTheRunAFileSystem_AndDecode()
    {
        var validated = Validate(WithFiles(Text("lib/util.py", "é"), new ExecutionFile { Path = "b.bin", Content = "AP8=", Encoding = FileEncoding.Base64 }));

        Assert.True(validated.Limits.AllowFileSystem);
        Assert.Equal(["lib/util.py", "b.bin"], validated.Files.Select(f => f.Path));
        Assert.Equal(new byte[] { 0xC3, 0xA9 }, validated.Files[0].Content.ToArray());
        Assert.Equal(new byte[] { 0x00, 0xFF }, validated.Files[1].Content.ToArray());
    }

    [Fact]
    public void Validate_FilesWithTheFileSystemTurnedOff_AreRefused()
    {
        var request = WithFiles(Text("a.txt")) with { Limits = new ExecutionLimits { AllowFileSystem = false } };

        var error = Assert.Throws<SecurityError>(() => Validate(request));

        Assert.Equal("files: are placed in a file system, and limits.allowFileSystem is false.", error.Message);
    }

    [Fact]
    public void Validate_Entry_MakesThatFileTheProgram()
    {
        var request = WithFiles(Text("app/main.py", "print('entry')")) with { Code = null, Entry = "app/main.py" };

        var validated = Validate(request);

        Assert.Equal("print('entry')", validated.Code);
        Assert.Equal("app/main.py", validated.EntryPath);
    }

    [Theory]
    [InlineData("missing.py", null, "entry: 'missing.py' is not the path of one of the files.")]
    [InlineData("main.py", "print(2)", "entry: give the program either as code or as entry, not both.")]
    public void Validate_ABadEntry_IsRefused(string entry, string? code, string message)
    {
        var request = WithFiles(Text("main.py")) with { Code = code, Entry = entry };

        var error = Assert.Throws<InvalidRequestError>(() => Validate(request));

        Assert.Equal(message, error.Message);
        Assert.Equal("entry", error.Field);
    }

    [Fact]
    public void Validate_AnEntryThatIsNotText_IsRefused()
    {
        var request = WithFiles(new ExecutionFile { Path = "main.py", Content = "/w==", Encoding = FileEncoding.Base64 }) with { Code = null, Entry = "main.py" };

        var error = Assert.Throws<InvalidRequestError>(() => Validate(request));

        Assert.Equal("entry: 'main.py' is not UTF-8 text, so it cannot be the program.", error.Message);
    }

    [Fact]
    public void Validate_NeitherCodeNorEntry_IsRefused()
    {
        var error = Assert.Throws<InvalidRequestError>(() => Validate(new ExecutionRequest { Language = ExecutionLanguage.Python }));

        Assert.Equal("code: is required (or entry, naming the file among files that is the program).", error.Message);
    }

    [Theory]
    [InlineData("../*.txt", "outputFiles[0]: must be relative to /sandbox, without '..'.")]
    [InlineData("/sandbox/*.txt", "outputFiles[0]: must be relative to /sandbox, without '..'.")]
    [InlineData("", "outputFiles[0]: must be a glob pattern of 1 to 1024 characters with '/' separators and no NUL.")]
    public void Validate_ABadOutputPattern_IsRefused(string pattern, string message)
    {
        var error = Assert.Throws<InvalidRequestError>(() => Validate(WithFiles(Text("a.txt")) with { OutputFiles = [pattern] }));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Validate_OutputFilesWithoutAFileSystem_AreRefused()
    {
        var error = Assert.Throws<SecurityError>(() => Validate(WithFiles() with { OutputFiles = ["*.txt"] }));

        Assert.Equal("outputFiles: need a file system: give files, or set limits.allowFileSystem to true.", error.Message);
    }
}
