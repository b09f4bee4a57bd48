// Node's AbortController and AbortSignal (with reason, throwIfAborted, and AbortSignal.abort, timeout and any) on the
// EventTarget and Event of the pinned npm package event-target-shim, which are also Node's globals of those names.
import { Event, EventTarget, defineEventAttribute } from 'event-target-shim';
import { nodeError } from './node-error.js';

export { Event, EventTarget };

const inspectCustom = Symbol.for('nodejs.util.inspect.custom');
const allowed = Symbol('AbortSignal');
const abortError = () => new DOMException('This operation was aborted', 'AbortError');

export class AbortSignal extends EventTarget {
  constructor(key) {
    if (key !== allowed) throw nodeError(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
    super();
    this._aborted = false;
    this._reason = undefined;
  }
  get aborted() { return this._aborted; }
  get reason() { return this._reason; }
  throwIfAborted() { if (this._aborted) throw this._reason; }
  static abort(reason = abortError()) {
    const signal = new AbortSignal(allowed);
    signal._aborted = true;
    signal._reason = reason;
    return signal;
  }
  // Aborts after ms on the sandbox's clock, without keeping the program alive (Node's timer is unref'd too).
  static timeout(ms) {
    const signal = new AbortSignal(allowed);
    setTimeout(() => abort(signal, new DOMException('The operation was aborted due to timeout', 'TimeoutError')), ms).unref();
    return signal;
  }
  static any(signals) {
    const signal = new AbortSignal(allowed);
    for (const source of signals) {
      if (source.aborted) {
        signal._aborted = true;
        signal._reason = source.reason;
        return signal;
      }
    }
    for (const source of signals) source.addEventListener('abort', () => abort(signal, source.reason), { once: true });
    return signal;
  }
  [inspectCustom](depth, options, inspect) { return `AbortSignal ${inspect({ aborted: this._aborted }, options)}`; }
}
defineEventAttribute(AbortSignal.prototype, 'abort');

function abort(signal, reason) {
  if (signal._aborted) return;
  signal._aborted = true;
  signal._reason = reason;
  signal.dispatchEvent(new Event('abort'));
}

export class AbortController {
  constructor() { this._signal = new AbortSignal(allowed); }
  get signal() { return this._signal; }
  abort(reason = abortError()) { abort(this._signal, reason); }
  [inspectCustom](depth, options, inspect) { return `AbortController ${inspect({ signal: this._signal }, options)}`; }
}
