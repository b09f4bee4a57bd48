// Node's fs over the sandbox: the program's input at /dev/stdin (or descriptor 0), its files under /sandbox (given
// with the request, or written by it) through the host's file operations (QuickJsFileSystem.cs), descriptors 1 and 2
// as stdout and stderr, and no other file. Errors are Node's, with its codes, errno and messages; asynchronous calls
// complete a turn of the event loop later, as Node's I/O does.
const descriptions = {
  ENOENT: [-2, 'no such file or directory'],
  EISDIR: [-21, 'illegal operation on a directory'],
  ENOTDIR: [-20, 'not a directory'],
  EEXIST: [-17, 'file already exists'],
  ENOTEMPTY: [-39, 'directory not empty'],
  EACCES: [-13, 'permission denied'],
  EBUSY: [-16, 'resource busy or locked'],
  ENOSPC: [-28, 'no space left on device'],
  EIO: [-5, 'i/o error'],
  EINVAL: [-22, 'invalid argument'],
  ENAMETOOLONG: [-36, 'name too long'],
};

const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;

class Stats {
  constructor(type, size, mtimeMs, birthtimeMs) {
    const mode = type === 'directory' ? S_IFDIR | 0o755 : type === 'fifo' ? 0o010600 : S_IFREG | 0o644;
    Object.assign(this, {
      dev: 2049, mode, nlink: 1, uid: 0, gid: 0, rdev: 0, blksize: 4096, ino: 0, size, blocks: Math.ceil(size / 512),
      atimeMs: mtimeMs, mtimeMs, ctimeMs: mtimeMs, birthtimeMs,
      atime: new Date(mtimeMs), mtime: new Date(mtimeMs), ctime: new Date(mtimeMs), birthtime: new Date(birthtimeMs),
    });
  }

  isFile() { return (this.mode & 0o170000) === S_IFREG; }

  isDirectory() { return (this.mode & 0o170000) === S_IFDIR; }

  isFIFO() { return (this.mode & 0o170000) === 0o010000; }

  isSymbolicLink() { return false; }

  isSocket() { return false; }

  isBlockDevice() { return false; }

  isCharacterDevice() { return false; }
}

const kType = Symbol('type');
class Dirent {
  constructor(name, directory, type) {
    this.name = name;
    this.parentPath = directory;
    this.path = directory;
    this[kType] = type === 'directory' ? 2 : 1;
  }

  isFile() { return this[kType] === 1; }

  isDirectory() { return this[kType] === 2; }

  isSymbolicLink() { return false; }

  isFIFO() { return false; }

  isSocket() { return false; }

  isBlockDevice() { return false; }

  isCharacterDevice() { return false; }
}

export function makeFs({ hostFs, input, Buffer, path: pathModule, stdout, stderr, nodeError, describeReceived, later }) {
  const isStdin = (file) => file === 0 || file === '/dev/stdin' || file === '/proc/self/fd/0';
  const encodingOf = (options, fallback = null) => (typeof options === 'string' ? options : options?.encoding ?? fallback);

  function fileError(code, syscall, file, dest) {
    const [errno, description] = descriptions[code] ?? [-5, code];
    let message = `${code}: ${description}, ${syscall}`;
    if (file !== undefined) message += ` '${file}'`;
    if (dest !== undefined) message += ` -> '${dest}'`;
    const error = Object.assign(new Error(message), { errno, code, syscall });
    if (file !== undefined) error.path = `${file}`;
    if (dest !== undefined) error.dest = `${dest}`;
    return error;
  }

  // The path as a string Node would show, and resolved against the working directory for the host.
  function pathOf(file, name = 'path') {
    if (typeof file === 'string') return file;
    if (file instanceof Uint8Array) return Buffer.from(file).toString();
    if (file !== null && typeof file === 'object' && file.href !== undefined && file.protocol === 'file:') return decodeURIComponent(file.pathname);
    throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE',
      `The "${name}" argument must be of type string or an instance of Buffer or URL. Received ${describeReceived(file)}`);
  }
  const resolve = (file) => pathModule.resolve('/sandbox', file);

  // Node's error for a failed host operation (the host names only the code), with the paths as the program gave them.
  const toFileError = (error, syscall, shown, dest) =>
    (typeof error?.message === 'string' && /^E[A-Z]+$/.test(error.message) ? fileError(error.message, syscall, shown, dest) : error);

  // One host operation on a path.
  function host(syscall, shown, operation, ...args) {
    try {
      return hostFs(operation, resolve(shown), ...args);
    } catch (error) {
      // Node opens a directory, then fails to read it, naming no path.
      if (error?.message === 'EISDIR' && operation === 'read') throw fileError('EISDIR', 'read');
      throw toFileError(error, syscall, shown);
    }
  }

  // One host operation from one path to another (rename, copy).
  function hostPair(syscall, from, to, operation) {
    try {
      return hostFs(operation, resolve(from), resolve(to));
    } catch (error) {
      throw toFileError(error, syscall, from, to);
    }
  }

  const bytesOf = (data, options) => {
    if (typeof data === 'string') return Buffer.from(data, encodingOf(options, 'utf8'));
    if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE',
      `The "data" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received ${describeReceived(data)}`);
  };

  function readFileSync(file, options) {
    const encoding = encodingOf(options);
    if (isStdin(file)) {
      const bytes = Buffer.from(input(), 'utf8');
      return encoding === null ? bytes : bytes.toString(encoding);
    }
    const shown = pathOf(file);
    const bytes = Buffer.from(host('open', shown, 'read'));
    return encoding === null ? bytes : bytes.toString(encoding);
  }

  function writeTo(file, data, options, append) {
    if (file === 1 || file === 2) {
      (file === 1 ? stdout : stderr).write(typeof data === 'string' ? data : bytesOf(data, options));
      return;
    }
    const shown = pathOf(file);
    const flag = typeof options === 'object' && options !== null ? options.flag : undefined;
    const bytes = bytesOf(data, options);
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    host('open', shown, 'write', buffer, append || flag?.startsWith('a') ? 'a' : 'w');
  }

  function statSync(file, options) {
    if (isStdin(file)) return new Stats('fifo', 0, 0, 0);
    const shown = pathOf(file);
    let stat;
    try {
      stat = JSON.parse(host('stat', shown, 'stat'));
    } catch (error) {
      if (options?.throwIfNoEntry === false && error.code === 'ENOENT') return undefined;
      throw error;
    }
    return new Stats(stat.type, stat.size, stat.mtimeMs, stat.birthtimeMs);
  }

  function readdirSync(file, options) {
    const shown = pathOf(file);
    const entries = JSON.parse(host('scandir', shown, 'readdir'));
    if (typeof options === 'object' && options?.withFileTypes) return entries.map(([name, type]) => new Dirent(name, shown, type));
    return entries.map(([name]) => name);
  }

  function mkdirSync(file, options) {
    const shown = pathOf(file);
    const recursive = typeof options === 'object' && options?.recursive === true;
    if (!recursive) {
      host('mkdir', shown, 'mkdir', '');
      return undefined;
    }
    // The first directory made, as Node returns it; none when all were there.
    let first;
    let current = resolve(shown);
    const missing = [];
    while (current !== '/' && !existsSync(current)) {
      missing.unshift(current);
      current = pathModule.dirname(current);
    }
    if (missing.length > 0) first = missing[0];
    host('mkdir', shown, 'mkdir', 'recursive');
    return first;
  }

  function existsSync(file) {
    try {
      if (isStdin(file)) return true;
      host('stat', pathOf(file), 'stat');
      return true;
    } catch {
      return false;
    }
  }

  function rmSync(file, options) {
    const shown = pathOf(file);
    const stat = statSync(shown, { throwIfNoEntry: false });
    if (stat === undefined) {
      if (options?.force) return;
      throw fileError('ENOENT', 'lstat', shown);
    }
    if (stat.isDirectory() && !options?.recursive) {
      throw nodeError(Error, 'ERR_FS_EISDIR', `Path is a directory: rm returned EISDIR (is a directory) ${shown}`);
    }
    host('rm', shown, 'remove', 'any');
  }

  const sync = {
    readFileSync,
    writeFileSync: (file, data, options) => writeTo(file, data, options, false),
    appendFileSync: (file, data, options) => writeTo(file, data, options, true),
    writeSync: (fd, data, ...rest) => { writeTo(fd, data, typeof rest[0] === 'string' ? rest[0] : undefined, true); return typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength; },
    existsSync,
    statSync,
    lstatSync: (file, options) => statSync(file, options),
    accessSync: (file) => { if (!isStdin(file)) host('access', pathOf(file), 'stat'); },
    readdirSync,
    mkdirSync,
    rmSync,
    unlinkSync: (file) => { host('unlink', pathOf(file), 'remove', 'file'); },
    rmdirSync: (file, options) => { host('rmdir', pathOf(file), 'remove', options?.recursive ? 'any' : 'directory'); },
    renameSync: (from, to) => { hostPair('rename', pathOf(from, 'oldPath'), pathOf(to, 'newPath'), 'rename'); },
    copyFileSync: (from, to) => { hostPair('copyfile', pathOf(from, 'src'), pathOf(to, 'dest'), 'copy'); },
  };

  // Callback and promise forms of each, one turn of the loop later.
  const fs = { ...sync, Stats, Dirent, constants: { F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1 } };
  const promises = {};
  for (const name of ['readFile', 'writeFile', 'appendFile', 'stat', 'lstat', 'access', 'readdir', 'mkdir', 'rm', 'unlink', 'rmdir', 'rename', 'copyFile']) {
    const work = sync[`${name}Sync`];
    fs[name] = function (...args) {
      const callback = args.pop();
      if (typeof callback !== 'function') {
        throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "cb" argument must be of type function. Received ${describeReceived(callback)}`);
      }
      let result;
      try { result = work(...args); } catch (error) { later(callback, error); return; }
      later(callback, null, result);
    };
    promises[name] = (...args) => {
      // The path's type is checked at once, as Node's promises check it (a descriptor number is not a path here).
      try {
        pathOf(args[0], name === 'rename' || name === 'copyFile' ? 'oldPath' : 'path');
      } catch (error) {
        return Promise.reject(error);
      }
      return new Promise((resolvePromise, reject) => {
        later(() => { try { resolvePromise(work(...args)); } catch (error) { reject(error); } });
      });
    };
  }
  fs.exists = (file, callback) => later(callback, existsSync(file));
  fs.promises = promises;
  promises.constants = fs.constants;
  return fs;
}
