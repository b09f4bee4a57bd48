// structuredClone as Node's (V8's serializer) copies: primitives, wrapper objects, Date, RegExp, ArrayBuffer and its
// views, Map, Set, arrays, errors and plain objects (any other object's own enumerable properties, as a plain
// object), keeping shared and circular references; functions, symbols and objects with hidden state throw Node's
// DataCloneError.
import { nodeError } from './node-error.js';

const dataCloneError = (what) => new DOMException(`${what} could not be cloned.`, 'DataCloneError');
const errors = { Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError };
const tag = (value) => Object.prototype.toString.call(value).slice(8, -1);
const uncloneable = new Set(['WeakMap', 'WeakSet', 'WeakRef', 'Promise', 'FinalizationRegistry', 'Generator', 'AsyncGenerator']);

export function structuredClone(...args) {
  if (args.length === 0) {
    throw nodeError(TypeError, 'ERR_MISSING_ARGS', 'The "value" argument must be specified');
  }
  const copies = new Map();
  const clone = (value) => {
    if (typeof value === 'symbol') throw dataCloneError(String(value));
    if (typeof value === 'function') throw dataCloneError(Function.prototype.toString.call(value));
    if (value === null || typeof value !== 'object') return value;
    if (copies.has(value)) return copies.get(value);
    const remember = (copy) => { copies.set(value, copy); return copy; };
    const kind = tag(value);
    if (uncloneable.has(kind) || value instanceof Promise || value instanceof WeakMap || value instanceof WeakSet) {
      throw dataCloneError(`#<${kind}>`);
    }
    switch (kind) {
      case 'Boolean': return remember(Object(Boolean.prototype.valueOf.call(value)));
      case 'Number': return remember(Object(Number.prototype.valueOf.call(value)));
      case 'String': return remember(Object(String.prototype.valueOf.call(value)));
      case 'BigInt': return remember(Object(BigInt.prototype.valueOf.call(value)));
      case 'Date': return remember(new Date(Date.prototype.getTime.call(value)));
      case 'RegExp': return remember(new RegExp(value.source, value.flags));
      case 'ArrayBuffer': return remember(value.slice(0));
      case 'Map': {
        const copy = remember(new Map());
        for (const [k, v] of Map.prototype.entries.call(value)) copy.set(clone(k), clone(v));
        return copy;
      }
      case 'Set': {
        const copy = remember(new Set());
        for (const v of Set.prototype.values.call(value)) copy.add(clone(v));
        return copy;
      }
      default: break;
    }
    if (ArrayBuffer.isView(value)) {
      const buffer = clone(value.buffer);
      const length = kind === 'DataView' ? value.byteLength : value.length;
      return remember(new value.constructor(buffer, value.byteOffset, length));
    }
    if (kind === 'Error') {
      const Type = Object.prototype.hasOwnProperty.call(errors, value.name) ? errors[value.name] : Error;
      const copy = remember(Object.create(Type.prototype));
      for (const key of ['message', 'stack']) {
        if (typeof value[key] === 'string') Object.defineProperty(copy, key, { value: value[key], writable: true, configurable: true });
      }
      if ('cause' in value) Object.defineProperty(copy, 'cause', { value: clone(value.cause), writable: true, configurable: true });
      return copy;
    }
    const copy = remember(Array.isArray(value) ? new Array(value.length) : {});
    for (const key of Object.keys(value)) copy[key] = clone(value[key]);
    return copy;
  };
  return clone(args[0]);
}
