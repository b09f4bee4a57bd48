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
  if (nodeModules === undefined) throw new Error('node-modules.js must be evaluated before the prelude');
  const { nodeError, describeReceived } = nodeModules;
  // The larger modules (node-modules-full.js): baked into the image when the program names them, else evaluated
  // from the host's copy the first time the program needs one.
  let nodeModulesFull = globalThis.__codeexec_node_modules_full;
  delete globalThis.__codeexec_node_modules_full;
  const hostLoadFullModules = host.loadFullModules;
  const hostStdin = host.stdin;
  function fullModules() {
    if (nodeModulesFull === undefined) {
      hostLoadFullModules();
      nodeModulesFull = globalThis.__codeexec_node_modules_full;
      delete globalThis.__codeexec_node_modules_full;
    }
    return nodeModulesFull;
  }

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
    table: (data, properties) => {
      const table = nodeModules.consoleTable()(data, properties, inspect, isMap, isSet);
      print(1, table === undefined ? format(data) : table);
    },
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
      throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "callback" argument must be of type function. Received ${describeReceived(callback)}`);
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
  // With interactive input (config.interactive) stdin is the request's input, then what the caller types, read from
  // the host as the program asks for it: a read waits for the next text (holding the event loop, as a blocking read
  // would), and gets undefined at end of file. Each text is read once.
  let interactive = false;
  let pendingInput = '';
  let inputEnded = false;
  function nextInput() {
    if (pendingInput !== '') {
      const text = pendingInput;
      pendingInput = '';
      return text;
    }
    if (inputEnded) return undefined;
    const text = hostStdin();
    if (text === undefined) inputEnded = true;
    return text;
  }
  function restOfInput() {
    let text = '';
    for (let next = nextInput(); next !== undefined; next = nextInput()) text += next;
    return text;
  }
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

  // Node's EventEmitter is the npm package events (Node's own implementation), made when the image is baked.
  const EventEmitter = nodeModules.events();
  // What Node 20 adds: an 'error' nobody listens for that is not an Error is thrown as ERR_UNHANDLED_ERROR naming
  // the value; listeners of errorMonitor see every 'error' first.
  const errorMonitor = Symbol('events.errorMonitor');
  const npmEmit = EventEmitter.prototype.emit;
  EventEmitter.prototype.emit = function emit(type, ...args) {
    if (type === 'error') {
      if (this._events !== undefined && this._events[errorMonitor] !== undefined) apply(npmEmit, this, [errorMonitor, ...args]);
      if (this.listenerCount('error') === 0) {
        const reason = args[0];
        if (reason instanceof Error) throw reason;
        const error = nodeError(Error, 'ERR_UNHANDLED_ERROR', `Unhandled error. (${inspect(reason)})`);
        error.context = reason;
        throw error;
      }
    }
    return apply(npmEmit, this, [type, ...args]);
  };
  EventEmitter.errorMonitor = errorMonitor;

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
    on(name, listener) {
      super.on(name, listener);
      if (name === 'data' || name === 'end' || name === 'readable') this._start();
      return this;
    }
    addListener(name, listener) { return this.on(name, listener); }
    _start() {
      if (this._started) return;
      this._started = true;
      setImmediate(() => {
        if (interactive) {
          this._pump();
          return;
        }
        if (input !== '') this.emit('data', input);
        this.emit('end');
        this.emit('close');
      });
    }
    // Interactive: one 'data' per text as it comes, then 'end' and 'close'.
    _pump() {
      const text = nextInput();
      if (text === undefined) {
        this.emit('end');
        this.emit('close');
        return;
      }
      this.emit('data', text);
      setImmediate(() => this._pump());
    }
    async *[Symbol.asyncIterator]() {
      if (!interactive) {
        if (input !== '') yield input;
        return;
      }
      for (let text = nextInput(); text !== undefined; text = nextInput()) yield text;
    }
  }

  class Interface extends EventEmitter {
    constructor(options) {
      super();
      this._lines = interactive ? [] : splitLines(input);
      this._partial = '';
      this._idle = false;
      this._closed = false;
      this._waiting = [];
      this.terminal = false;
      this._output = options && options.output;
      setImmediate(() => this._pump());
    }
    _pump() {
      if (interactive) {
        this._pumpInteractive();
        return;
      }
      while (this._lines.length > 0 && !this._closed) {
        const line = this._lines.shift();
        const waiter = this._waiting.shift();
        if (waiter) waiter(line);
        else this.emit('line', line);
      }
      this.close();
    }
    // Interactive: a line at a time, read only while a question or a 'line' listener waits for one; 'close' at end of file.
    _pumpInteractive() {
      if (this._closed) return;
      if (this._waiting.length === 0 && this.listenerCount('line') === 0) {
        this._idle = true;
        return;
      }
      const line = this._nextLine();
      if (line === undefined) {
        this.close();
        return;
      }
      const waiter = this._waiting.shift();
      if (waiter) waiter(line);
      else this.emit('line', line);
      setImmediate(() => this._pump());
    }
    _nextLine() {
      while (this._lines.length === 0) {
        const text = nextInput();
        if (text === undefined) {
          const last = this._partial;
          this._partial = '';
          return last === '' ? undefined : last;
        }
        const lines = (this._partial + text).split(/\r?\n/);
        this._partial = lines.pop();
        this._lines.push(...lines);
      }
      return this._lines.shift();
    }
    _wake() {
      if (!this._idle) return;
      this._idle = false;
      setImmediate(() => this._pump());
    }
    on(name, listener) {
      super.on(name, listener);
      if (name === 'line' && interactive) this._wake();
      return this;
    }
    addListener(name, listener) { return this.on(name, listener); }
    question(query, callback) {
      if (this._output) this._output.write(query);
      else hostWrite(1, String(query));
      this._waiting.push(callback);
      if (interactive) this._wake();
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
      if (interactive) {
        for (let line = this._nextLine(); !this._closed && line !== undefined; line = this._nextLine()) yield line;
        this.close();
        return;
      }
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

  // The file system a program sees (NodeModules/fs.js): its input at /dev/stdin, its files under /sandbox through the
  // host, made the first time it is required. What fs.js lacks (streams, watchers, descriptors) says it is unavailable.
  const hostFs = host.fs;
  function makeFs() {
    const made = nodeModules.makeFs({
      hostFs, input: () => (interactive ? restOfInput() : input), Buffer: builtinModule('buffer').Buffer, path: builtinModule('path'), stdout: process.stdout,
      stderr: process.stderr, nodeError, describeReceived, later: (callback, ...args) => setImmediate(callback, ...args),
    });
    return new Proxy(made, {
      get(target, key) {
        if (key in target || typeof key === 'symbol') return target[key];
        return function () { throw unavailable(`fs.${key}`); };
      },
    });
  }

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
      if (code !== undefined) process.exitCode = code;
      emitExit();
      hostExit(exitCode());
    },
    emitWarning: (warning, type, code) => {
      if (typeof type === 'object' && type !== null) ({ type, code } = type);
      const name = isError(warning) ? warning.name : type ?? 'Warning';
      const message = isError(warning) ? warning.message : `${warning}`;
      if (name === 'DeprecationWarning' && process.noDeprecation) return;
      hostWrite(2, `(node:${process.pid}) ${code ? `[${code}] ` : ''}${name}: ${message}\n`);
      if (!warnedOnce) {
        warnedOnce = true;
        const flag = name === 'DeprecationWarning' ? '--trace-deprecation' : '--trace-warnings';
        hostWrite(2, `(Use \`node ${flag} ...\` to show where the warning was created)\n`);
      }
    },
    abort: () => hostExit(134),
    kill: () => { throw unavailable('process.kill'); },
  });
  process.stdout._write = process.stdout.write;
  let warnedOnce = false;

  // Node emits 'exit' once, with the exit code, when the program ends for any reason but a signal.
  function emitExit() {
    if (exiting) return;
    exiting = true;
    process.emit('exit', exitCode());
  }

  // Defines name on target as a value made the first time it is read (or replaced when it is assigned first).
  function lazy(target, name, make, enumerable = true) {
    const settle = (value) => Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable });
    Object.defineProperty(target, name, {
      configurable: true,
      enumerable,
      // (Gone while it is made, so that a package that looks for a native one does not find this getter.)
      get() { delete target[name]; const value = make(); settle(value); return value; },
      set(value) { settle(value); },
    });
  }

  const comparisons = () => fullModules().comparisons();
  const promisifyCustom = Symbol.for('nodejs.util.promisify.custom');
  function promisify(original) {
    if (typeof original !== 'function') {
      throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "original" argument must be of type function. Received ${describeReceived(original)}`);
    }
    if (typeof original[promisifyCustom] === 'function') return original[promisifyCustom];
    function fn(...args) {
      return new Promise((resolve, reject) => {
        Reflect.apply(original, this, [...args, (err, ...values) => (err ? reject(err) : resolve(values[0]))]);
      });
    }
    Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
    Object.defineProperty(fn, promisifyCustom, { value: fn, enumerable: false, writable: false, configurable: true });
    return Object.defineProperties(fn, Object.getOwnPropertyDescriptors(original));
  }
  promisify.custom = promisifyCustom;
  function callbackify(original) {
    if (typeof original !== 'function') {
      throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "original" argument must be of type function. Received ${describeReceived(original)}`);
    }
    return function (...args) {
      const callback = args.pop();
      Reflect.apply(original, this, args).then(
        (value) => process.nextTick(callback, null, value),
        (reason) => {
          if (!reason) reason = Object.assign(nodeError(Error, 'ERR_FALSY_VALUE_REJECTION', 'Promise was rejected with falsy value'), { reason });
          process.nextTick(callback, reason);
        });
    };
  }
  const deprecationsWarned = new Set();
  function deprecate(fn, message, code) {
    return function (...args) {
      const key = code ?? message;
      if (!deprecationsWarned.has(key)) {
        deprecationsWarned.add(key);
        process.emitWarning(message, 'DeprecationWarning', code);
      }
      return new.target ? Reflect.construct(fn, args, new.target) : Reflect.apply(fn, this, args);
    };
  }
  const util = {
    inspect,
    format,
    formatWithOptions: (options, ...args) => format(...args),
    isDeepStrictEqual: (a, b) => comparisons().isDeepStrictEqual(a, b),
    promisify,
    callbackify,
    deprecate,
    inherits: (ctor, superCtor) => {
      Object.defineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
      Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
    },
    debuglog: () => Object.assign(() => {}, { enabled: false }),
    stripVTControlCharacters: (text) => `${text}`.replace(/[\u001B\u009B][[\]()#;?]*(?:(?:(?:(?:;[-a-zA-Z\d\/#&.:=?%@~_]+)*|[a-zA-Z\d]+(?:;[-a-zA-Z\d\/#&.:=?%@~_]*)*)?\u0007)|(?:(?:\d{1,4}(?:;\d{0,4})*)?[\dA-PR-TZcf-ntqry=><~]))/g, ''),
    toUSVString: (text) => apply(toWellFormed, `${text}`, []),
    isArray: Array.isArray,
  };
  lazy(util, 'types', () => {
    const types = { ...fullModules().utilTypes(), isPromise, isDate, isRegExp, isMap, isSet, isNativeError: isError };
    delete types.isProxy;
    delete types.isExternal;
    return types;
  });
  lazy(util, 'TextEncoder', () => globalThis.TextEncoder);
  lazy(util, 'TextDecoder', () => globalThis.TextDecoder);
  lazy(util, 'parseArgs', () => fullModules().parseArgs());

  const timersModule = { setTimeout, setInterval, setImmediate, clearTimeout: clearTimer, clearInterval: clearTimer, clearImmediate: clearTimer };
  const timersPromises = {
    setTimeout: (ms, value) => new Promise((resolve) => setTimeout(resolve, ms, value)),
    setImmediate: (value) => new Promise((resolve) => setImmediate(resolve, value)),
    setInterval: async function* (ms, value) {
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, ms));
        yield value;
      }
    },
    scheduler: {
      wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      yield: () => new Promise((resolve) => setImmediate(resolve)),
    },
  };

  // Modules that cannot do anything in the sandbox load, as Node's do under its permission model, and each of their
  // functions throws Node's ERR_ACCESS_DENIED saying what the sandbox lacks.
  function deniedModule(lacks) {
    const denied = () => nodeError(Error, 'ERR_ACCESS_DENIED', `Access to this API has been restricted: the sandbox has no ${lacks}`);
    return new Proxy({}, {
      get(target, key) {
        if (typeof key === 'symbol' || key === 'then' || key === '__esModule') return undefined;
        return function () { throw denied(); };
      },
    });
  }
  const denied = {
    child_process: 'processes', cluster: 'processes', worker_threads: 'threads',
    net: 'network', http: 'network', https: 'network', http2: 'network', dgram: 'network', dns: 'network', tls: 'network',
    'dns/promises': 'network', inspector: 'inspector', v8: 'engine internals', vm: 'separate contexts',
  };

  const builtinModules = {
    process, util, events: EventEmitter, readline, timers: timersModule,
    'readline/promises': readlinePromises, 'timers/promises': timersPromises,
    perf_hooks: { performance: globalThis.performance },
  };
  // Modules from npm packages and NodeModules/ (node-modules.js), made the first time they are required.
  const packagedModules = {
    path: nodeModules.path,
    'path/posix': nodeModules.path,
    fs: makeFs,
    'fs/promises': () => builtinModule('fs').promises,
    buffer: () => {
      const buffer = nodeModules.buffer();
      // Node's form, which counts the bytes it leaves out.
      buffer.Buffer.prototype[inspect.custom] = function (depth, options) {
        const shown = Math.min(buffer.INSPECT_MAX_BYTES, this.length);
        const remaining = this.length - shown;
        let text = this.toString('hex', 0, shown).replace(/(.{2})/g, '$1 ').trim();
        if (remaining > 0) text += ` ... ${remaining} more byte${remaining > 1 ? 's' : ''}`;
        return `<${this.constructor.name} ${text}>`;
      };
      return buffer;
    },
    assert: () => {
      const assert = fullModules().assert();
      Object.defineProperty(assert.AssertionError.prototype, Symbol.for('codeexec.nodeError'), { value: true });
      return assert;
    },
    'assert/strict': () => builtinModule('assert').strict,
    url: () => Object.assign(Object.create(null), fullModules().url(), {
      // Node parses the query with its querystring module: an object without a prototype.
      parse: (address, parseQueryString, slashesDenoteHost) => {
        const parsed = fullModules().url().parse(address, false, slashesDenoteHost);
        if (parseQueryString) parsed.query = builtinModule('querystring').parse(parsed.query ?? '');
        return parsed;
      },
      URL: globalThis.URL,
      URLSearchParams: globalThis.URLSearchParams,
      fileURLToPath: (url) => decodeURIComponent(new globalThis.URL(`${url}`).pathname),
      pathToFileURL: (path) => new globalThis.URL(`file://${builtinModule('path').resolve(`${path}`)}`),
    }),
    querystring: () => {
      // Node's parse gives an object without a prototype.
      const querystring = fullModules().querystring();
      const parse = (...args) => Object.assign(Object.create(null), querystring.parse(...args));
      const unescape = (text) => { try { return decodeURIComponent(text); } catch { return text; } };
      return { ...querystring, parse, decode: parse, escape: (text) => encodeURIComponent(text), unescape };
    },
    string_decoder: () => fullModules().string_decoder(),
    stream: () => fullModules().stream(),
    'stream/promises': () => builtinModule('stream').promises,
    crypto: () => fullModules().crypto(builtinModule('buffer').Buffer, randomBytes),
    os: () => fullModules().os(process),
    'util/types': () => util.types,
  };

  // Node's globals that QuickJS lacks, each made the first time a program reads it.
  lazy(globalThis, 'Buffer', () => builtinModule('buffer').Buffer, false);
  lazy(globalThis, 'URL', () => {
    // URLSearchParams first: a URL's searchParams is one, and prints with the inspector that gives it.
    void globalThis.URLSearchParams;
    return withInspect(fullModules().URL(), 'URL', (url) => ({
      href: url.href, origin: url.origin, protocol: url.protocol, username: url.username, password: url.password,
      host: url.host, hostname: url.hostname, port: url.port, pathname: url.pathname, search: url.search,
      searchParams: url.searchParams, hash: url.hash,
    }));
  }, false);
  lazy(globalThis, 'URLSearchParams', () => {
    const URLSearchParams = fullModules().URLSearchParams();
    URLSearchParams.prototype[inspect.custom] = function (depth, options) {
      const entries = [...this].map(([k, v]) => `${inspect(k)} => ${inspect(v)}`);
      return entries.length === 0 ? 'URLSearchParams {}' : `URLSearchParams { ${entries.join(', ')} }`;
    };
    return URLSearchParams;
  }, false);
  lazy(globalThis, 'TextEncoder', () => fullModules().textEncoding().TextEncoder, false);
  lazy(globalThis, 'TextDecoder', () => fullModules().textEncoding().TextDecoder, false);
  lazy(globalThis, 'structuredClone', () => fullModules().structuredClone(), false);
  for (const name of ['AbortController', 'AbortSignal', 'Event', 'EventTarget']) lazy(globalThis, name, () => fullModules().abort()[name], false);
  lazy(globalThis, 'crypto', () => builtinModule('crypto').webcrypto, false);
  // fetch and its classes (fetch.js): requests the host makes, within the request's network rules.
  const hostHttp = host.http;
  let fetchModule;
  for (const name of ['fetch', 'Headers', 'Request', 'Response']) lazy(globalThis, name, () => (fetchModule ??= fullModules().fetch(hostHttp))[name], false);

  // Intl (intl.js), made the first time a program reads it or calls a method that formats or compares by locale.
  let intl;
  const loadIntl = () => (intl ??= fullModules().intl());
  lazy(globalThis, 'Intl', loadIntl, false);
  for (const [prototype, name] of [[Number.prototype, 'toLocaleString'], [BigInt.prototype, 'toLocaleString'], [Date.prototype, 'toLocaleString'],
    [Date.prototype, 'toLocaleDateString'], [Date.prototype, 'toLocaleTimeString'], [String.prototype, 'localeCompare']]) {
    const stub = { [name](...args) { loadIntl(); return apply(prototype[name], this, args); } }[name];
    Object.defineProperty(prototype, name, { value: stub, writable: true, configurable: true });
  }

  // The sandbox's time zone is UTC, which Node's ICU names after the offset in a date's text.
  for (const name of ['toString', 'toTimeString']) {
    const original = Date.prototype[name];
    const named = { [name]() { const text = apply(original, this, []); return text === 'Invalid Date' ? text : `${text} (Coordinated Universal Time)`; } }[name];
    Object.defineProperty(Date.prototype, name, { value: named, writable: true, configurable: true });
  }

  function withInspect(Class, name, fields) {
    Class.prototype[inspect.custom] = function (depth, options) { return `${name} ${inspect(fields(this), options)}`; };
    return Class;
  }

  // Random bytes from the host's cryptographic generator, as hex (at most 65,536 bytes a call).
  const hostRandomBytes = host.randomBytes;
  const randomBytes = (count) => hostRandomBytes(count);

  function moduleNotFound(name) {
    return Object.assign(new Error(`Cannot find module '${name}'`), { code: 'MODULE_NOT_FOUND' });
  }

  function builtinModule(name) {
    const bare = typeof name === 'string' && name.startsWith('node:') ? name.slice(5) : name;
    if (hasOwn(builtinModules, bare)) return builtinModules[bare];
    if (hasOwn(packagedModules, bare)) return (builtinModules[bare] = packagedModules[bare]());
    if (hasOwn(denied, bare)) return (builtinModules[bare] = deniedModule(denied[bare]));
    throw moduleNotFound(name);
  }

  // The names an ES module may import from a builtin module: its exports' own enumerable keys that are identifiers.
  const reserved = new Set(['default', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'delete', 'do', 'else',
    'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null',
    'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield', 'let',
    'static', 'await', 'implements', 'interface', 'package', 'private', 'protected', 'public', 'arguments', 'eval']);
  const importableNames = (exports) => Object.keys(exports).filter((key) => /^[A-Za-z_$][\w$]*$/.test(key) && !reserved.has(key));
  const exportNames = (name) => importableNames(builtinModule(name)).join(',');
  Object.defineProperty(globalThis, Symbol.for('codeexec.exportNames'), { value: exportNames });

  // ---------------------------------------------------------------- the program's own files as modules
  // require('./util') and its like load the program's files under /sandbox as Node loads them: resolved with Node's
  // extensions and index files, each a CommonJS module (a .json file parsed; a .ts file transpiled by sucrase), made
  // once and cached in require.cache by its path.
  const hostEvalScript = host.evalScript;
  const moduleHeader = '(function (exports, require, module, __filename, __dirname) {';
  const fileModules = Object.create(null);
  const isFilePath = (name) => name === '.' || name === '..' || name.startsWith('./') || name.startsWith('../') || name.startsWith('/');
  const sandboxPath = () => builtinModule('path');
  function isFile(file) {
    const stat = builtinModule('fs').statSync(file, { throwIfNoEntry: false });
    return stat !== undefined && stat.isFile();
  }
  function requireStack(module) {
    const stack = [];
    for (let current = module; current !== undefined && current !== null; current = current.parent) stack.push(current.filename);
    return stack;
  }
  function cannotFind(name, module) {
    const stack = requireStack(module);
    return Object.assign(new Error(`Cannot find module '${name}'\nRequire stack:\n- ${stack.join('\n- ')}`), { code: 'MODULE_NOT_FOUND', requireStack: stack });
  }
  function resolveFile(name, module) {
    const path = sandboxPath();
    const base = path.resolve(path.dirname(module.filename), name);
    const extensions = sucrase ? ['.js', '.json', '.cjs', '.ts'] : ['.js', '.json', '.cjs'];
    if (!name.endsWith('/')) {
      for (const candidate of [base, ...extensions.map((extension) => base + extension)]) if (isFile(candidate)) return candidate;
    }
    const manifest = path.join(base, 'package.json');
    if (isFile(manifest)) {
      let main;
      try { main = JSON.parse(builtinModule('fs').readFileSync(manifest, 'utf8')).main; } catch { main = undefined; }
      if (typeof main === 'string') {
        const target = path.resolve(base, main);
        for (const candidate of [target, ...extensions.map((extension) => target + extension), path.join(target, 'index.js')]) if (isFile(candidate)) return candidate;
      }
    }
    for (const extension of extensions) if (isFile(path.join(base, `index${extension}`))) return path.join(base, `index${extension}`);
    throw cannotFind(name, module);
  }
  // The name a file's code is compiled under, as its stack frames show it: its path relative to /sandbox.
  const scriptName = (file) => (file.startsWith('/sandbox/') ? file.slice('/sandbox/'.length) : file);
  const wrappedFiles = new Set();
  function loadFile(file, parent) {
    const cached = fileModules[file];
    if (cached !== undefined) return cached.exports;
    const path = sandboxPath();
    const module = { id: file, path: path.dirname(file), exports: {}, filename: file, loaded: false, children: [], paths: [], parent };
    fileModules[file] = module;
    parent.children.push(module);
    try {
      const text = builtinModule('fs').readFileSync(file, 'utf8');
      if (file.endsWith('.json')) {
        try {
          module.exports = JSON.parse(text);
        } catch (error) {
          error.message = `${file}: ${error.message}`;
          throw error;
        }
      } else {
        let source = text.startsWith('#!') ? `//${text.slice(2)}` : text;
        if (file.endsWith('.ts')) source = sucrase.transform(source, { transforms: ['typescript', 'imports'], filePath: file }).code;
        wrappedFiles.add(scriptName(file));
        const moduleFunction = hostEvalScript(`${moduleHeader}${source}\n})`, scriptName(file));
        apply(moduleFunction, module.exports, [module.exports, makeRequire(module), module, file, module.path]);
      }
    } catch (error) {
      delete fileModules[file];
      throw error;
    }
    module.loaded = true;
    return module.exports;
  }
  function makeRequire(module) {
    function require(name) {
      name = String(name);
      if (isFilePath(name)) return loadFile(resolveFile(name, module), module);
      try {
        return builtinModule(name);
      } catch (error) {
        throw error?.code === 'MODULE_NOT_FOUND' ? cannotFind(name, module) : error;
      }
    }
    require.resolve = (name) => {
      name = String(name);
      if (isFilePath(name)) return resolveFile(name, module);
      builtinModule(name);
      return name;
    };
    require.cache = fileModules;
    require.main = moduleObject;
    return require;
  }

  // ES modules' imports of the program's files, for QuickJsExecution's module loader: the path an import names
  // (TypeScript's extensionless imports find their .ts file), and the source QuickJS compiles for it: an ES module's
  // own text, or, for a CommonJS file, a module whose exports are the file's (made when it is first imported).
  const importers = Object.create(null);
  function resolveImport(base, name) {
    const path = sandboxPath();
    const from = base.startsWith('/') ? base : `/sandbox/${base}`;
    const target = path.resolve(path.dirname(from), name);
    importers[target] ??= from;
    if (sucrase && !isFile(target)) {
      for (const candidate of [`${target}.ts`, `${target}/index.ts`]) if (isFile(candidate)) return candidate;
    }
    return target;
  }
  function moduleSource(file) {
    let text;
    try {
      text = builtinModule('fs').readFileSync(file, 'utf8');
    } catch (error) {
      if (error?.code !== 'ENOENT' && error?.code !== 'EISDIR') throw error;
      throw Object.assign(new Error(`Cannot find module '${file}' imported from ${importers[file] ?? moduleObject.filename}`), { code: 'ERR_MODULE_NOT_FOUND' });
    }
    if (file.endsWith('.mjs')) return text;
    if (sucrase && (file.endsWith('.ts') || file.endsWith('.mts'))) {
      return sucrase.transform(text, { transforms: ['typescript'], disableESTransforms: true, filePath: file }).code;
    }
    if (!file.endsWith('.cjs') && !file.endsWith('.json')) {
      try {
        hostEvalScript(`${moduleHeader}${text.startsWith('#!') ? `//${text.slice(2)}` : text}\n})`, scriptName(file));
      } catch {
        return text; // not valid as CommonJS: an ES module, as Node 20.19 and later detect it
      }
    }
    const names = importableNames(loadFile(file, moduleObject));
    const exported = names.length > 0 ? `export const { ${names.join(', ')} } = m;\n` : '';
    return `const m = globalThis[Symbol.for('codeexec.requireFile')](${JSON.stringify(file)});\nexport default m;\n${exported}`;
  }
  Object.defineProperty(globalThis, Symbol.for('codeexec.resolveImport'), { value: resolveImport });
  Object.defineProperty(globalThis, Symbol.for('codeexec.moduleSource'), { value: moduleSource });

  // ---------------------------------------------------------------- globals
  // (require, module, exports, __filename and __dirname are the module function's arguments, not globals, as in Node.)
  const moduleObject = { exports: {}, id: '.', path: '/sandbox', filename: '/sandbox/main.js', loaded: false, children: [], paths: [], parent: null };
  const require = makeRequire(moduleObject);
  // An ES module's import of a CommonJS file (QuickJsExecution's loader) requires it from the program's module.
  Object.defineProperty(globalThis, Symbol.for('codeexec.requireFile'), { value: (file) => loadFile(file, moduleObject) });
  Object.assign(globalThis, {
    console, process, global: globalThis,
    setTimeout, setInterval, setImmediate, queueMicrotask,
    clearTimeout: clearTimer, clearInterval: clearTimer, clearImmediate: clearTimer,
  });
  for (const name of ['console', 'process', 'global', 'setTimeout',
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
      const wrapped = site.getFileName() === mainFile || wrappedFiles.has(site.getFileName());
      const column = line === 1 && wrapped ? Math.max(1, site.getColumnNumber() - firstLineShift) : site.getColumnNumber();
      const where = `${site.getFileName()}:${line}:${column}`;
      text += site.getFunction() === null ? `    at ${where}\n` : `    at ${name} (${where})\n`;
    }
    return text;
  }
  Error.prepareStackTrace = formatStack; // QuickJS's own setter: it keeps the formatter for the errors it makes

  // The module function's arguments, exports first (also its this), once the program is known to be CommonJS and
  // the host has put a header of headerLength characters before its first line.
  let moduleFunction;
  function commonJsArguments(headerLength, programFunction) {
    firstLineShift = headerLength;
    moduleFunction = programFunction;
    return [moduleObject.exports, require, moduleObject, moduleObject.filename, moduleObject.path];
  }

  // Where the program called fn: its source (the module function's text less the header) and the call's line and
  // column from 0, for assert's messages, which Node takes from the program's file. Undefined for an ES module.
  function programCallSite(fn) {
    if (moduleFunction === undefined) return undefined;
    const prepare = Error.prepareStackTrace;
    const holder = {};
    try {
      Error.prepareStackTrace = (_, sites) => sites;
      Error.captureStackTrace(holder, fn);
    } finally {
      Error.prepareStackTrace = prepare;
    }
    const site = Array.isArray(holder.stack) ? holder.stack[0] : undefined;
    if (site === undefined || site.getFileName() !== mainFile) return undefined;
    const line = site.getLineNumber() - 1;
    const column = site.getColumnNumber() - 1 - (line === 0 ? firstLineShift : 0);
    // The text runs from the header's 'function' (its second character) to the closing brace after a newline.
    return { source: Function.prototype.toString.call(moduleFunction).slice(firstLineShift - 1, -2), line, column };
  }
  Object.defineProperty(globalThis, Symbol.for('codeexec.programCallSite'), { value: programCallSite });

  // The host's loader for builtin modules imported by an ES module reaches require through a symbol.
  Object.defineProperty(globalThis, Symbol.for('codeexec.require'), { value: require });


  // Math's functions with V8's results (math.js), in an image baked with the full modules (a program is not
  // given other results halfway through); and the parser assert quotes sources with, set up.
  if (nodeModulesFull !== undefined) {
    nodeModulesFull.installMath();
    nodeModulesFull.warmAssertMessage();
  }

  // buffer, path and fs made while the image is baked: fs needs the other two, and making them per execution took a
  // program that reads a file 0.5 ms.
  for (const name of ['buffer', 'path', 'fs']) builtinModule(name);

  // Globals QuickJS has and Node 20 does not (the engine keeps what it needs of them).
  for (const name of ['Iterator', 'DisposableStack', 'AsyncDisposableStack', 'SuppressedError', 'Float16Array']) delete globalThis[name];

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
    if (exiting) hostExit(exitCode() || 1);
    let text;
    try {
      text = isError(error) ? errorStack(error) : `Uncaught ${inspect(error)}`;
      const extra = isError(error) ? getKeys(error).filter((k) => k !== 'stack' && k !== 'message' && k !== 'name') : [];
      if (extra.length > 0) text = inspect(error);
    } catch {
      text = 'Uncaught exception';
    }
    hostWrite(2, `${text}\n`);
    process.exitCode = 1;
    emitExit();
    hostExit(1);
  }

  function exitCode() {
    const code = process.exitCode;
    return code === undefined || code === null ? 0 : Number(code) | 0;
  }

  // The event loop is empty: emits 'beforeExit', and says whether its listeners gave the loop more to do.
  function beforeExit() {
    if (process.listenerCount('beforeExit') === 0) return false;
    process.emit('beforeExit', exitCode());
    return tickQueue.length > 0 || [...activeTimers.values()].some((t) => t._ref);
  }

  // The program ends normally: emits 'exit' and gives the exit code its listeners leave.
  function finish() {
    emitExit();
    return exitCode();
  }

  function start(configJson) {
    delete globalThis.__codeexec;
    const config = JSON.parse(configJson);
    input = config.input;
    interactive = config.interactive === true;
    pendingInput = interactive ? input : '';
    process.argv = ['node', `/sandbox/${config.file}`, ...config.args];
    process.env = config.env;
    // Eight 16-bit halves, each plus 100000 (QuickJsStartConfig.SeedOffset): the same width on every run, so
    // starting costs the same instructions whatever the seed.
    for (let i = 0; i < 4; i++) randomState[i] = ((config.seed[2 * i] - 100000) << 16) | (config.seed[2 * i + 1] - 100000);
    performanceOrigin = clockNow();
    globalThis.performance.timeOrigin = Date.now();
    mainFile = config.file;
    moduleObject.filename = `/sandbox/${config.file}`;
    moduleObject.path = moduleObject.filename.slice(0, moduleObject.filename.lastIndexOf('/'));
    fileModules[moduleObject.filename] = moduleObject;
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
    start, runNextTimer, runTicks, fatal, beforeExit, finish, commonJsArguments, transpile: sucrase ? transpile : undefined, builtinModule,
  };
})();
