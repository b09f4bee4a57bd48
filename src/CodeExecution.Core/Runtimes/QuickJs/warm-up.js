// Evaluated last when an image with node-modules-full.js is baked: makes its modules and globals, and Intl (whose
// FormatJS polyfills take most of a second to set up in QuickJS) and formats once in each locale it has data for,
// so that a program starts with all of it ready.
(() => {
  const require = globalThis[Symbol.for('codeexec.require')];
  for (const name of ['assert', 'url', 'querystring', 'string_decoder', 'stream', 'crypto', 'os', 'util']) require(name);
  void require('util').types;
  for (const name of ['URL', 'crypto', 'TextEncoder', 'TextDecoder', 'structuredClone', 'AbortController', 'EventTarget']) void globalThis[name];
  for (const locale of ['en-US', 'de-DE', 'en-GB']) {
    (1234.5).toLocaleString(locale, { style: 'currency', currency: 'EUR' });
    new Date(0).toLocaleString(locale);
    new Date(0).toLocaleString(locale, { dateStyle: 'full', timeStyle: 'long', timeZone: 'America/New_York' });
    new Intl.PluralRules(locale).select(1);
  }
  'a'.localeCompare('b');
})();
