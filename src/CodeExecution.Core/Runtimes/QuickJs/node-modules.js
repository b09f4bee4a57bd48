// Node's core modules that QuickJS lacks, from pinned npm packages (package.json), bundled by esbuild into one
// script (`npm run bundle-node-modules`) that is baked into every QuickJS image before the prelude. A package's
// code runs the first time a program requires its module, so a program that requires none pays nothing.
globalThis.__codeexec_node_modules = {
  path: () => require('path-browserify'),
  buffer: () => require('buffer/'),
};
