// Node's crypto module on the hashes of the pinned npm package @noble/hashes; random bytes come from the host
// (the host's cryptographic generator), through randomBytes(count) given by the prelude.
import { describeReceived, nodeError } from './node-error.js';
import { sha224, sha256, sha384, sha512, sha512_224, sha512_256 } from '@noble/hashes/sha2.js';
import { md5, ripemd160, sha1 } from '@noble/hashes/legacy.js';
import { sha3_224, sha3_256, sha3_384, sha3_512, shake128, shake256 } from '@noble/hashes/sha3.js';
import { hmac } from '@noble/hashes/hmac.js';
import { pbkdf2 as noblePbkdf2 } from '@noble/hashes/pbkdf2.js';
import { scrypt as nobleScrypt } from '@noble/hashes/scrypt.js';
import { hkdf as nobleHkdf } from '@noble/hashes/hkdf.js';
import { blake2b, blake2s } from '@noble/hashes/blake2.js';

const algorithms = {
  md5, sha1, ripemd160, rmd160: ripemd160, 'ripemd-160': ripemd160,
  sha224, sha256, sha384, sha512, 'sha512-224': sha512_224, 'sha512-256': sha512_256,
  'sha3-224': sha3_224, 'sha3-256': sha3_256, 'sha3-384': sha3_384, 'sha3-512': sha3_512,
  shake128, shake256, blake2b512: blake2b, blake2s256: blake2s,
};
const aliases = { 'sha-1': 'sha1', 'sha-224': 'sha224', 'sha-256': 'sha256', 'sha-384': 'sha384', 'sha-512': 'sha512' };


function invalidArgType(name, expected, value) {
  return nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "${name}" argument must be ${expected}. Received ${describeReceived(value)}`);
}

export function makeCrypto(Buffer, randomBytesFromHost) {
  const hashOf = (algorithm) => {
    const key = typeof algorithm === 'string' ? algorithm.toLowerCase() : algorithm;
    return algorithms[aliases[key] ?? key];
  };

  function toBytes(data, encoding, name = 'data') {
    if (typeof data === 'string') return Buffer.from(data, encoding ?? 'utf8');
    if (data instanceof Uint8Array) return data;
    if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (data instanceof ArrayBuffer) return new Uint8Array(data);
    throw invalidArgType(name, 'of type string or an instance of Buffer, TypedArray, or DataView', data);
  }

  const output = (bytes, encoding) => {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return encoding === undefined || encoding === 'buffer' ? buffer : buffer.toString(encoding);
  };

  const finalized = () => nodeError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');

  // What Hash and Hmac share: data goes in until the digest is taken.
  class Digester {
    constructor(state) {
      this._state = state;
      this._done = false;
    }
    update(data, encoding) {
      if (this._done) throw finalized();
      this._state.update(toBytes(data, encoding));
      return this;
    }
    _finish(encoding) {
      this._done = true;
      return output(this._state.digest(), encoding);
    }
  }

  class Hash extends Digester {
    constructor(algorithm, state) {
      if (typeof algorithm !== 'string') throw invalidArgType('algorithm', 'of type string', algorithm);
      const hash = hashOf(algorithm);
      if (hash === undefined) throw new Error('Digest method not supported');
      super(state ?? hash.create());
      this._algorithm = algorithm;
    }
    digest(encoding) {
      if (this._done) throw finalized();
      return this._finish(encoding);
    }
    copy() {
      if (this._done) throw finalized();
      return new Hash(this._algorithm, this._state.clone());
    }
  }

  class Hmac extends Digester {
    constructor(algorithm, key) {
      if (typeof algorithm !== 'string') throw invalidArgType('hmac', 'of type string', algorithm);
      const hash = hashOf(algorithm);
      if (hash === undefined) throw nodeError(Error, 'ERR_CRYPTO_INVALID_DIGEST', `Invalid digest: ${algorithm}`);
      super(hmac.create(hash, toBytes(key, 'utf8', 'key')));
    }
    // A second digest is empty in Node, not an error.
    digest(encoding) {
      return this._done ? output(new Uint8Array(0), encoding) : this._finish(encoding);
    }
  }

  const digestOf = (algorithm) => {
    const hash = hashOf(algorithm);
    if (hash === undefined) throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', `Invalid digest: ${algorithm}`);
    return hash;
  };

  const MaxRandomBytes = 65536;
  function fillRandom(bytes) {
    for (let offset = 0; offset < bytes.length; offset += MaxRandomBytes) {
      bytes.set(Buffer.from(randomBytesFromHost(Math.min(MaxRandomBytes, bytes.length - offset)), 'hex'), offset);
    }
    return bytes;
  }

  const withCallback = (callback, compute) => {
    if (typeof callback !== 'function') return compute();
    let result;
    try { result = compute(); } catch (error) { process.nextTick(callback, error); return undefined; }
    process.nextTick(callback, null, result);
    return undefined;
  };

  function randomBytes(size, callback) {
    if (typeof size !== 'number') throw invalidArgType('size', 'of type number', size);
    if (!(size >= 0 && size <= 2147483647)) {
      throw nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "size" is out of range. It must be >= 0 && <= 2147483647. Received ${size}`);
    }
    return withCallback(callback, () => fillRandom(Buffer.alloc(size)));
  }

  function getRandomValues(array) {
    if (!ArrayBuffer.isView(array) || array instanceof Float32Array || array instanceof Float64Array || array instanceof DataView) {
      throw Object.assign(new TypeError('The data argument must be an integer-type TypedArray'), { code: 17, name: 'TypeMismatchError' });
    }
    if (array.byteLength > MaxRandomBytes) {
      throw Object.assign(new Error(`The ArrayBufferView's byte length (${array.byteLength}) exceeds the number of bytes of entropy available via this API (65536)`), { name: 'QuotaExceededError', code: 22 });
    }
    fillRandom(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
    return array;
  }

  function randomUUID() {
    const b = fillRandom(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  // An integer in [min, max), without modulo bias (rejection sampling on 48 bits, as Node does).
  function randomInt(min, max, callback) {
    if (typeof max === 'function' || max === undefined) { callback = max; max = min; min = 0; }
    if (!Number.isSafeInteger(min)) throw invalidArgType('min', 'a safe integer', min);
    if (!Number.isSafeInteger(max)) throw invalidArgType('max', 'a safe integer', max);
    if (max <= min) {
      throw nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "max" is out of range. It must be greater than the value of "min" (${min}). Received ${max}`);
    }
    return withCallback(callback, () => {
      const range = max - min;
      const limit = 2 ** 48 - (2 ** 48 % range);
      for (;;) {
        const b = fillRandom(new Uint8Array(6));
        const x = b.reduce((acc, byte) => acc * 256 + byte, 0);
        if (x < limit) return min + (x % range);
      }
    });
  }

  function timingSafeEqual(a, b) {
    const x = toBytes(a, undefined, 'buf1');
    const y = toBytes(b, undefined, 'buf2');
    if (x.byteLength !== y.byteLength) {
      throw nodeError(RangeError, 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH', 'Input buffers must have the same byte length');
    }
    let difference = 0;
    for (let i = 0; i < x.length; i++) difference |= x[i] ^ y[i];
    return difference === 0;
  }

  const pbkdf2Sync = (password, salt, iterations, keylen, digest) =>
    output(noblePbkdf2(digestOf(digest), toBytes(password, 'utf8', 'password'), toBytes(salt, 'utf8', 'salt'), { c: iterations, dkLen: keylen }));
  const scryptSync = (password, salt, keylen, options = {}) =>
    output(nobleScrypt(toBytes(password, 'utf8', 'password'), toBytes(salt, 'utf8', 'salt'), {
      N: options.N ?? options.cost ?? 16384, r: options.r ?? options.blockSize ?? 8, p: options.p ?? options.parallelization ?? 1, dkLen: keylen,
    }));
  const hkdfSync = (digest, ikm, salt, info, keylen) =>
    nobleHkdf(digestOf(digest), toBytes(ikm, 'utf8', 'ikm'), toBytes(salt, 'utf8', 'salt'), toBytes(info, 'utf8', 'info'), keylen).buffer;

  const subtle = {
    digest: async (algorithm, data) => {
      const name = typeof algorithm === 'string' ? algorithm : algorithm?.name;
      const hash = { 'SHA-1': sha1, 'SHA-256': sha256, 'SHA-384': sha384, 'SHA-512': sha512 }[String(name).toUpperCase()];
      if (hash === undefined) throw Object.assign(new Error('Unrecognized algorithm name'), { name: 'NotSupportedError' });
      return hash(toBytes(data)).buffer;
    },
  };
  const webcrypto = { getRandomValues, randomUUID, subtle };

  return {
    createHash: (algorithm, options) => new Hash(algorithm),
    createHmac: (algorithm, key) => new Hmac(algorithm, key),
    hash: (algorithm, data, encoding = 'hex') => new Hash(algorithm).update(data).digest(encoding),
    getHashes: () => Object.keys(algorithms).concat(Object.keys(aliases)).sort(),
    randomBytes,
    pseudoRandomBytes: randomBytes,
    randomFillSync: (buffer, offset = 0, size) => {
      const view = toBytes(buffer, undefined, 'buf');
      fillRandom(view.subarray(offset, size === undefined ? undefined : offset + size));
      return buffer;
    },
    randomUUID,
    randomInt,
    getRandomValues,
    timingSafeEqual,
    pbkdf2Sync,
    pbkdf2: (password, salt, iterations, keylen, digest, callback) =>
      withCallback(callback, () => pbkdf2Sync(password, salt, iterations, keylen, digest)),
    scryptSync,
    scrypt: (password, salt, keylen, options, callback) => {
      if (typeof options === 'function') { callback = options; options = {}; }
      return withCallback(callback, () => scryptSync(password, salt, keylen, options));
    },
    hkdfSync,
    webcrypto,
    subtle,
    Hash,
    Hmac,
    constants: {},
  };
}
