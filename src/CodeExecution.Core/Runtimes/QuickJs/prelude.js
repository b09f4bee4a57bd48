// The Node-like environment user programs see inside QuickJS. Evaluated once, when the image is baked;
// every execution starts from the state this script leaves. It takes its host functions from
// globalThis.__codeexec_host and leaves only globalThis.__codeexec (the entry points the host calls),
// which start() removes before any user code runs.
(function () {
  'use strict';
  const host = globalThis.__codeexec_host;
  delete globalThis.__codeexec_host;
  // Lone surrogates leave as one U+FFFD each, as Node writes them (captured so user code cannot swap them).
  const apply = Reflect.apply;
  const isWellFormed = String.prototype.isWellFormed;
  const toWellFormed = String.prototype.toWellFormed;
  const rawWrite = host.write;
  const hostWrite = (fd, text) => rawWrite(fd, apply(isWellFormed, text, []) ? text : apply(toWellFormed, text, []));
  const hostExit = host.exit;
  const sucrase = globalThis.sucrase;
  delete globalThis.sucrase;
  const nodeModules = globalThis.__codeexec_node_modules;
  delete globalThis.__codeexec_node_modules;

  // util.inspect and util.format come from inspect.js, evaluated just before this script.
  const { inspect, format, errorStack, getKeys, hasOwn, isDate, isError, isMap, isPromise, isRegExp, isSet } = globalThis.__codeexec_inspect;
  delete globalThis.__codeexec_inspect;

  // ---------------------------------------------------------------- output and console
  const toText = (chunk) => (typeof chunk === 'string' ? chunk : chunk instanceof Uint8Array ? decodeUtf8(chunk) : String(chunk));
  function decodeUtf8(bytes) {
    let out = '';
    for (let i = 0; i < bytes.length; i++) out += String.fromCharCode(bytes[i]);
    try { return decodeURIComponent(escape(out)); } catch { return out; }
  }

  let groupIndent = '';
  const counts = new Map();
  const timers = new Map();
  function print(fd, text) {
    if (groupIndent !== '') text = groupIndent + text.replaceAll('\n', `\n${groupIndent}`);
    hostWrite(fd, `${text}\n`);
  }
  const console = {
    log: (...args) => print(1, format(...args)),
    info: (...args) => print(1, format(...args)),
    debug: (...args) => print(1, format(...args)),
    warn: (...args) => print(2, format(...args)),
    error: (...args) => print(2, format(...args)),
    trace: (...args) => print(2, errorStack(Object.assign(new Error(format(...args)), { name: 'Trace' }))),
    dir: (value, options) => print(1, inspect(value, options)),
    assert: (condition, ...args) => {
      if (!condition) print(2, args.length === 0 ? 'Assertion failed' : `Assertion failed: ${format(...args)}`);
    },
    count: (label = 'default') => {
      const n = (counts.get(`${label}`) || 0) + 1;
      counts.set(`${label}`, n);
      print(1, `${label}: ${n}`);
    },
    countReset: (label = 'default') => counts.delete(`${label}`),
    group: (...args) => {
      if (args.length > 0) print(1, format(...args));
      groupIndent += '  ';
    },
    groupEnd: () => { groupIndent = groupIndent.slice(0, -2); },
    time: (label = 'default') => { timers.set(`${label}`, performance.now()); },
    timeEnd: (label = 'default') => {
      const started = timers.get(`${label}`);
      if (started !== undefined) print(1, `${label}: ${(performance.now() - started).toFixed(3)}ms`);
      timers.delete(`${label}`);
    },
    timeLog: (label = 'default', ...args) => {
      const started = timers.get(`${label}`);
      if (started !== undefined) print(1, format(`${label}: ${(performance.now() - started).toFixed(3)}ms`, ...args));
    },
    table: (data) => print(1, inspect(data)),
  };
  console.groupCollapsed = console.group;

  // ---------------------------------------------------------------- timers on a virtual clock
  // Timers run in order of due time (then creation), with no real waiting; microtasks run between them.
  let virtualNow = 0;
  let timerSequence = 0;
  let nextTimerId = 1;
  const timerQueue = [];
  const activeTimers = new Map();

  class Timeout {
    constructor(callback, delay, args, repeat) {
      this._id = nextTimerId++;
      this._callback = callback;
      this._args = args;
      this._repeat = repeat ? delay : null;
      this._delay = delay;
      this._ref = true;
    }
    ref() { this._ref = true; return this; }
    unref() { this._ref = false; return this; }
    hasRef() { return this._ref; }
    refresh() { if (activeTimers.has(this._id)) schedule(this, this._delay); return this; }
    close() { clearTimer(this); return this; }
    [Symbol.toPrimitive]() { return this._id; }
  }

  function schedule(timer, delay) {
    timer._due = virtualNow + delay;
    timer._seq = timerSequence++;
    activeTimers.set(timer._id, timer);
    const entry = { timer, due: timer._due, seq: timer._seq };
    let lo = 0;
    let hi = timerQueue.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const e = timerQueue[mid];
      if (e.due < entry.due || (e.due === entry.due && e.seq < entry.seq)) lo = mid + 1;
      else hi = mid;
    }
    timerQueue.splice(lo, 0, entry);
  }

  function toDelay(ms) {
    ms = Number(ms);
    return ms >= 1 && ms <= 2147483647 ? Math.trunc(ms) : 1;
  }

  function addTimer(callback, ms, args, repeat) {
    if (typeof callback !== 'function') {
      throw Object.assign(new TypeError(`The "callback" argument must be of type function. Received ${inspect(callback)}`), { code: 'ERR_INVALID_ARG_TYPE' });
    }
    const timer = new Timeout(callback, toDelay(ms), args, repeat);
    schedule(timer, timer._delay);
    return timer;
  }

  function clearTimer(timer) {
    if (timer === undefined || timer === null) return;
    const id = typeof timer === 'object' ? timer._id : Number(timer);
    activeTimers.delete(id);
  }

  const isLive = (entry) => activeTimers.get(entry.timer._id) === entry.timer && entry.timer._seq === entry.seq;

  // Runs the earliest due timer; false when none is left that keeps the program alive.
  function runNextTimer() {
    while (timerQueue.length > 0 && !isLive(timerQueue[0])) timerQueue.shift();
    if (timerQueue.length === 0) return false;
    let anyRef = false;
    for (const t of activeTimers.values()) {
      if (t._ref) { anyRef = true; break; }
    }
    if (!anyRef) return false;
    const timer = timerQueue.shift().timer;
    if (timer._due > virtualNow) virtualNow = timer._due;
    if (timer._repeat !== null) schedule(timer, timer._repeat);
    else activeTimers.delete(timer._id);
    try {
      timer._callback(...timer._args);
    } catch (e) {
      fatal(e);
    }
    return true;
  }

  const setTimeout = (callback, ms, ...args) => addTimer(callback, ms, args, false);
  const setInterval = (callback, ms, ...args) => addTimer(callback, ms, args, true);
  const setImmediate = (callback, ...args) => {
    const timer = new Timeout(callback, 0, args, false);
    schedule(timer, 0);
    return timer;
  };
  const queueMicrotask = (callback) => {
    if (typeof callback !== 'function') throw new TypeError('The "callback" argument must be of type function.');
    Promise.resolve().then(() => {
      try { callback(); } catch (e) { fatal(e); }
    });
  };

  // ---------------------------------------------------------------- process, stdin, require
  let input = '';
  const tickQueue = [];

  // Runs the process.nextTick queue (Node runs it before promise jobs); false when it was empty.
  function runTicks() {
    if (tickQueue.length === 0) return false;
    while (tickQueue.length > 0) {
      const tick = tickQueue.shift();
      try { tick(); } catch (e) { fatal(e); }
    }
    return true;
  }
  let exiting = false;

  class EventEmitter {
    constructor() { this._events = new Map(); }
    on(name, listener) {
      if (!this._events.has(name)) this._events.set(name, []);
      this._events.get(name).push(listener);
      if (typeof this._onListen === 'function') this._onListen(name);
      return this;
    }
    addListener(name, listener) { return this.on(name, listener); }
    once(name, listener) {
      const wrapper = (...args) => { this.off(name, wrapper); listener.apply(this, args); };
      return this.on(name, wrapper);
    }
    off(name, listener) {
      const list = this._events.get(name);
      if (list) { const i = list.indexOf(listener); if (i !== -1) list.splice(i, 1); }
      return this;
    }
    removeListener(name, listener) { return this.off(name, listener); }
    removeAllListeners(name) { if (name === undefined) this._events.clear(); else this._events.delete(name); return this; }
    emit(name, ...args) {
      const list = this._events.get(name);
      if (!list || list.length === 0) return false;
      for (const listener of [...list]) listener.apply(this, args);
      return true;
    }
    listenerCount(name) { return (this._events.get(name) || []).length; }
  }

  function splitLines(text) {
    if (text === '') return [];
    const lines = text.split(/\r?\n/);
    if (lines[lines.length - 1] === '') lines.pop();
    return lines;
  }

  class Stdin extends EventEmitter {
    constructor() { super(); this.fd = 0; this.isTTY = false; this._started = false; }
    setEncoding() { return this; }
    resume() { this._start(); return this; }
    pause() { return this; }
    read() { return null; }
    _onListen(name) { if (name === 'data' || name === 'end' || name === 'readable') this._start(); }
    _start() {
      if (this._started) return;
      this._started = true;
      setImmediate(() => {
        if (input !== '') this.emit('data', input);
        this.emit('end');
        this.emit('close');
      });
    }
    async *[Symbol.asyncIterator]() { if (input !== '') yield input; }
  }

  class Interface extends EventEmitter {
    constructor(options) {
      super();
      this._lines = splitLines(input);
      this._closed = false;
      this._waiting = [];
      this.terminal = false;
      this._output = options && options.output;
      setImmediate(() => this._pump());
    }
    _pump() {
      while (this._lines.length > 0 && !this._closed) {
        const line = this._lines.shift();
        const waiter = this._waiting.shift();
        if (waiter) waiter(line);
        else this.emit('line', line);
      }
      this.close();
    }
    question(query, callback) {
      if (this._output) this._output.write(query);
      else hostWrite(1, String(query));
      this._waiting.push(callback);
    }
    close() {
      if (this._closed) return;
      this._closed = true;
      this.emit('close');
    }
    setPrompt() {}
    prompt() {}
    write() {}
    pause() { return this; }
    resume() { return this; }
    async *[Symbol.asyncIterator]() {
      this._closed = true;
      const lines = this._lines;
      this._lines = [];
      for (const line of lines) yield line;
    }
  }
  const readline = { createInterface: (options) => new Interface(options), Interface };
  const readlinePromises = {
    createInterface: (options) => {
      const rl = new Interface(options);
      rl.question = (query) => new Promise((resolve) => Interface.prototype.question.call(rl, query, resolve));
      return rl;
    },
  };

  function unavailable(what) {
    return Object.assign(new Error(`${what} is not available in the sandbox`), { code: 'ERR_SANDBOX' });
  }

  const isStdin = (path) => path === 0 || path === '/dev/stdin' || path === '/proc/self/fd/0';
  const fsTarget = {
    readFileSync(path, options) {
      if (!isStdin(path)) throw unavailable(`fs.readFileSync(${inspect(path)})`);
      return input;
    },
  };
  const fs = new Proxy(fsTarget, {
    get(target, key) {
      if (key in target || typeof key === 'symbol') return target[key];
      return function () { throw unavailable(`fs.${key}`); };
    },
  });

  const process = new EventEmitter();
  Object.assign(process, {
    title: 'node',
    argv: ['node', 'main.js'],
    argv0: 'node',
    execArgv: [],
    env: {},
    exitCode: undefined,
    platform: 'linux',
    arch: 'wasm32',
    pid: 1,
    ppid: 0,
    version: 'v20.0.0',
    versions: { node: '20.0.0', quickjs: 'quickjs-ng' },
    release: { name: 'node' },
    stdin: new Stdin(),
    stdout: { fd: 1, isTTY: false, write: (chunk, encoding, cb) => { hostWrite(1, toText(chunk)); if (typeof cb === 'function') queueMicrotask(cb); return true; } },
    stderr: { fd: 2, isTTY: false, write: (chunk, encoding, cb) => { hostWrite(2, toText(chunk)); if (typeof cb === 'function') queueMicrotask(cb); return true; } },
    cwd: () => '/sandbox',
    chdir: () => { throw unavailable('process.chdir'); },
    uptime: () => performance.now() / 1000,
    hrtime: Object.assign((previous) => {
      const ns = Math.round(performance.now() * 1e6);
      let s = Math.floor(ns / 1e9);
      let n = ns % 1e9;
      if (previous) { s -= previous[0]; n -= previous[1]; if (n < 0) { s--; n += 1e9; } }
      return [s, n];
    }, { bigint: () => BigInt(Math.round(performance.now() * 1e6)) }),
    memoryUsage: () => ({ rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 }),
    nextTick: (callback, ...args) => { tickQueue.push(() => callback(...args)); },
    exit: (code) => {
      exiting = true;
      if (code === undefined) code = process.exitCode;
      hostExit(code === undefined || code === null ? 0 : Number(code) | 0);
    },
    abort: () => hostExit(134),
    kill: () => { throw unavailable('process.kill'); },
  });
  process.stdout._write = process.stdout.write;

  const util = {
    inspect,
    format,
    formatWithOptions: (options, ...args) => format(...args),
    isDeepStrictEqual: (a, b) => inspect(a, { depth: null }) === inspect(b, { depth: null }),
    promisify: (fn) => (...args) => new Promise((resolve, reject) => fn(...args, (err, value) => (err ? reject(err) : resolve(value)))),
    types: { isPromise, isDate, isRegExp, isMap, isSet, isNativeError: isError },
    inherits: (ctor, superCtor) => { Object.setPrototypeOf(ctor.prototype, superCtor.prototype); Object.setPrototypeOf(ctor, superCtor); },
  };
  const events = Object.assign(EventEmitter, { EventEmitter, default: EventEmitter });
  const timersModule = { setTimeout, setInterval, setImmediate, clearTimeout: clearTimer, clearInterval: clearTimer, clearImmediate: clearTimer };
  const timersPromises = {
    setTimeout: (ms, value) => new Promise((resolve) => setTimeout(resolve, ms, value)),
    setImmediate: (value) => new Promise((resolve) => setImmediate(resolve, value)),
  };
  const builtinModules = {
    fs, process, util, events, readline, timers: timersModule,
    'readline/promises': readlinePromises, 'timers/promises': timersPromises,
  };
  // Modules from npm packages (node-modules.js, which an image without it lacks), made the first time they are required.
  const packagedModules = nodeModules === undefined ? {} : {
    path: nodeModules.path,
    'path/posix': nodeModules.path,
    buffer: nodeModules.buffer,
  };
  // Node's Buffer global, made from the buffer module the first time a program reads it.
  if (nodeModules !== undefined) {
    Object.defineProperty(globalThis, 'Buffer', {
      configurable: true,
      enumerable: false,
      get() {
        const { Buffer } = builtinModule('buffer');
        Object.defineProperty(globalThis, 'Buffer', { value: Buffer, writable: true, configurable: true, enumerable: false });
        return Buffer;
      },
      set(value) { Object.defineProperty(globalThis, 'Buffer', { value, writable: true, configurable: true, enumerable: false }); },
    });
  }

  function moduleNotFound(name) {
    return Object.assign(new Error(`Cannot find module '${name}'`), { code: 'MODULE_NOT_FOUND' });
  }

  function builtinModule(name) {
    const bare = typeof name === 'string' && name.startsWith('node:') ? name.slice(5) : name;
    if (hasOwn(builtinModules, bare)) return builtinModules[bare];
    if (hasOwn(packagedModules, bare)) return (builtinModules[bare] = packagedModules[bare]());
    if (name === 'fs/promises' || name === 'node:fs/promises' || name === 'child_process' || name === 'node:child_process'
      || name === 'net' || name === 'http' || name === 'https' || name === 'os' || name === 'crypto'
      || name === 'worker_threads' || name === 'dgram' || name === 'dns' || name === 'tls' || name === 'cluster') {
      throw unavailable(`The module '${name}'`);
    }
    throw moduleNotFound(name);
  }

  function require(name) { return builtinModule(String(name)); }
  require.resolve = (name) => { builtinModule(String(name)); return String(name); };
  require.cache = {};

  // ---------------------------------------------------------------- globals
  const moduleObject = { exports: {}, id: '.', filename: '/sandbox/main.js', loaded: false, children: [], paths: [] };
  Object.assign(globalThis, {
    console, process, require, global: globalThis,
    module: moduleObject, exports: moduleObject.exports, __filename: '/sandbox/main.js', __dirname: '/sandbox',
    setTimeout, setInterval, setImmediate, queueMicrotask,
    clearTimeout: clearTimer, clearInterval: clearTimer, clearImmediate: clearTimer,
  });
  for (const name of ['console', 'process', 'require', 'global', 'module', 'exports', '__filename', '__dirname', 'setTimeout',
    'setInterval', 'setImmediate', 'queueMicrotask', 'clearTimeout', 'clearInterval', 'clearImmediate']) {
    Object.defineProperty(globalThis, name, { enumerable: false });
  }

  // ---------------------------------------------------------------- CommonJS
  // A .js program runs as Node runs it: the body of a module function, in sloppy mode. The host puts the function's
  // header in front of the program's first line, so that line's columns are moved by its length; stack traces take
  // it back out (QuickJS's own format otherwise, and a program's own Error.prepareStackTrace replaces this one).
  let mainFile = 'main.js';
  let firstLineShift = 0;
  function formatStack(error, sites) {
    let text = '';
    for (const site of sites) {
      const name = site.getFunctionName() ?? '<anonymous>';
      if (site.isNative()) {
        text += `    at ${name} (native)\n`;
        continue;
      }
      const line = site.getLineNumber();
      // (An error in the program's very first expression is placed at the header's brace: column 1.)
      const column = line === 1 && site.getFileName() === mainFile ? Math.max(1, site.getColumnNumber() - firstLineShift) : site.getColumnNumber();
      const where = `${site.getFileName()}:${line}:${column}`;
      text += site.getFunction() === null ? `    at ${where}\n` : `    at ${name} (${where})\n`;
    }
    return text;
  }
  Error.prepareStackTrace = formatStack; // QuickJS's own setter: it keeps the formatter for the errors it makes

  // The module function's arguments, exports first (also its this), once the program is known to be CommonJS and
  // the host has put a header of headerLength characters before its first line.
  function commonJsArguments(headerLength) {
    firstLineShift = headerLength;
    return [moduleObject.exports, require, moduleObject, moduleObject.filename, '/sandbox'];
  }

  // An ES module sees none of CommonJS's names, as in Node; the host's loader for builtin modules reaches require
  // through a symbol.
  Object.defineProperty(globalThis, Symbol.for('codeexec.require'), { value: require });
  function enterEsModule() {
    for (const name of ['require', 'module', 'exports', '__filename', '__dirname']) delete globalThis[name];
  }

  // performance.now counts from the start of the execution, not from when the image was baked.
  const clockNow = performance.now.bind(performance);
  let performanceOrigin = 0;
  globalThis.performance = { now: () => clockNow() - performanceOrigin, timeOrigin: 0, toJSON() { return { timeOrigin: this.timeOrigin }; } };
  Object.defineProperty(globalThis, 'performance', { enumerable: false });

  // Math.random: the baked image would otherwise give every execution the same sequence (xoshiro128**).
  const randomState = new Uint32Array(4);
  Math.random = function random() {
    const s = randomState;
    const next = () => {
      const result = Math.imul(((Math.imul(s[1], 5) << 7) | (Math.imul(s[1], 5) >>> 25)), 9) >>> 0;
      const t = s[1] << 9;
      s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t;
      s[3] = (s[3] << 11) | (s[3] >>> 21);
      return result;
    };
    return ((next() >>> 5) * 67108864 + (next() >>> 6)) / 9007199254740992;
  };

  // ---------------------------------------------------------------- entry points for the host
  function fatal(error) {
    if (exiting) hostExit(process.exitCode ?? 1);
    let text;
    try {
      text = isError(error) ? errorStack(error) : `Uncaught ${inspect(error)}`;
      const extra = isError(error) ? getKeys(error).filter((k) => k !== 'stack' && k !== 'message' && k !== 'name') : [];
      if (extra.length > 0) text = inspect(error);
    } catch {
      text = 'Uncaught exception';
    }
    hostWrite(2, `${text}\n`);
    hostExit(1);
  }

  function exitCode() {
    const code = process.exitCode;
    return code === undefined || code === null ? 0 : Number(code) | 0;
  }

  function start(configJson) {
    delete globalThis.__codeexec;
    const config = JSON.parse(configJson);
    input = config.input;
    process.argv = ['node', config.file === 'main.ts' ? '/sandbox/main.ts' : '/sandbox/main.js', ...config.args];
    process.env = config.env;
    randomState.set(config.seed);
    performanceOrigin = clockNow();
    globalThis.performance.timeOrigin = Date.now();
    if (config.file === 'main.ts') {
      mainFile = 'main.ts';
      moduleObject.filename = '/sandbox/main.ts';
      globalThis.__filename = '/sandbox/main.ts';
    }
  }

  // Type-strips TypeScript with sucrase; on a syntax error prints `main.ts:LINE:COLUMN - error: ...` and returns 0.
  function transpile(source) {
    try {
      return sucrase.transform(source, { transforms: ['typescript'], disableESTransforms: true, filePath: 'main.ts' }).code;
    } catch (e) {
      const match = /\((\d+):(\d+)\)$/.exec(String(e.message));
      const message = String(e.message).replace(/\s*\(\d+:\d+\)$/, '').replace(/^Error transforming [^:]*: /, '');
      const where = match ? `main.ts:${match[1]}:${match[2]}` : 'main.ts';
      hostWrite(2, `${where} - error: ${message}\n`);
      return 0;
    }
  }

  globalThis.__codeexec = {
    start, runNextTimer, runTicks, fatal, exitCode, commonJsArguments, enterEsModule, transpile: sucrase ? transpile : undefined, builtinModule,
  };
})();
