// The rest of Node's core modules and globals (assert, url, querystring, string_decoder, stream, crypto, os, util's
// types and parseArgs, TextEncoder, structuredClone, AbortController, EventTarget, fetch), Intl, and Math's functions with
// V8's last digits, bundled by esbuild into a second script (bundle.mjs). Images for programs that name them
// are baked with it, Intl made and warmed; any other program gets it from the host on first use (slower, but the
// same). Buffer, events, process and AbortController are the ones index.js and the prelude make.
import { makeCrypto } from './crypto.js';
import { makeIntl } from './intl.js';
import { makeOs } from './os.js';
import { TextDecoder, TextEncoder } from './text-encoding.js';
import { AbortController, AbortSignal, Event, EventTarget } from './abort.js';
import { structuredClone } from './structured-clone.js';
import { installMath } from './math.js';
import { warmAssertMessage } from './assert-message.js';
import { makeFetch } from './fetch.js';

globalThis.__codeexec_node_modules_full = {
  assert: () => require('assert/'),
  url: () => require('url/'),
  querystring: () => require('querystring-es3'),
  string_decoder: () => require('string_decoder/'),
  stream: () => require('readable-stream/lib/ours/browser.js'),
  utilTypes: () => require('util/support/types.js'),
  parseArgs: () => require('@pkgjs/parseargs').parseArgs,
  comparisons: () => require('assert/build/internal/util/comparisons.js'),
  URL: () => require('core-js-pure/actual/url/index.js'),
  URLSearchParams: () => require('core-js-pure/actual/url-search-params/index.js'),
  crypto: makeCrypto,
  intl: makeIntl,
  os: makeOs,
  structuredClone: () => structuredClone,
  abort: () => ({ AbortController, AbortSignal, Event, EventTarget }),
  textEncoding: () => ({ TextEncoder, TextDecoder }),
  installMath,
  warmAssertMessage,
  fetch: makeFetch,
};
