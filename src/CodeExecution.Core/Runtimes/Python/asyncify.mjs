// Makes python.wasm resumable with binaryen's asyncify, only along the path from _start to the bootstrap's wait
// for its request (asyncify-onlylist.txt beside this script), so an interpreter can be snapshotted there and every
// execution resumed from the snapshot (see PythonSnapshotBuilder). Run by the build after `npm ci`; the output is
// pinned by sha256 in runtimes/manifest.json, so a different result is refused, never used.
//
// --optimize-level=2 lets asyncify clean up the functions it instruments (without it their frames grow several
// fold); it runs no module-wide optimization, so every other function is left as it was.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..', '..');
const require = createRequire(join(root, 'package.json'));
const wasmOpt = join(dirname(require.resolve('binaryen/package.json')), 'bin', 'wasm-opt');
const input = join(root, 'node_modules', '@antonz', 'python-wasi', 'dist', 'python.wasm');
const output = join(root, 'node_modules', 'codeexec-bundles', 'python-asyncify.wasm');
const onlyList = readFileSync(join(here, 'asyncify-onlylist.txt'), 'utf8')
  .split('\n').map(line => line.trim()).filter(line => line && !line.startsWith('#'));

mkdirSync(dirname(output), { recursive: true });
execFileSync(process.execPath, [
  wasmOpt, input,
  '--optimize-level=2',
  '--asyncify',
  '--pass-arg=asyncify-imports@wasi_snapshot_preview1.fd_read',
  `--pass-arg=asyncify-onlylist@${onlyList.join(',')}`,
  '-o', `${output}.${process.pid}.tmp`,
], { stdio: 'inherit' });
// Whole or not at all, even with another build running the same step.
renameSync(`${output}.${process.pid}.tmp`, output);
