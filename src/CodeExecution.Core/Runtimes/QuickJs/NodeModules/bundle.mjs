// Bundles index.js and the npm packages it uses into node_modules/codeexec-bundles/node-modules.js (one script,
// minified, deterministic). The packages' own uses of Node's process object and of AbortController get the
// sandbox's (the prelude's process, abort.js's controller) instead of the npm packages process and abort-controller.
import { build } from 'esbuild';

const here = new URL('.', import.meta.url).pathname;

const sandboxGlobals = {
  name: 'sandbox-globals',
  setup(builder) {
    builder.onResolve({ filter: /^process\/?$/ }, () => ({ path: 'process', namespace: 'sandbox-process' }));
    builder.onLoad({ filter: /.*/, namespace: 'sandbox-process' }, () => ({ contents: 'module.exports = globalThis.process;', loader: 'js' }));
    builder.onResolve({ filter: /^abort-controller$/ }, () => ({ path: 'abort-controller', namespace: 'sandbox-abort' }));
    builder.onLoad({ filter: /.*/, namespace: 'sandbox-abort' }, () => ({
      contents: "export { AbortController, AbortSignal } from './abort.js';", loader: 'js', resolveDir: here,
    }));
  },
};

await build({
  entryPoints: [`${here}index.js`],
  bundle: true,
  minify: true,
  keepNames: true, // class and function names show in util.inspect, as in Node
  format: 'iife',
  platform: 'neutral',
  mainFields: ['main'],
  target: 'es2020',
  logLevel: 'warning',
  plugins: [sandboxGlobals],
  outfile: 'node_modules/codeexec-bundles/node-modules.js',
});
