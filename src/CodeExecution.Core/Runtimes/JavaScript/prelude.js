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
  const hostPromiseState = host.promiseState;
  const hostPromiseResult = host.promiseResult;
  const sucrase = globalThis.sucrase;
  delete globalThis.sucrase;

  // ---------------------------------------------------------------- util.inspect (after Node's)
  const kObjectType = 0, kArrayType = 1, kArrayExtrasType = 2;
  const keyStrRegExp = /^[a-zA-Z_][a-zA-Z_0-9]*$/;
  const numberRegExp = /^(0|[1-9][0-9]*)$/;
  const escapeDouble = /[\x00-\x1f\x5c\x7f-\x9f]/;
  const escapeSingle = /[\x00-\x1f\x27\x5c\x7f-\x9f]/;
  const escapeDoubleG = /[\x00-\x1f\x5c\x7f-\x9f]/g;
  const escapeSingleG = /[\x00-\x1f\x27\x5c\x7f-\x9f]/g;
  const meta = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r', 39: "\\'", 92: '\\\\' };
  const fnToString = Function.prototype.toString;
  const objToString = Object.prototype.toString;
  const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
  const customInspect = Symbol.for('nodejs.util.inspect.custom');

  function escapeFn(ch) {
    const code = ch.charCodeAt(0);
    return meta[code] || '\\x' + code.toString(16).toUpperCase().padStart(2, '0');
  }

  function strEscape(str) {
    let test = escapeSingle, replace = escapeSingleG, quote = "'";
    if (str.includes("'")) {
      if (!str.includes('"')) quote = '"';
      else if (!str.includes('`') && !str.includes('${')) quote = '`';
      if (quote !== "'") { test = escapeDouble; replace = escapeDoubleG; }
    }
    if (!test.test(str)) return quote + str + quote;
    return quote + str.replace(replace, escapeFn) + quote;
  }

  const formatNumber = (n) => (Object.is(n, -0) ? '-0' : `${n}`);

  function formatPrimitive(ctx, value) {
    switch (typeof value) {
      case 'string': {
        let trailer = '';
        if (value.length > ctx.maxStringLength) {
          const remaining = value.length - ctx.maxStringLength;
          value = value.slice(0, ctx.maxStringLength);
          trailer = `... ${remaining} more character${remaining > 1 ? 's' : ''}`;
        }
        if (value.length > 16 && value.length > ctx.breakLength - ctx.indentationLvl - 4) {
          return value.split(/(?<=\n)/).map(strEscape).join(` +\n${' '.repeat(ctx.indentationLvl + 2)}`) + trailer;
        }
        return strEscape(value) + trailer;
      }
      case 'number': return formatNumber(value);
      case 'bigint': return `${value}n`;
      case 'symbol': return value.toString();
      default: return `${value}`;
    }
  }

  function tryCall(fn, value) {
    try { fn.call(value); return true; } catch { return false; }
  }
  const mapSize = Object.getOwnPropertyDescriptor(Map.prototype, 'size').get;
  const setSize = Object.getOwnPropertyDescriptor(Set.prototype, 'size').get;
  const typedArrayProto = Object.getPrototypeOf(Uint8Array.prototype);
  const typedLength = Object.getOwnPropertyDescriptor(typedArrayProto, 'length').get;
  const abLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength').get;
  const isMap = (v) => tryCall(mapSize, v);
  const isSet = (v) => tryCall(setSize, v);
  const isTypedArray = (v) => tryCall(typedLength, v);
  const isArrayBuffer = (v) => tryCall(abLength, v);
  const isDate = (v) => tryCall(Date.prototype.getTime, v);
  const isRegExp = (v) => v instanceof RegExp;
  const isError = (v) => v instanceof Error || objToString.call(v) === '[object Error]';
  const isPromise = (v) => v instanceof Promise;
  const isWeakMap = (v) => v instanceof WeakMap;
  const isWeakSet = (v) => v instanceof WeakSet;
  const boxed = [
    [Number, (v) => `[Number: ${formatNumber(Number.prototype.valueOf.call(v))}]`],
    [String, (v) => `[String: ${strEscape(String.prototype.valueOf.call(v))}]`],
    [Boolean, (v) => `[Boolean: ${Boolean.prototype.valueOf.call(v)}]`],
    [Symbol, (v) => `[Symbol: ${Symbol.prototype.valueOf.call(v).toString()}]`],
    [BigInt, (v) => `[BigInt: ${BigInt.prototype.valueOf.call(v)}n]`],
  ];
  function boxedBase(v) {
    for (const [type, format] of boxed) {
      if (tryCall(type.prototype.valueOf, v)) return format(v);
    }
    return undefined;
  }

  function getConstructorName(obj) {
    let o = obj;
    while (o !== null && o !== undefined) {
      const d = Object.getOwnPropertyDescriptor(o, 'constructor');
      if (d !== undefined && typeof d.value === 'function' && d.value.name !== '') return d.value.name;
      o = Object.getPrototypeOf(o);
    }
    return null;
  }

  function getPrefix(constructor, tag, fallback, size = '') {
    if (constructor === null) {
      if (tag !== '' && fallback !== tag) return `[${fallback}${size}: null prototype] [${tag}] `;
      return `[${fallback}${size}: null prototype] `;
    }
    if (tag !== '' && constructor !== tag) return `${constructor}${size} [${tag}] `;
    return `${constructor}${size} `;
  }

  function getKeys(value) {
    const keys = Object.keys(value);
    for (const s of Object.getOwnPropertySymbols(value)) {
      if (Object.prototype.propertyIsEnumerable.call(value, s)) keys.push(s);
    }
    return keys;
  }

  const getNonIndexKeys = (value) => getKeys(value).filter((k) => typeof k === 'symbol' || !numberRegExp.test(k));

  function getFunctionBase(value, constructor, tag) {
    let source = '';
    try { source = fnToString.call(value); } catch { /* revoked proxies and the like */ }
    if (source.startsWith('class') && source.endsWith('}')) {
      const name = (hasOwn(value, 'name') && value.name) || '(anonymous)';
      let base = `class ${name}`;
      if (constructor !== 'Function' && constructor !== null) base += ` [${constructor}]`;
      if (tag !== '' && constructor !== tag) base += ` [${tag}]`;
      if (constructor !== null) {
        const superName = Object.getPrototypeOf(value).name;
        if (superName) base += ` extends ${superName}`;
      } else {
        base += ' extends [null prototype]';
      }
      return `[${base}]`;
    }
    const type = ['AsyncFunction', 'GeneratorFunction', 'AsyncGeneratorFunction'].includes(constructor) ? constructor : 'Function';
    let base = `[${type}`;
    if (constructor === null) base += ' (null prototype)';
    base += value.name === '' ? ' (anonymous)' : `: ${value.name}`;
    base += ']';
    if (constructor !== type && constructor !== null) base += ` ${constructor}`;
    if (tag !== '' && constructor !== tag) base += ` [${tag}]`;
    return base;
  }

  // QuickJS keeps only the frames in `stack`; Node's starts with the `name: message` line.
  function errorStack(err) {
    let header;
    try { header = Error.prototype.toString.call(err); } catch { header = 'Error'; }
    const stack = typeof err.stack === 'string' ? err.stack.replace(/\n+$/, '') : '';
    if (stack === '') return header;
    if (/^\s+at /.test(stack)) return `${header}\n${stack}`;
    return stack;
  }

  function formatError(err, ctx, keys) {
    let stack = errorStack(err);
    for (const name of ['name', 'message', 'stack']) {
      const index = keys.indexOf(name);
      if (index !== -1 && (typeof err[name] !== 'string' || stack.includes(err[name]))) keys.splice(index, 1);
    }
    if ('cause' in err && !keys.includes('cause')) keys.push('cause');
    if (!stack.includes('\n    at')) stack = `[${stack}]`;
    if (ctx.indentationLvl !== 0) stack = stack.replaceAll('\n', `\n${' '.repeat(ctx.indentationLvl)}`);
    return stack;
  }

  function formatValue(ctx, value, recurseTimes) {
    if (typeof value !== 'object' && typeof value !== 'function') return formatPrimitive(ctx, value);
    if (value === null) return 'null';
    const custom = value[customInspect];
    if (typeof custom === 'function' && custom !== inspect) {
      const result = custom.call(value, ctx.depth - recurseTimes, ctx, inspect);
      if (result !== value) return typeof result === 'string' ? result : formatValue(ctx, result, recurseTimes);
    }
    if (ctx.seen.includes(value)) {
      let index = 1;
      if (ctx.circular === undefined) {
        ctx.circular = new Map([[value, index]]);
      } else {
        index = ctx.circular.get(value);
        if (index === undefined) {
          index = ctx.circular.size + 1;
          ctx.circular.set(value, index);
        }
      }
      return `[Circular *${index}]`;
    }
    return formatRaw(ctx, value, recurseTimes);
  }

  function formatRaw(ctx, value, recurseTimes) {
    let keys;
    const constructor = getConstructorName(value);
    let tag = value[Symbol.toStringTag];
    if (typeof tag !== 'string' || (tag !== '' && Object.prototype.propertyIsEnumerable.call(value, Symbol.toStringTag))) tag = '';
    let base = '';
    let formatter = () => [];
    let braces;
    let noIterator = true;
    let extrasType = kObjectType;
    if (Symbol.iterator in value || constructor === null) {
      noIterator = false;
      if (Array.isArray(value)) {
        const prefix = constructor !== 'Array' || tag !== '' ? getPrefix(constructor, tag, 'Array', `(${value.length})`) : '';
        keys = getNonIndexKeys(value);
        braces = [`${prefix}[`, ']'];
        if (value.length === 0 && keys.length === 0) return `${braces[0]}]`;
        extrasType = kArrayExtrasType;
        formatter = formatArray;
      } else if (isSet(value)) {
        const size = setSize.call(value);
        const prefix = getPrefix(constructor, tag, 'Set', `(${size})`);
        keys = getKeys(value);
        formatter = (c, v, r) => formatSet(c, v, r);
        if (size === 0 && keys.length === 0) return `${prefix}{}`;
        braces = [`${prefix}{`, '}'];
      } else if (isMap(value)) {
        const size = mapSize.call(value);
        const prefix = getPrefix(constructor, tag, 'Map', `(${size})`);
        keys = getKeys(value);
        formatter = (c, v, r) => formatMap(c, v, r);
        if (size === 0 && keys.length === 0) return `${prefix}{}`;
        braces = [`${prefix}{`, '}'];
      } else if (isTypedArray(value)) {
        keys = getNonIndexKeys(value);
        const size = typedLength.call(value);
        const prefix = getPrefix(constructor, tag, '', `(${size})`);
        braces = [`${prefix}[`, ']'];
        if (size === 0 && keys.length === 0) return `${braces[0]}]`;
        formatter = formatTypedArray;
        extrasType = kArrayExtrasType;
      } else {
        noIterator = true;
      }
    }
    if (noIterator) {
      keys = getKeys(value);
      braces = ['{', '}'];
      if (constructor === 'Object') {
        if (tag !== '') braces[0] = `${getPrefix(constructor, tag, 'Object')}{`;
        if (keys.length === 0) return `${braces[0]}}`;
      } else if (typeof value === 'function') {
        base = getFunctionBase(value, constructor, tag);
        if (keys.length === 0) return base;
      } else if (isRegExp(value)) {
        base = RegExp.prototype.toString.call(value);
        const prefix = getPrefix(constructor, tag, 'RegExp');
        if (prefix !== 'RegExp ') base = `${prefix}${base}`;
        if (keys.length === 0 || recurseTimes > ctx.depth) return base;
      } else if (isDate(value)) {
        base = Number.isNaN(Date.prototype.getTime.call(value)) ? Date.prototype.toString.call(value) : Date.prototype.toISOString.call(value);
        const prefix = getPrefix(constructor, tag, 'Date');
        if (prefix !== 'Date ') base = `${prefix}${base}`;
        if (keys.length === 0) return base;
      } else if (isError(value)) {
        base = formatError(value, ctx, keys);
        if (keys.length === 0) return base;
      } else if (isArrayBuffer(value)) {
        const bytes = new Uint8Array(value);
        const shown = Array.from(bytes.subarray(0, 50), (b) => b.toString(16).padStart(2, '0')).join(' ');
        const more = bytes.length > 50 ? ` ... ${bytes.length - 50} more byte${bytes.length - 50 > 1 ? 's' : ''}` : '';
        braces[0] = `${getPrefix(constructor, tag, 'ArrayBuffer')}{`;
        formatter = () => [`[Uint8Contents]: <${shown}${more}>`, `byteLength: ${bytes.length}`];
      } else if (isPromise(value)) {
        braces[0] = `${getPrefix(constructor, tag, 'Promise')}{`;
        formatter = formatPromise;
      } else if (isWeakSet(value) || isWeakMap(value)) {
        braces[0] = `${getPrefix(constructor, tag, isWeakSet(value) ? 'WeakSet' : 'WeakMap')}{`;
        formatter = () => ['<items unknown>'];
      } else {
        const boxedText = boxedBase(value);
        if (boxedText !== undefined) {
          base = boxedText;
          if (tryCall(String.prototype.valueOf, value)) keys = getNonIndexKeys(value);
          if (keys.length === 0) return base;
        } else {
          if (keys.length === 0) return `${getPrefix(constructor, tag, 'Object')}{}`;
          braces[0] = `${getPrefix(constructor, tag, 'Object')}{`;
        }
      }
    }
    if (recurseTimes > ctx.depth) {
      const name = getPrefix(constructor, tag, 'Object').slice(0, -1);
      return constructor !== null ? `[${name}]` : name;
    }
    recurseTimes += 1;
    ctx.seen.push(value);
    ctx.currentDepth = recurseTimes;
    const output = formatter(ctx, value, recurseTimes);
    for (let i = 0; i < keys.length; i++) output.push(formatProperty(ctx, value, recurseTimes, keys[i], extrasType));
    if (ctx.circular !== undefined) {
      const index = ctx.circular.get(value);
      if (index !== undefined) base = base === '' ? `<ref *${index}>` : `<ref *${index}> ${base}`;
    }
    ctx.seen.pop();
    return reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value);
  }

  const remainingText = (n) => `... ${n} more item${n > 1 ? 's' : ''}`;

  function formatArray(ctx, value, recurseTimes) {
    const len = Math.min(ctx.maxArrayLength, value.length);
    const output = [];
    for (let i = 0; i < len; i++) {
      if (!hasOwn(value, i)) return formatSpecialArray(ctx, value, recurseTimes, len, output, i);
      output.push(formatProperty(ctx, value, recurseTimes, i, kArrayType));
    }
    if (value.length > len) output.push(remainingText(value.length - len));
    return output;
  }

  function formatSpecialArray(ctx, value, recurseTimes, maxLength, output, i) {
    const keys = Object.keys(value);
    let index = i;
    for (; i < keys.length && output.length < maxLength; i++) {
      const key = keys[i];
      const tmp = +key;
      if (tmp > 2 ** 32 - 2) break;
      if (`${index}` !== key) {
        if (!numberRegExp.test(key)) break;
        const empty = tmp - index;
        output.push(`<${empty} empty item${empty > 1 ? 's' : ''}>`);
        index = tmp;
        if (output.length === maxLength) break;
      }
      output.push(formatProperty(ctx, value, recurseTimes, key, kArrayType));
      index++;
    }
    const remaining = value.length - index;
    if (output.length !== maxLength) {
      if (remaining > 0) output.push(`<${remaining} empty item${remaining > 1 ? 's' : ''}>`);
    } else if (remaining > 0) {
      output.push(remainingText(remaining));
    }
    return output;
  }

  function formatTypedArray(ctx, value) {
    const length = typedLength.call(value);
    const max = Math.min(ctx.maxArrayLength, length);
    const output = [];
    for (let i = 0; i < max; i++) output.push(typeof value[i] === 'bigint' ? `${value[i]}n` : formatNumber(value[i]));
    if (length > max) output.push(remainingText(length - max));
    return output;
  }

  function formatSet(ctx, value, recurseTimes) {
    const output = [];
    ctx.indentationLvl += 2;
    let i = 0;
    for (const v of Set.prototype.values.call(value)) {
      if (i++ >= ctx.maxArrayLength) break;
      output.push(formatValue(ctx, v, recurseTimes));
    }
    const size = setSize.call(value);
    if (size > ctx.maxArrayLength) output.push(remainingText(size - ctx.maxArrayLength));
    ctx.indentationLvl -= 2;
    return output;
  }

  function formatMap(ctx, value, recurseTimes) {
    const output = [];
    ctx.indentationLvl += 2;
    let i = 0;
    for (const [k, v] of Map.prototype.entries.call(value)) {
      if (i++ >= ctx.maxArrayLength) break;
      output.push(`${formatValue(ctx, k, recurseTimes)} => ${formatValue(ctx, v, recurseTimes)}`);
    }
    const size = mapSize.call(value);
    if (size > ctx.maxArrayLength) output.push(remainingText(size - ctx.maxArrayLength));
    ctx.indentationLvl -= 2;
    return output;
  }

  function formatPromise(ctx, value, recurseTimes) {
    const state = hostPromiseState(value);
    if (state === 0) return ['<pending>'];
    ctx.indentationLvl += 2;
    const str = formatValue(ctx, hostPromiseResult(value), recurseTimes);
    ctx.indentationLvl -= 2;
    return [state === 2 ? `<rejected> ${str}` : str];
  }

  function formatProperty(ctx, value, recurseTimes, key, type) {
    let str;
    const desc = Object.getOwnPropertyDescriptor(value, key) || { value: value[key], enumerable: true };
    if (desc.value !== undefined) {
      ctx.indentationLvl += 2;
      str = formatValue(ctx, desc.value, recurseTimes);
      ctx.indentationLvl -= 2;
    } else if (desc.get !== undefined) {
      str = desc.set !== undefined ? '[Getter/Setter]' : '[Getter]';
    } else if (desc.set !== undefined) {
      str = '[Setter]';
    } else {
      str = 'undefined';
    }
    if (type === kArrayType) return str;
    let name;
    if (typeof key === 'symbol') name = `[${key.toString().replace(escapeSingleG, escapeFn)}]`;
    else if (key === '__proto__') name = "['__proto__']";
    else if (desc.enumerable === false) name = `[${key.replace(escapeSingleG, escapeFn)}]`;
    else if (keyStrRegExp.test(key)) name = key;
    else name = strEscape(key);
    return `${name}: ${str}`;
  }

  function isBelowBreakLength(ctx, output, start, base) {
    let totalLength = output.length + start;
    if (totalLength + output.length > ctx.breakLength) return false;
    for (let i = 0; i < output.length; i++) {
      totalLength += output[i].length;
      if (totalLength > ctx.breakLength) return false;
    }
    return base === '' || !base.includes('\n');
  }

  function groupArrayElements(ctx, output, value) {
    let totalLength = 0;
    let maxLength = 0;
    let i = 0;
    let outputLength = output.length;
    if (ctx.maxArrayLength < output.length) outputLength--;
    const separatorSpace = 2;
    const dataLen = new Array(outputLength);
    for (; i < outputLength; i++) {
      const len = output[i].length;
      dataLen[i] = len;
      totalLength += len + separatorSpace;
      if (maxLength < len) maxLength = len;
    }
    const actualMax = maxLength + separatorSpace;
    if (actualMax * 3 + ctx.indentationLvl < ctx.breakLength && (totalLength / actualMax > 5 || maxLength <= 6)) {
      const averageBias = Math.sqrt(actualMax - totalLength / output.length);
      const biasedMax = Math.max(actualMax - 3 - averageBias, 1);
      const columns = Math.min(
        Math.round(Math.sqrt(2.5 * biasedMax * outputLength) / biasedMax),
        Math.floor((ctx.breakLength - ctx.indentationLvl) / actualMax),
        ctx.compact * 4,
        15);
      if (columns <= 1) return output;
      const tmp = [];
      const maxLineLength = [];
      for (let c = 0; c < columns; c++) {
        let lineLength = 0;
        for (let j = c; j < output.length; j += columns) {
          if (dataLen[j] > lineLength) lineLength = dataLen[j];
        }
        maxLineLength.push(lineLength + separatorSpace);
      }
      let padStart = true;
      if (value !== undefined) {
        for (let k = 0; k < output.length; k++) {
          if (typeof value[k] !== 'number' && typeof value[k] !== 'bigint') {
            padStart = false;
            break;
          }
        }
      }
      for (let k = 0; k < outputLength; k += columns) {
        const max = Math.min(k + columns, outputLength);
        let str = '';
        let j = k;
        for (; j < max - 1; j++) {
          const padding = maxLineLength[j - k];
          str += padStart ? `${output[j]}, `.padStart(padding, ' ') : `${output[j]}, `.padEnd(padding, ' ');
        }
        if (padStart) {
          str += output[j].padStart(maxLineLength[j - k] - separatorSpace, ' ');
        } else {
          str += output[j];
        }
        tmp.push(str);
      }
      if (ctx.maxArrayLength < output.length) tmp.push(output[outputLength]);
      output = tmp;
    }
    return output;
  }

  function reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value) {
    const entries = output.length;
    if (extrasType === kArrayExtrasType && entries > 6) output = groupArrayElements(ctx, output, value);
    if (ctx.currentDepth - recurseTimes < ctx.compact && entries === output.length) {
      const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
      if (isBelowBreakLength(ctx, output, start, base)) {
        const joined = output.join(', ');
        if (!joined.includes('\n')) return `${base ? `${base} ` : ''}${braces[0]} ${joined} ${braces[1]}`;
      }
    }
    const indentation = `\n${' '.repeat(ctx.indentationLvl)}`;
    return `${base ? `${base} ` : ''}${braces[0]}${indentation}  ${output.join(`,${indentation}  `)}${indentation}${braces[1]}`;
  }

  function inspect(value, options) {
    const ctx = {
      seen: [], circular: undefined, indentationLvl: 0, currentDepth: 0,
      depth: 2, breakLength: 128, compact: 3, maxArrayLength: 100, maxStringLength: 10000,
    };
    if (options !== null && typeof options === 'object') {
      for (const key of ['depth', 'breakLength', 'maxArrayLength', 'maxStringLength']) {
        if (options[key] !== undefined) ctx[key] = options[key] === null ? Infinity : options[key];
      }
    }
    return formatValue(ctx, value, 0);
  }
  inspect.custom = customInspect;

  function isUserToString(value) {
    const toString = value.toString;
    if (typeof toString !== 'function' || isError(value)) return false;
    try { return !fnToString.call(toString).includes('[native code]'); } catch { return false; }
  }

  function format(...args) {
    const first = args[0];
    let a = 0;
    let str = '';
    let join = '';
    if (typeof first === 'string') {
      if (args.length === 1) return first;
      let tempStr;
      let lastPos = 0;
      for (let i = 0; i < first.length - 1; i++) {
        if (first.charCodeAt(i) !== 37) continue;
        const next = first.charCodeAt(++i);
        if (a + 1 !== args.length) {
          switch (next) {
            case 115: { // %s
              const arg = args[++a];
              if (typeof arg === 'number') tempStr = formatNumber(arg);
              else if (typeof arg === 'bigint') tempStr = `${arg}n`;
              else if (typeof arg !== 'object' || arg === null || isUserToString(arg)) tempStr = String(arg);
              else tempStr = inspect(arg, { depth: 0 });
              break;
            }
            case 106: // %j
              try { tempStr = JSON.stringify(args[++a]); } catch { tempStr = '[Circular]'; }
              break;
            case 100: { // %d
              const n = args[++a];
              tempStr = typeof n === 'bigint' ? `${n}n` : typeof n === 'symbol' ? 'NaN' : formatNumber(Number(n));
              break;
            }
            case 79: tempStr = inspect(args[++a]); break; // %O
            case 111: tempStr = inspect(args[++a], { depth: 4 }); break; // %o
            case 105: { // %i
              const n = args[++a];
              tempStr = typeof n === 'bigint' ? `${n}n` : typeof n === 'symbol' ? 'NaN' : formatNumber(parseInt(n));
              break;
            }
            case 102: { // %f
              const n = args[++a];
              tempStr = typeof n === 'symbol' ? 'NaN' : formatNumber(parseFloat(n));
              break;
            }
            case 99: a += 1; tempStr = ''; break; // %c
            case 37: str += first.slice(lastPos, i); lastPos = i + 1; continue;
            default: continue;
          }
          if (lastPos !== i - 1) str += first.slice(lastPos, i - 1);
          str += tempStr;
          lastPos = i + 1;
        } else if (next === 37) {
          str += first.slice(lastPos, i);
          lastPos = i + 1;
        }
      }
      if (lastPos !== 0) {
        a++;
        join = ' ';
        if (lastPos < first.length) str += first.slice(lastPos);
      }
    }
    while (a < args.length) {
      const value = args[a];
      str += join;
      str += typeof value !== 'string' ? inspect(value) : value;
      join = ' ';
      a++;
    }
    return str;
  }

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

  function moduleNotFound(name) {
    return Object.assign(new Error(`Cannot find module '${name}'`), { code: 'MODULE_NOT_FOUND' });
  }

  function builtinModule(name) {
    const bare = typeof name === 'string' && name.startsWith('node:') ? name.slice(5) : name;
    if (hasOwn(builtinModules, bare)) return builtinModules[bare];
    if (name === 'fs/promises' || name === 'node:fs/promises' || name === 'child_process' || name === 'node:child_process'
      || name === 'net' || name === 'http' || name === 'https' || name === 'os' || name === 'path' || name === 'crypto'
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
    hostExit(1, isError(error) && error instanceof InternalError && error.message === 'out of memory' ? 1 : 0);
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

  globalThis.__codeexec = { start, runNextTimer, runTicks, fatal, exitCode, transpile: sucrase ? transpile : undefined, builtinModule };
})();
