// Node's util.inspect and util.format, ported to run inside QuickJS. Evaluated before prelude.js when an
// image is baked; it leaves globalThis.__codeexec_inspect, which prelude.js takes and removes before any
// user code runs.
globalThis.__codeexec_inspect = (function (host) {
  'use strict';
  const hostPromiseState = host.promiseState;
  const hostPromiseResult = host.promiseResult;

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

  // Node's colours for util.inspect(value, { colors: true }) (util.inspect.styles and util.inspect.colors).
  const styles = { special: 'cyan', number: 'yellow', bigint: 'yellow', boolean: 'yellow', undefined: 'grey', null: 'bold', string: 'green', symbol: 'green', date: 'magenta', regexp: 'red', module: 'underline' };
  const colors = { bold: [1, 22], underline: [4, 24], red: [31, 39], green: [32, 39], yellow: [33, 39], magenta: [35, 39], cyan: [36, 39], grey: [90, 39] };
  const stylizeNoColor = (text) => text;
  function stylizeWithColor(text, styleType) {
    const color = colors[styles[styleType]];
    return color === undefined ? text : `\u001b[${color[0]}m${text}\u001b[${color[1]}m`;
  }
  const removeColors = (text) => text.replace(/\u001b\[\d\d?m/g, '');

  function formatPrimitive(ctx, value) {
    const text = formatPrimitiveText(ctx, value);
    if (ctx.stylize === stylizeNoColor) return text;
    if (typeof value === 'string' && text.includes(' +\n')) return text.split(' +\n').map((line) => ctx.stylize(line, 'string')).join(' +\n');
    return ctx.stylize(text, value === null ? 'null' : typeof value);
  }

  function formatPrimitiveText(ctx, value) {
    switch (typeof value) {
      case 'string': {
        let trailer = '';
        if (value.length > ctx.maxStringLength) {
          const remaining = value.length - ctx.maxStringLength;
          value = value.slice(0, ctx.maxStringLength);
          trailer = `... ${remaining} more character${remaining > 1 ? 's' : ''}`;
        }
        if (ctx.compact !== true && value.length > 16 && value.length > ctx.breakLength - ctx.indentationLvl - 4) {
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

  function getKeys(value, showHidden) {
    if (showHidden) return [...Object.getOwnPropertyNames(value), ...Object.getOwnPropertySymbols(value)];
    const keys = Object.keys(value);
    for (const s of Object.getOwnPropertySymbols(value)) {
      if (Object.prototype.propertyIsEnumerable.call(value, s)) keys.push(s);
    }
    return keys;
  }

  const getNonIndexKeys = (value, showHidden) => getKeys(value, showHidden).filter((k) => typeof k === 'symbol' || !numberRegExp.test(k));

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
  const nodeErrorMark = Symbol.for('codeexec.nodeError');
  function errorStack(err) {
    let header;
    try { header = Error.prototype.toString.call(err); } catch { header = 'Error'; }
    // Node's own errors name their code on the first line.
    if (err[nodeErrorMark] === true && typeof err.code === 'string') header = header.replace(/^[^:]*/, (name) => `${name} [${err.code}]`);
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
    if (value === null) return ctx.stylize('null', 'null');
    const custom = ctx.customInspect ? value[customInspect] : undefined;
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
      return ctx.stylize(`[Circular *${index}]`, 'special');
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
        keys = getNonIndexKeys(value, ctx.showHidden);
        braces = [`${prefix}[`, ']'];
        if (value.length === 0 && keys.length === 0) return `${braces[0]}]`;
        extrasType = kArrayExtrasType;
        formatter = formatArray;
      } else if (isSet(value)) {
        const size = setSize.call(value);
        const prefix = getPrefix(constructor, tag, 'Set', `(${size})`);
        keys = getKeys(value, ctx.showHidden);
        formatter = (c, v, r) => formatSet(c, v, r);
        if (size === 0 && keys.length === 0) return `${prefix}{}`;
        braces = [`${prefix}{`, '}'];
      } else if (isMap(value)) {
        const size = mapSize.call(value);
        const prefix = getPrefix(constructor, tag, 'Map', `(${size})`);
        keys = getKeys(value, ctx.showHidden);
        formatter = (c, v, r) => formatMap(c, v, r);
        if (size === 0 && keys.length === 0) return `${prefix}{}`;
        braces = [`${prefix}{`, '}'];
      } else if (isTypedArray(value)) {
        keys = getNonIndexKeys(value, ctx.showHidden);
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
      keys = getKeys(value, ctx.showHidden);
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
          if (tryCall(String.prototype.valueOf, value)) keys = getNonIndexKeys(value, ctx.showHidden);
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
    if (ctx.sorted) {
      const comparator = ctx.sorted === true ? undefined : ctx.sorted;
      if (extrasType === kObjectType) output.sort(comparator);
      else if (keys.length > 1) output.push(...output.splice(output.length - keys.length).sort(comparator));
    }
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
      const label = desc.set !== undefined ? 'Getter/Setter' : 'Getter';
      const s = ctx.stylize;
      if (ctx.getters && (ctx.getters === true || (ctx.getters === 'get' && desc.set === undefined) || (ctx.getters === 'set' && desc.set !== undefined))) {
        try {
          const got = desc.get.call(value);
          ctx.indentationLvl += 2;
          if (got === null) str = `${s(`[${label}:`, 'special')} ${s('null', 'null')}${s(']', 'special')}`;
          else if (typeof got === 'object') str = `${s(`[${label}]`, 'special')} ${formatValue(ctx, got, recurseTimes)}`;
          else str = `${s(`[${label}:`, 'special')} ${formatPrimitive(ctx, got)}${s(']', 'special')}`;
          ctx.indentationLvl -= 2;
        } catch (err) {
          str = `${s(`[${label}:`, 'special')} <Inspection threw (${err.message})>${s(']', 'special')}`;
        }
      } else {
        str = s(`[${label}]`, 'special');
      }
    } else if (desc.set !== undefined) {
      str = ctx.stylize('[Setter]', 'special');
    } else {
      str = ctx.stylize('undefined', 'undefined');
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
      totalLength += ctx.colors ? removeColors(output[i]).length : output[i].length;
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
      const len = ctx.colors ? removeColors(output[i]).length : output[i].length;
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
    if (ctx.compact !== true) {
      if (typeof ctx.compact === 'number' && ctx.compact >= 1) {
        const entries = output.length;
        if (extrasType === kArrayExtrasType && entries > 6) output = groupArrayElements(ctx, output, value);
        if (ctx.currentDepth - recurseTimes < ctx.compact && entries === output.length) {
          const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
          if (isBelowBreakLength(ctx, output, start, base)) {
            const joined = output.join(', ');
            if (!joined.includes('\n')) return `${base ? `${base} ` : ''}${braces[0]} ${joined} ${braces[1]}`;
          }
        }
      }
      const indentation = `\n${' '.repeat(ctx.indentationLvl)}`;
      return `${base ? `${base} ` : ''}${braces[0]}${indentation}  ${output.join(`,${indentation}  `)}${indentation}${braces[1]}`;
    }
    if (isBelowBreakLength(ctx, output, 0, base)) return `${braces[0]}${base ? ` ${base}` : ''} ${output.join(', ')} ${braces[1]}`;
    const indentation = ' '.repeat(ctx.indentationLvl);
    const ln = base === '' && braces[0].length === 1 ? ' ' : `${base ? ` ${base}` : ''}\n${indentation}  `;
    return `${braces[0]}${ln}${output.join(`,\n${indentation}  `)} ${braces[1]}`;
  }

  function inspect(value, options) {
    const ctx = {
      seen: [], circular: undefined, indentationLvl: 0, currentDepth: 0,
      depth: 2, breakLength: 80, compact: 3, maxArrayLength: 100, maxStringLength: 10000,
      showHidden: false, sorted: false, getters: false, colors: false, customInspect: true, stylize: stylizeNoColor,
    };
    if (typeof options === 'boolean') {
      // The legacy signature: inspect(value, showHidden, depth, colors).
      const legacy = arguments;
      options = { showHidden: legacy[1], depth: legacy[2], colors: legacy[3] };
    }
    if (options !== null && typeof options === 'object') {
      for (const key of ['depth', 'breakLength', 'maxArrayLength', 'maxStringLength']) {
        if (options[key] !== undefined) ctx[key] = options[key] === null ? Infinity : options[key];
      }
      for (const key of ['compact', 'showHidden', 'sorted', 'getters', 'colors', 'customInspect']) {
        if (options[key] !== undefined) ctx[key] = options[key];
      }
      if (ctx.colors) ctx.stylize = stylizeWithColor;
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
            case 111: tempStr = inspect(args[++a], { showHidden: true, showProxy: true, depth: 4 }); break; // %o
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

  return { inspect, format, errorStack, getKeys, hasOwn, isDate, isError, isMap, isPromise, isRegExp, isSet };
})(globalThis.__codeexec_host);
