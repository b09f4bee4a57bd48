// Bundles index.js and full.js, with the npm packages they use, into node_modules/codeexec-bundles/node-modules.js
// and node-modules-full.js (each one script, minified, deterministic). The packages' own uses of Node's process
// object get the sandbox's, which the prelude makes, instead of the npm package `process`; in the full bundle,
// buffer, events, util and abort-controller are the sandbox's too (index.js's and the prelude's), so that there is
// one Buffer, one EventEmitter, and assert's messages show values as the sandbox's util.inspect does, as Node's.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';

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
// Node 20's behaviour where a pinned package has an older one: each patch replaces text that must be in the file
// exactly once (the build fails otherwise, so that a package update cannot drop a patch unnoticed).
const patches = {
  'assert/build/assert.js': [
    // assert(value) without a message quotes the call's source, as Node 20's getErrMessage does (assert-message.js).
    ["    } else if (message instanceof Error) {\n      throw message;\n    }\n    var err = new AssertionError({",
      "    } else if (message == null) {\n      generatedMessage = true;\n      message = require('codeexec-assert-message').falsyValueMessage(fn);\n"
      + "    } else if (message instanceof Error) {\n      throw message;\n    }\n    var err = new AssertionError({"],
  ],
  'assert/build/internal/assert/assertion_error.js': [
    // Node 20's operator descriptions and its wording for loose comparisons.
    ["  equal: 'Expected values to be loosely equal:',\n", ''],
    ["  notEqual: 'Expected \"actual\" to be loosely unequal to:',\n  notIdentical: 'Values identical but not reference-equal:'\n",
      "  notIdentical: 'Values identical but not reference-equal:',\n  notDeepEqualUnequal: 'Expected values not to be loosely deep-equal:'\n"],
    ["        var other = '';\n        var knownOperators = kReadableOperator[operator];\n        if (operator === 'notDeepEqual' || operator === 'notEqual') {\n",
      "        var other = inspectValue(expected);\n        var knownOperators = kReadableOperator[operator];\n        if (operator === 'notDeepEqual' && _res === other) {\n"],
    ["        } else {\n          other = \"\".concat(inspectValue(expected));\n          if (_res.length > 512) {",
      "          other = '';\n        } else {\n          if (_res.length > 512) {"],
    ["          if (operator === 'deepEqual' || operator === 'equal') {\n            _res = \"\".concat(knownOperators, \"\\n\\n\").concat(_res, \"\\n\\nshould equal\\n\\n\");\n          } else {\n",
      "          if (operator === 'deepEqual') {\n            _res = \"\".concat(knownOperators, \"\\n\\n\").concat(_res, \"\\n\\nshould loosely deep-equal\\n\\n\");\n"
      + "          } else if (kReadableOperator[operator + 'Unequal']) {\n            _res = \"\".concat(kReadableOperator[operator + 'Unequal'], \"\\n\\n\").concat(_res, \"\\n\\nshould not loosely deep-equal\\n\\n\");\n          } else {\n"],
  ],
};
// whatwg-fetch gives fetch's classes (fetch.js makes fetch itself): it must not install itself on the global object
// (the prelude makes those globals), and a body read as text or bytes is UTF-8, as in Node, without Blob.
patches['whatwg-fetch/dist/fetch.umd.js'] = [
  ['  if (!g.fetch) {\n    g.fetch = fetch;\n    g.Headers = Headers;\n    g.Request = Request;\n    g.Response = Response;\n  }\n', ''],
  ['    var view = new Uint8Array(buf);\n    var chars = new Array(view.length);\n',
    '    return new TextDecoder().decode(buf);\n    var view = new Uint8Array(buf);\n    var chars = new Array(view.length);\n'],
  ["      } else {\n        throw new Error('could not read as ArrayBuffer')\n      }\n",
    "      } else {\n        return this.text().then(function (text) { return new TextEncoder().encode(text).buffer })\n      }\n"],
];
const patchPackages = {
  name: 'patch-packages',
  setup(builder) {
    builder.onLoad({ filter: /node_modules\/.*\.js$/ }, async (args) => {
      const file = Object.keys(patches).find((name) => args.path.endsWith(`/node_modules/${name}`));
      if (file === undefined) return undefined;
      let contents = await readFile(args.path, 'utf8');
      for (const [from, to] of patches[file]) {
        if (contents.split(from).length !== 2) throw new Error(`patch for ${file} does not apply: ${from}`);
        contents = contents.replace(from, () => to);
      }
      return { contents, loader: 'js' };
    });
    builder.onResolve({ filter: /^codeexec-assert-message$/ }, () => ({ path: `${here}assert-message.js` }));
  },
};

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
    util: sandboxRequire('util'),
    'abort-controller': 'module.exports = { AbortController: globalThis.AbortController, AbortSignal: globalThis.AbortSignal };',
  }), patchPackages],
  outfile: 'node_modules/codeexec-bundles/node-modules-full.js',
});
