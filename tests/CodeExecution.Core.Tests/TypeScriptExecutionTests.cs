using CodeExecution.Core.Model;

namespace CodeExecution.Core.Tests;

/// <summary>TypeScript is type-stripped by sucrase inside the sandbox, then runs like JavaScript.</summary>
[Collection(ExecutorCollection.Name)]
public sealed class TypeScriptExecutionTests(ExecutorFixture fixture)
{
    private Task<ExecutionResult> TypeScript(string code, string? input = null, ExecutionLimits? limits = null) =>
        fixture.RunAsync(ExecutionLanguage.TypeScript, code, input, limits);

    [Fact]
    public async Task TypeScript_TypedProgram_RunsAndPrints()
    {
        var result = await TypeScript("""
            interface User { name: string; age?: number }
            type Pair<T> = [T, T];
            const greet = (user: User): string => `Hello, ${user.name}!`;
            const pair: Pair<number> = [5, 3];
            console.log(greet({ name: 'TypeScript' }), pair[0] + pair[1]);
            """);

        Assert.True(result.Success, result.Error);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Hello, TypeScript! 8\n", result.Stdout);
        Assert.Equal("", result.Stderr);
        Assert.Equal(ExecutionLanguage.TypeScript, result.Language);
        Assert.Equal("QuickJS-NG (WASI) + sucrase", result.Metadata.RuntimeUsed);
        Assert.Equal("3.6.2", result.Metadata.Version);
    }

    [Fact]
    public async Task TypeScript_ClassesEnumsAndGenerics_Work()
    {
        var result = await TypeScript("""
            enum Color { Red, Green = 'green' }
            abstract class Shape { abstract area(): number; }
            class Square extends Shape {
              constructor(private readonly side: number, public label: string = 'sq') { super(); }
              area(): number { return this.side ** 2; }
            }
            function first<T extends { area(): number }>(items: T[]): T | undefined { return items[0]; }
            const config = { retries: 3 } satisfies Record<string, number>;
            const maybe: Square | null = new Square(4);
            const sq = first([maybe!]) as Square;
            console.log(Color.Red, Color.Green, Color[0], sq.area(), sq.label, config.retries, sq);
            """);

        Assert.True(result.Success, result.Error);
        Assert.Equal("0 green Red 16 sq 3 Square { side: 4, label: 'sq' }\n", result.Stdout);
    }

    [Fact]
    public async Task TypeScript_TypeOnlyImportsAndStdin_Work()
    {
        var result = await TypeScript("""
            import type { Buffer } from 'node:buffer';
            import { readFileSync } from 'fs';
            const text: string = readFileSync(0, 'utf8') as string;
            const size: number = await Promise.resolve(text.length);
            console.log(text.toUpperCase(), size);
            """, input: "abc");

        Assert.True(result.Success, result.Error);
        Assert.Equal("ABC 3\n", result.Stdout);
    }

    [Fact]
    public async Task TypeScript_SyntaxError_ReportsLineAndColumn()
    {
        var result = await TypeScript("const ok: number = 1;\nlet broken = (;\n");

        Assert.False(result.Success);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Equal("main.ts:2:15 - error: Unexpected token\n", result.Stderr);
        Assert.Equal("Process exited with code 1.", result.Error);
    }

    [Fact]
    public async Task TypeScript_RuntimeError_PointsAtTheSourceLine()
    {
        var result = await TypeScript("const n: number = 1;\nfunction fail(): never { throw new Error('typed failure'); }\nfail();");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Error: typed failure", result.Stderr.Split('\n')[0]);
        Assert.Contains("(main.ts:2:", result.Stderr);
    }

    [Fact]
    public async Task TypeScript_EndlessLoop_StopsWithTimeoutHit()
    {
        var result = await TypeScript("let i: number = 0; while (true) { i++; }", limits: new ExecutionLimits { TimeoutMs = 300 });

        Assert.True(result.Metadata.TimeoutHit);
        Assert.Equal(124, result.ExitCode);
    }

    [Fact]
    public async Task TypeScript_TranspilerAndGlobals_DoNotLeakBetweenExecutions()
    {
        var first = await TypeScript("(globalThis as any).leak = 1;");
        var second = await TypeScript("console.log(typeof (globalThis as any).leak, typeof (globalThis as any).sucrase);");

        Assert.True(first.Success, first.Error);
        Assert.Equal("undefined undefined\n", second.Stdout);
    }
}
