// Bundles index.js and full.js, with the npm packages they use, into node_modules/codeexec-bundles/node-modules.js
// and node-modules-full.js (each one script, minified, deterministic). The packages' own uses of Node's process
// object get the sandbox's, which the prelude makes, instead of the npm package `process`; in the full bundle,
// buffer, events and abort-controller are the sandbox's too (index.js's, made by the prelude), so that there is
// one Buffer and one EventEmitter.
import { build } from 'esbuild';

const here = new URL('.', import.meta.url).pathname;

// Replaces each package named by a key with a module whose source is the value.
const sandboxModules = (sources) => ({
  name: 'sandbox-modules',
  setup(builder) {
    const names = Object.keys(sources).map((name) => name.replace(/[/-]/g, '\\$&')).join('|');
    builder.onResolve({ filter: new RegExp(`^(${names})/?$`) }, (args) => ({ path: args.path.replace(/\/$/, ''), namespace: 'sandbox' }));
    builder.onLoad({ filter: /.*/, namespace: 'sandbox' }, (args) => ({ contents: sources[args.path], loader: 'js' }));
  },
});
const sandboxRequire = (name) => `module.exports = globalThis[Symbol.for('codeexec.require')]('${name}');`;

const common = {
  bundle: true,
  minify: true,
  keepNames: true, // class and function names show in util.inspect, as in Node
  format: 'iife',
  platform: 'neutral',
  mainFields: ['main'],
  target: 'es2020',
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: [`${here}index.js`],
  plugins: [sandboxModules({ process: 'module.exports = globalThis.process;' })],
  outfile: 'node_modules/codeexec-bundles/node-modules.js',
});

await build({
  ...common,
  entryPoints: [`${here}full.js`],
  plugins: [sandboxModules({
    process: 'module.exports = globalThis.process;',
    buffer: sandboxRequire('buffer'),
    events: sandboxRequire('events'),
    'abort-controller': 'module.exports = { AbortController: globalThis.AbortController, AbortSignal: globalThis.AbortSignal };',
  })],
  outfile: 'node_modules/codeexec-bundles/node-modules-full.js',
});
