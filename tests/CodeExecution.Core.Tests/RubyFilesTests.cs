using CodeExecution.Core.Model;
using static CodeExecution.Core.Tests.ProjectFiles;

namespace CodeExecution.Core.Tests;

/// <summary>
/// Ruby programs of several files, and files in and out: each compared with <c>ruby</c> run on the same files in a
/// directory of its own (the output, the exit code, and every file it created or changed). These start Ruby cold:
/// the snapshot's C library has already listed its preopened directories.
/// </summary>
[Collection(ExecutorCollection.Name)]
public sealed class RubyFilesTests(ExecutorFixture fixture)
{
    private Task<ExecutionResult> AssertSameAsRubyAsync(string entry, params ExecutionFile[] files) =>
        ProjectFiles.AssertSameAsNativeAsync(fixture, ExecutionLanguage.Ruby, "ruby", entry, files);

    [Fact]
    public Task RequireRelative_LoadsSiblingFiles() => AssertSameAsRubyAsync(
        "main.rb",
        Text("main.rb", "require_relative 'lib/shapes'\nrequire_relative 'helper'\nputs Shapes.square(3), Helper::NAME\np $LOADED_FEATURES.grep(/helper|shapes/).map { |path| File.basename(path) }\n"),
        Text("helper.rb", "module Helper\n  NAME = 'helper'\nend\n"),
        Text("lib/shapes.rb", "module Shapes\n  def self.square(x) = x * x\nend\n"));

    [Fact]
    public async Task FilesReadAndWritten_ComeBackAsRubyLeavesThem()
    {
        var result = await AssertSameAsRubyAsync(
            "main.rb",
            Text("main.rb",
                "rows = File.readlines('data.csv', chomp: true).map { |line| line.split(',') }\np rows\nDir.mkdir('out') unless Dir.exist?('out')\n"
                + "File.write('out/total.txt', \"#{rows.drop(1).sum { |r| r[1].to_i }}\\n\")\nFile.binwrite('out/bytes.bin', [0, 255, 10].pack('C*'))\n"
                + "File.open('data.csv', 'a') { |f| f.puts 'c,3' }\np Dir.glob('**/*').sort\n"),
            Text("data.csv", "name,count\na,1\nb,2\n"));

        Assert.True(result.Success, result.Stderr);
    }
}
