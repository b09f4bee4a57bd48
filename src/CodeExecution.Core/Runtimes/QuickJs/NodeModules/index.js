// Node's core modules and globals that QuickJS lacks, from pinned npm packages (package.json) and the small modules
// in this folder, bundled by esbuild into one script (`npm run bundle-node-modules`, bundle.mjs) that is baked into
// every QuickJS image before the prelude. Each entry is made the first time a program asks for it (a require, or
// the first read of a global), so a program that uses none of them pays nothing.
import { makeCrypto } from './crypto.js';
import { makeOs } from './os.js';
import { TextDecoder, TextEncoder } from './text-encoding.js';
import { formatTable } from './console-table.js';
import { AbortController, AbortSignal, Event, EventTarget } from './abort.js';
import { structuredClone } from './structured-clone.js';
import { makeIntl } from './intl.js';
import { describeReceived, nodeError } from './node-error.js';

globalThis.__codeexec_node_modules = {
  events: () => require('events/'),
  path: () => require('path-browserify'),
  buffer: () => require('buffer/'),
  assert: () => require('assert/'),
  url: () => require('url/'),
  querystring: () => require('querystring-es3'),
  string_decoder: () => require('string_decoder/'),
  stream: () => require('readable-stream/lib/ours/browser.js'),
  utilTypes: () => require('util/').types,
  parseArgs: () => require('@pkgjs/parseargs').parseArgs,
  comparisons: () => require('assert/build/internal/util/comparisons.js'),
  URL: () => require('core-js-pure/actual/url/index.js'),
  URLSearchParams: () => require('core-js-pure/actual/url-search-params/index.js'),
  structuredClone: () => structuredClone,
  abort: () => ({ AbortController, AbortSignal, Event, EventTarget }),
  textEncoding: () => ({ TextEncoder, TextDecoder }),
  crypto: makeCrypto,
  os: makeOs,
  consoleTable: () => formatTable,
  intl: makeIntl,
  nodeError,
  describeReceived,
};
