// The core modules most programs meet (events, for process; path; buffer; fs) and console.table, from pinned npm
// packages (package.json) and the small modules in this folder, bundled by esbuild into one script (`npm run
// bundle-node-modules`, bundle.mjs) that is baked into every QuickJS image before the prelude. Each entry is made
// the first time a program asks for it (a require, or the first read of a global), so a program that uses none of
// them pays nothing. Every other module is in full.js.
import { formatTable } from './console-table.js';
import { describeReceived, nodeError } from './node-error.js';
import { makeFs } from './fs.js';

globalThis.__codeexec_node_modules = {
  events: () => require('events/'),
  path: () => require('path-browserify'),
  buffer: () => require('buffer/'),
  consoleTable: () => formatTable,
  nodeError,
  describeReceived,
  makeFs,
};
