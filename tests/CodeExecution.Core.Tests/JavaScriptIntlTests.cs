namespace CodeExecution.Core.Tests;

/// <summary>
/// Intl and the methods that format or compare by locale (FormatJS polyfills and the sandbox's collator), for en-US
/// and de-DE, compared with <c>node</c> run in the test in UTC.
/// </summary>
[Collection(ExecutorCollection.Name)]
public sealed class JavaScriptIntlTests(ExecutorFixture fixture)
{
    private Task AssertSameAsNode(string code) => Native.AssertJavaScriptMatchesNodeAsync(fixture, code);

    [Theory]
    [InlineData("console.log((1234567.891).toLocaleString(), (1234567.891).toLocaleString('de-DE'), (0.5).toLocaleString('en-US', { style: 'percent' }), (-0).toLocaleString(), NaN.toLocaleString(), (1e21).toLocaleString());")]
    [InlineData("console.log(new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(-12.5), new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(1234.5));")]
    [InlineData("console.log((1234.5).toLocaleString('en-US', { minimumFractionDigits: 2 }), (1.005).toLocaleString(undefined, { maximumFractionDigits: 2 }), (7).toLocaleString('en-US', { minimumIntegerDigits: 3 }));")]
    [InlineData("console.log(new Intl.NumberFormat('en', { notation: 'compact' }).format(1234567), new Intl.NumberFormat('de', { notation: 'compact', compactDisplay: 'long' }).format(2500000), new Intl.NumberFormat('en', { notation: 'scientific' }).format(123456));")]
    [InlineData("console.log(new Intl.NumberFormat('en-US', { style: 'unit', unit: 'kilometer-per-hour' }).format(50), new Intl.NumberFormat('en', { signDisplay: 'always' }).format(3), (123456789n).toLocaleString('de-DE'));")]
    [InlineData("console.log(new Intl.NumberFormat('en-US').formatToParts(-1234.5).map((p) => p.type + ':' + p.value).join('|'), new Intl.NumberFormat().resolvedOptions().locale);")]
    public Task Numbers_MatchNode(string code) => AssertSameAsNode(code);

    [Theory]
    [InlineData("const d = new Date(Date.UTC(2024, 0, 15, 13, 45, 30));\nconsole.log(d.toLocaleString(), d.toLocaleDateString(), d.toLocaleTimeString(), d.toLocaleString('de-DE'), d.toLocaleDateString('de-DE'), d.toLocaleTimeString('de-DE'));")]
    [InlineData("const d = new Date(Date.UTC(2024, 6, 4, 12));\nconsole.log(d.toLocaleString('en-US', { timeZone: 'America/New_York' }), d.toLocaleString('de-DE', { timeZone: 'Europe/Berlin' }), d.toLocaleTimeString('en-US', { timeZone: 'Asia/Tokyo', timeZoneName: 'short' }));")]
    [InlineData("const d = new Date(0);\nconsole.log(d.toLocaleDateString('en-US', { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }), d.toLocaleDateString('de-DE', { weekday: 'short', month: 'short', day: '2-digit' }));")]
    [InlineData("const d = new Date(0);\nfor (const style of ['full', 'long', 'medium', 'short']) console.log(new Intl.DateTimeFormat('en-US', { dateStyle: style, timeStyle: style }).format(d), '|', new Intl.DateTimeFormat('de-DE', { dateStyle: style, timeStyle: style }).format(d));")]
    [InlineData("const f = new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', hour12: false });\nconsole.log(f.format(new Date(Date.UTC(2020, 1, 1, 23, 5))), new Intl.DateTimeFormat('en-GB').format(new Date(0)), Intl.DateTimeFormat().resolvedOptions().timeZone);")]
    [InlineData("console.log(new Intl.DateTimeFormat('en-US', { month: 'long' }).formatToParts(new Date(0)), new Date(NaN).toLocaleString());")]
    public Task Dates_MatchNode(string code) => AssertSameAsNode(code);

    [Theory]
    [InlineData("console.log(new Intl.PluralRules('en-US').select(1), new Intl.PluralRules('en-US').select(2), new Intl.PluralRules('en-US', { type: 'ordinal' }).select(22), new Intl.PluralRules('de').select(0));")]
    [InlineData("console.log(new Intl.ListFormat('en', { style: 'long', type: 'conjunction' }).format(['a', 'b', 'c']), new Intl.ListFormat('de', { type: 'disjunction' }).format(['x', 'y']));")]
    [InlineData("const r = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });\nconsole.log(r.format(-1, 'day'), r.format(2, 'week'), new Intl.RelativeTimeFormat('de').format(-3, 'hour'));")]
    [InlineData("console.log(Intl.getCanonicalLocales(['EN-us', 'de-de']), new Intl.Locale('en-Latn-US').language, new Intl.Locale('de-DE').region);")]
    public Task OtherFormats_MatchNode(string code) => AssertSameAsNode(code);

    [Theory]
    [InlineData("const words = [];\nfor (let c = 32; c < 127; c++) words.push(String.fromCharCode(c));\n"
        + "words.push('résumé', 'resume', 'Resume', 'RESUME', 'résume', 'naïve', 'naive', 'Zoë', 'zoe', 'Ångström', 'angstrom', 'straße', 'strasse', 'Straße', 'café', 'cafe', 'Café', 'über', 'uber', 'Über',\n"
        + "  'a b', 'a-b', 'ab', 'a_b', 'a.b', 'x1', 'x10', 'x2', 'éa', 'eb', 'ea', '', 'äpfel', 'Äpfel', 'apfel', 'ñandu', 'nandu', 'Øre', 'ore', 'ørsted', 'αβγ', 'Ωmega', 'Привет', 'привет', 'ёж', 'еж', '日本', '中文', \"it's\", 'its', 'co-op', 'coop');\n"
        + "console.log(JSON.stringify([...words].sort((a, b) => a.localeCompare(b))));\n"
        + "console.log(JSON.stringify([...words].sort(new Intl.Collator('de', { sensitivity: 'base' }).compare)));")]
    [InlineData("console.log(['file10.txt', 'file2.txt', 'File1.txt', 'file01.txt', 'file1.txt', 'a100', 'a20', 'a3'].sort(new Intl.Collator('en', { numeric: true }).compare));\n"
        + "console.log(['b', 'a', 'B', 'A'].sort(new Intl.Collator('en', { caseFirst: 'upper' }).compare), 'a'.localeCompare('A', undefined, { sensitivity: 'base' }), 'a'.localeCompare('á', 'en', { sensitivity: 'accent' }));\n"
        + "console.log(['a-c', 'ab', 'a c'].sort(new Intl.Collator('en', { ignorePunctuation: true }).compare), new Intl.Collator().resolvedOptions().numeric);")]
    public Task Collation_MatchesNode(string code) => AssertSameAsNode(code);
}
