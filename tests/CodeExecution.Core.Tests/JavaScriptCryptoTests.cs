using CodeExecution.Core.Model;

namespace CodeExecution.Core.Tests;

/// <summary>Node's crypto module (hashes from @noble/hashes, random bytes from the host), compared with <c>node</c> run in the test.</summary>
[Collection(ExecutorCollection.Name)]
public sealed class JavaScriptCryptoTests(ExecutorFixture fixture)
{
    private Task AssertSameAsNode(string code) => Native.AssertJavaScriptMatchesNodeAsync(fixture, $"const crypto = require('crypto');\n{code}");

    [Theory]
    [InlineData("md5")]
    [InlineData("sha1")]
    [InlineData("sha224")]
    [InlineData("sha256")]
    [InlineData("SHA256")]
    [InlineData("sha384")]
    [InlineData("sha512")]
    [InlineData("sha512-256")]
    [InlineData("sha3-256")]
    [InlineData("sha3-512")]
    [InlineData("ripemd160")]
    [InlineData("blake2b512")]
    [InlineData("blake2s256")]
    public Task Hashes_MatchNode(string algorithm) => AssertSameAsNode(
        $"const h = crypto.createHash('{algorithm}');\nh.update('héllo ').update(Buffer.from([0, 255])).update('ff00', 'hex');\nconst copy = h.copy();\n"
        + "console.log(h.digest('hex'), copy.digest('base64'), crypto.createHash('" + algorithm + "').update('').digest(), crypto.hash('" + algorithm + "', 'x'));");

    [Theory]
    [InlineData("console.log(crypto.createHmac('sha256', 'key').update('data').digest('hex'), crypto.createHmac('sha1', Buffer.from('k')).update('x').digest('base64'));")]
    [InlineData("console.log(crypto.createHmac('sha512', 'a'.repeat(200)).update('long key').digest('hex'), crypto.createHmac('md5', '').digest('hex'));")]
    [InlineData("console.log(crypto.pbkdf2Sync('pw', 'salt', 1000, 32, 'sha256').toString('hex'), crypto.pbkdf2Sync('pw', 'salt', 1, 20, 'sha1').toString('hex'));")]
    [InlineData("crypto.pbkdf2('pw', 'salt', 10, 16, 'sha512', (err, key) => console.log(err, key.toString('hex')));\nconsole.log('first');")]
    [InlineData("console.log(crypto.scryptSync('pw', 'salt', 16, { N: 1024 }).toString('hex'), Buffer.from(crypto.hkdfSync('sha256', 'key', 'salt', 'info', 16)).toString('hex'));")]
    [InlineData("console.log(crypto.timingSafeEqual(Buffer.from('ab'), Buffer.from('ab')), crypto.timingSafeEqual(Buffer.from('ab'), Buffer.from('ac')));\ntry { crypto.timingSafeEqual(Buffer.from('a'), Buffer.from('ab')); } catch (e) { console.log(e.code, e.message); }")]
    [InlineData("crypto.subtle.digest('SHA-256', new TextEncoder().encode('abc')).then((d) => console.log(Buffer.from(d).toString('hex')));")]
    public Task KeyedHashesAndDerivation_MatchNode(string code) => AssertSameAsNode(code);

    [Theory]
    [InlineData("try { crypto.createHash('nope'); } catch (e) { console.log(e.message, e.code); }\ntry { crypto.createHash(5); } catch (e) { console.log(e.code, e.message); }")]
    [InlineData("const h = crypto.createHash('sha256');\nh.digest();\ntry { h.update('x'); } catch (e) { console.log(e.code, e.message); }\ntry { crypto.randomBytes(-1); } catch (e) { console.log(e.code, e.message); }")]
    [InlineData("try { crypto.randomInt(5, 5); } catch (e) { console.log(e.code, e.message); }\ntry { crypto.getRandomValues(new Uint8Array(65537)); } catch (e) { console.log(e.name); }")]
    public Task Errors_MatchNode(string code) => AssertSameAsNode(code);

    [Fact]
    public async Task RandomValues_HaveNodesShapes_AndDifferBetweenCallsAndRuns()
    {
        const string code = "const c = require('crypto');\n"
            + "const a = new Uint32Array(4);\n"
            + "console.log(c.randomBytes(16).toString('hex'), c.randomUUID(), globalThis.crypto.randomUUID(), globalThis.crypto.getRandomValues(a) === a, a.join('-'));\n"
            + "const ints = Array.from({ length: 200 }, () => c.randomInt(10, 13));\n"
            + "console.log(Math.min(...ints), Math.max(...ints), c.randomBytes(70000).length, c.randomFillSync(Buffer.alloc(4), 2).length);";
        var first = await fixture.RunAsync(ExecutionLanguage.JavaScript, code);
        var second = await fixture.RunAsync(ExecutionLanguage.JavaScript, code);

        var lines = first.Stdout.Split('\n');
        var fields = lines[0].Split(' ');
        Assert.Matches("^[0-9a-f]{32}$", fields[0]);
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", fields[1]);
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", fields[2]);
        Assert.NotEqual(fields[1], fields[2]);
        Assert.Equal("true", fields[3]);
        Assert.Equal("10 12 70000 4", lines[1]);
        Assert.NotEqual(first.Stdout.Split('\n')[0], second.Stdout.Split('\n')[0]);
    }
}
