// The WHATWG TextEncoder and TextDecoder (UTF-8 and UTF-16LE), as Node's globals and util exports behave: invalid
// input becomes U+FFFD per maximal subpart (the Encoding Standard's UTF-8 decoder), or a TypeError when fatal.
import { nodeError } from './node-error.js';


function utf8Encode(text) {
  const bytes = [];
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00); i++; }
    }
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return new Uint8Array(bytes);
}

export class TextEncoder {
  get encoding() { return 'utf-8'; }
  encode(input = '') { return utf8Encode(`${input}`); }
  encodeInto(source, destination) {
    let read = 0;
    let written = 0;
    for (const ch of `${source}`) {
      const bytes = utf8Encode(ch);
      if (written + bytes.length > destination.length) break;
      destination.set(bytes, written);
      written += bytes.length;
      read += ch.length;
    }
    return { read, written };
  }
  [Symbol.for('nodejs.util.inspect.custom')](depth, options, inspect) {
    return inspect({ encoding: 'utf-8' }, options);
  }
}

const labels = {
  'utf-8': 'utf-8', utf8: 'utf-8', 'unicode-1-1-utf-8': 'utf-8',
  'utf-16le': 'utf-16le', 'utf-16': 'utf-16le',
};

// Decodes UTF-8 from bytes[start..]; returns [text, index of the first byte of an incomplete sequence at the end].
function utf8Decode(bytes, fatal, stream) {
  let out = '';
  let i = 0;
  const n = bytes.length;
  const fail = () => {
    if (fatal) throw nodeError(TypeError, 'ERR_ENCODING_INVALID_ENCODED_DATA', 'The encoded data was not valid for encoding utf-8');
    out += '\ufffd';
  };
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) { out += String.fromCharCode(b); i++; continue; }
    let need;
    let lower = 0x80;
    let upper = 0xbf;
    let code;
    if (b >= 0xc2 && b <= 0xdf) { need = 1; code = b & 0x1f; }
    else if (b >= 0xe0 && b <= 0xef) { need = 2; code = b & 0xf; if (b === 0xe0) lower = 0xa0; if (b === 0xed) upper = 0x9f; }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; code = b & 0x7; if (b === 0xf0) lower = 0x90; if (b === 0xf4) upper = 0x8f; }
    else { fail(); i++; continue; }
    let j = i + 1;
    let complete = true;
    for (let k = 0; k < need; k++, j++) {
      if (j >= n) { complete = false; break; }
      const c = bytes[j];
      if (c < lower || c > upper) break;
      lower = 0x80; upper = 0xbf;
      code = (code << 6) | (c & 0x3f);
      if (k === need - 1) { out += String.fromCodePoint(code); i = j + 1; complete = null; break; }
    }
    if (complete === null) continue;
    if (!complete && stream) return [out, i];
    fail();
    i = j;
  }
  return [out, n];
}

export class TextDecoder {
  constructor(encoding = 'utf-8', options = {}) {
    const label = `${encoding}`.trim().toLowerCase();
    if (!Object.prototype.hasOwnProperty.call(labels, label)) {
      throw nodeError(RangeError, 'ERR_ENCODING_NOT_SUPPORTED', `The "${encoding}" encoding is not supported`);
    }
    this._encoding = labels[label];
    this._fatal = Boolean(options?.fatal);
    this._ignoreBOM = Boolean(options?.ignoreBOM);
    this._pending = new Uint8Array(0);
    this._bomSeen = false;
  }
  get encoding() { return this._encoding; }
  get fatal() { return this._fatal; }
  get ignoreBOM() { return this._ignoreBOM; }
  decode(input, options = {}) {
    let bytes;
    if (input === undefined) bytes = new Uint8Array(0);
    else if (input instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && input instanceof SharedArrayBuffer)) bytes = new Uint8Array(input);
    else if (ArrayBuffer.isView(input)) bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    else {
      throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "input" argument must be an instance of ArrayBuffer or ArrayBufferView.'
        + ` Received ${input === null ? 'null' : `type ${typeof input} (${String(input)})`}`);
    }
    const stream = Boolean(options?.stream);
    if (this._pending.length > 0) {
      const joined = new Uint8Array(this._pending.length + bytes.length);
      joined.set(this._pending);
      joined.set(bytes, this._pending.length);
      bytes = joined;
    }
    let text;
    let used;
    if (this._encoding === 'utf-8') {
      [text, used] = utf8Decode(bytes, this._fatal, stream);
    } else {
      used = stream ? bytes.length - (bytes.length % 2) : bytes.length;
      text = '';
      for (let i = 0; i + 1 < used; i += 2) text += String.fromCharCode(bytes[i] | (bytes[i + 1] << 8));
      if (used % 2 === 1) {
        if (this._fatal) throw nodeError(TypeError, 'ERR_ENCODING_INVALID_ENCODED_DATA', 'The encoded data was not valid for encoding utf-16le');
        text += '\ufffd';
      }
    }
    this._pending = bytes.slice(used);
    if (!this._bomSeen && text.length > 0) {
      this._bomSeen = true;
      if (!this._ignoreBOM && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (!stream) { this._bomSeen = false; this._pending = new Uint8Array(0); }
    return text;
  }
  [Symbol.for('nodejs.util.inspect.custom')](depth, options, inspect) {
    return `TextDecoder ${inspect({ encoding: this._encoding, fatal: this._fatal, ignoreBOM: this._ignoreBOM }, options)}`;
  }
}
