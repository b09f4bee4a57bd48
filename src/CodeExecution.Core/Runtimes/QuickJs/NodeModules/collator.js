// Intl.Collator and String.prototype.localeCompare for the sandbox, following the CLDR root collation that Node's
// ICU uses for en, de and most locales: whitespace, then punctuation and symbols, then digits, then letters; letters
// compare by their base letter first, then by accents, then by case (lower before upper). Scripts other than Latin,
// Greek and Cyrillic compare by code point after those. Options: sensitivity, numeric, ignorePunctuation, caseFirst.

// The CLDR root order of ASCII whitespace, punctuation and symbols (all before digits and letters).
const punctuationOrder = '\t\n\u000b\f\r \u0085\u00a0_-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$';
const punctuationRank = new Map([...punctuationOrder].map((ch, i) => [ch, i + 1]));
const OtherSymbol = 1000;
const Digit = 200000;
const Letter = 300000;
const OtherScript = 400000;
const sharpS = '\u{f0000}';
const expansions = { æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ø: 'o\u0338', Ø: 'O\u0338', đ: 'd\u0335', Đ: 'D\u0335', ł: 'l\u0337', Ł: 'L\u0337', ı: 'i' };

const isMark = (code) => (code >= 0x300 && code <= 0x36f) || (code >= 0x1ab0 && code <= 0x1aff) || (code >= 0x1dc0 && code <= 0x1dff)
  || (code >= 0x20d0 && code <= 0x20ff) || (code >= 0xfe20 && code <= 0xfe2f) || code === 0x335 || code === 0x337 || code === 0x338;
const isLetter = (ch) => /\p{L}/u.test(ch);
const isDigit = (ch) => /\p{Nd}/u.test(ch);

// Collation elements of a string: { primary, secondary, tertiary, punctuation } for each character that is not
// only an accent (an accent adds to the secondary weight of the element before it).
function elements(text, numeric) {
  const out = [];
  let source = '';
  for (const ch of text) source += ch === 'ß' ? sharpS : expansions[ch] ?? ch;
  const chars = [...source.normalize('NFD')];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (ch === sharpS) {
      // ß is "ss" at the first two levels, between "ss" and "Ss" at the third.
      for (let k = 0; k < 2; k++) out.push({ primary: [Letter + 0x73], secondary: [], tertiary: 0.5, punctuation: false });
      continue;
    }
    const code = ch.codePointAt(0);
    if (isMark(code)) {
      if (out.length > 0) out[out.length - 1].secondary.push(code);
      continue;
    }
    if (isDigit(ch)) {
      if (numeric) {
        let digits = '';
        while (i < chars.length && isDigit(chars[i])) digits += Number(chars[i++]);
        i--;
        digits = digits.replace(/^0+(?=\d)/, '');
        out.push({ primary: [Digit, digits.length, ...[...digits].map(Number)], secondary: [], tertiary: 0, punctuation: false });
      } else {
        out.push({ primary: [Digit + Number(ch)], secondary: [], tertiary: 0, punctuation: false });
      }
      continue;
    }
    if (isLetter(ch)) {
      const lower = ch.toLowerCase();
      const upper = lower !== ch;
      const lowerCode = lower.codePointAt(0);
      const latin = lowerCode >= 0x61 && lowerCode <= 0x7a;
      const greekOrCyrillic = lowerCode >= 0x370 && lowerCode <= 0x52f;
      const primary = latin ? Letter + lowerCode : greekOrCyrillic ? Letter + 1000 + lowerCode : OtherScript + lowerCode;
      out.push({ primary: [primary], secondary: [], tertiary: upper ? 1 : 0, punctuation: false });
      continue;
    }
    const rank = punctuationRank.get(ch) ?? OtherSymbol + code;
    out.push({ primary: [rank], secondary: [], tertiary: 0, punctuation: true });
  }
  return out;
}

function compareArrays(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

function compareWith(options, x, y) {
  let a = elements(`${x}`, options.numeric);
  let b = elements(`${y}`, options.numeric);
  if (options.ignorePunctuation) {
    a = a.filter((e) => !e.punctuation);
    b = b.filter((e) => !e.punctuation);
  }
  const primary = compareArrays(a.flatMap((e) => e.primary), b.flatMap((e) => e.primary));
  if (primary !== 0 || options.sensitivity === 'base') return primary;
  if (options.sensitivity !== 'case') {
    // Each element has the common secondary weight (1), and each of its accents one more, above it.
    const secondary = compareArrays(a.flatMap((e) => [1, ...e.secondary]), b.flatMap((e) => [1, ...e.secondary]));
    if (secondary !== 0 || options.sensitivity === 'accent') return secondary;
  }
  const upperFirst = options.caseFirst === 'upper';
  const tertiary = compareArrays(a.map((e) => (upperFirst ? 1 - e.tertiary : e.tertiary)), b.map((e) => (upperFirst ? 1 - e.tertiary : e.tertiary)));
  return tertiary;
}

export class Collator {
  constructor(locales, options = {}) {
    const locale = Array.isArray(locales) ? locales[0] : locales;
    this._options = {
      locale: typeof locale === 'string' ? locale : 'en-US',
      usage: options.usage ?? 'sort',
      sensitivity: options.sensitivity ?? 'variant',
      ignorePunctuation: Boolean(options.ignorePunctuation),
      collation: 'default',
      numeric: Boolean(options.numeric),
      caseFirst: options.caseFirst ?? 'false',
    };
    this.compare = (x, y) => compareWith(this._options, x, y);
  }
  resolvedOptions() { return { ...this._options }; }
  static supportedLocalesOf(locales) { return (Array.isArray(locales) ? locales : [locales]).filter((l) => typeof l === 'string'); }
  get [Symbol.toStringTag]() { return 'Intl.Collator'; }
}

export function localeCompare(that, locales, options) {
  return compareWith(new Collator(locales, options)._options, this, that);
}
