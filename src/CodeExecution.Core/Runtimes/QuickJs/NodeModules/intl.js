// Intl as Node's ICU gives it, for the locales en (en-US) and de (de-DE), and en-GB's dates: the pinned npm polyfills of FormatJS
// (getCanonicalLocales, Locale, PluralRules, NumberFormat, DateTimeFormat with the golden time zones, ListFormat,
// RelativeTimeFormat) with their CLDR data, and collator.js. Made the first time a program reads Intl or calls a
// toLocale... method or localeCompare; installs Intl and those methods, as Node has them, on the global object.
import { Collator, localeCompare } from './collator.js';

// ICU's "at" forms joining a full or long date to a time (CLDR's atTime patterns, which the FormatJS data lacks).
const atTime = { en: "{1} 'at' {0}", 'en-GB': "{1} 'at' {0}", de: "{1} 'um' {0}" };

// Node's build of ICU writes a plain space before AM and PM, where CLDR has a narrow no-break space.
function asNodeFormatsDates(entry) {
  const patched = JSON.parse(JSON.stringify(entry).replaceAll('\u202f', ' '));
  const at = atTime[patched.locale];
  if (at !== undefined) Object.assign(patched.data.dateTimeFormat, { full: at, long: at });
  return patched;
}

export function makeIntl() {
  require('@formatjs/intl-getcanonicallocales/polyfill-force.js');
  require('@formatjs/intl-locale/polyfill-force.js');
  require('@formatjs/intl-pluralrules/polyfill-force.js');
  require('@formatjs/intl-pluralrules/locale-data/en.js');
  require('@formatjs/intl-pluralrules/locale-data/de.js');
  require('@formatjs/intl-numberformat/polyfill-force.js');
  require('@formatjs/intl-numberformat/locale-data/en.js');
  require('@formatjs/intl-numberformat/locale-data/de.js');
  require('@formatjs/intl-datetimeformat/polyfill-force.js');
  require('@formatjs/intl-datetimeformat/add-golden-tz.js');
  const addDateTimeData = Intl.DateTimeFormat.__addLocaleData;
  Intl.DateTimeFormat.__addLocaleData = (...entries) => addDateTimeData(...entries.map(asNodeFormatsDates));
  require('@formatjs/intl-datetimeformat/locale-data/en.js');
  require('@formatjs/intl-datetimeformat/locale-data/de.js');
  require('@formatjs/intl-datetimeformat/locale-data/en-GB.js');
  require('@formatjs/intl-listformat/polyfill-force.js');
  require('@formatjs/intl-listformat/locale-data/en.js');
  require('@formatjs/intl-listformat/locale-data/de.js');
  require('@formatjs/intl-relativetimeformat/polyfill-force.js');
  require('@formatjs/intl-relativetimeformat/locale-data/en.js');
  require('@formatjs/intl-relativetimeformat/locale-data/de.js');
  const intl = globalThis.Intl;
  for (const name of ['NumberFormat', 'DateTimeFormat', 'PluralRules', 'ListFormat', 'RelativeTimeFormat']) intl[name].__defaultLocale = 'en-US';
  Object.defineProperty(intl, 'Collator', { value: Collator, writable: true, configurable: true });
  Object.defineProperty(String.prototype, 'localeCompare', { value: localeCompare, writable: true, configurable: true });
  return intl;
}
