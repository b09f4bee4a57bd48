// Math's functions as V8 computes them: V8 (src/base/ieee754.cc) uses Sun's fdlibm 5.3 for these, and no npm package
// gives fdlibm's exact operations (the @stdlib ones, like the C library QuickJS uses, derive from FreeBSD's later
// rewrites, which round differently on a few inputs in a hundred). Ported from fdlibm's C as Debian's newlib-source
// 3.3.0 holds it (newlib/libm/math: k_sin.c, k_cos.c, e_rem_pio2.c, k_rem_pio2.c, s_sin.c, s_cos.c, e_asin.c,
// e_acos.c, s_atan.c, e_atan2.c, e_log10.c, e_pow.c, e_sinh.c, e_cosh.c, s_tanh.c), operation for operation; the
// tests compare every function with node on many inputs. exp, expm1 and log are the @stdlib ones, which give V8's
// results exactly (exp but for 1). Where V8 departs from fdlibm, as it does in pow, atan2 and tanh, this follows V8.
//
// ====================================================
// Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
//
// Developed at SunPro, a Sun Microsystems, Inc. business.
// Permission to use, copy, modify, and distribute this
// software is freely granted, provided that this notice
// is preserved.
// ====================================================
import stdlibExp from '@stdlib/math-base-special-exp';
import expm1 from '@stdlib/math-base-special-expm1';
import log from '@stdlib/math-base-special-ln';

// V8's exp answers exactly e for 1, where the algorithm (its and @stdlib's) is one bit off.
export function exp(x) {
  return x === 1 ? Math.E : stdlibExp(x);
}

// The two 32-bit words of a double, as fdlibm's GET_HIGH_WORD and friends read and write them (little-endian).
const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
const highWord = x => { bits[0] = x; return words[1] | 0; };
const lowWord = x => { bits[0] = x; return words[0]; };
const withHighWord = (x, high) => { bits[0] = x; words[1] = high; return bits[0]; };
const withLowWord = (x, low) => { bits[0] = x; words[0] = low; return bits[0]; };
const fromWords = (high, low) => { words[1] = high; words[0] = low; return bits[0]; };

// x times 2 to the n, rounded once (C's scalbn).
function scalbn(x, n) {
  if (n > 1023) {
    x *= fromWords(0x7fe00000, 0); n -= 1023;
    if (n > 1023) { x *= fromWords(0x7fe00000, 0); n -= 1023; if (n > 1023) n = 1023; }
  } else if (n < -1022) {
    x *= fromWords(0x03600000, 0); n += 969; // 2^-969: 2^-1022 and 53 bits kept
    if (n < -1022) { x *= fromWords(0x03600000, 0); n += 969; if (n < -1022) n = -1022; }
  }
  return x * fromWords((0x3ff + n) << 20, 0);
}

// sin and cos on [-pi/4, pi/4]; y is the tail of x, iy says whether it is used.
function kernelSin(x, y, iy) {
  const S1 = -1.66666666666666324348e-01, S2 = 8.33333333332248946124e-03, S3 = -1.98412698298579493134e-04,
    S4 = 2.75573137070700676789e-06, S5 = -2.50507602534068634195e-08, S6 = 1.58969099521155010221e-10;
  const ix = highWord(x) & 0x7fffffff;
  if (ix < 0x3e400000 && Math.trunc(x) === 0) return x;
  const z = x * x, v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  if (iy === 0) return x + v * (S1 + z * r);
  return x - ((z * (0.5 * y - v * r) - y) - v * S1);
}

function kernelCos(x, y) {
  const C1 = 4.16666666666666019037e-02, C2 = -1.38888888888741095749e-03, C3 = 2.48015872894767294178e-05,
    C4 = -2.75573143513906633035e-07, C5 = 2.08757232129817482790e-09, C6 = -1.13596475577881948265e-11;
  const ix = highWord(x) & 0x7fffffff;
  if (ix < 0x3e400000 && Math.trunc(x) === 0) return 1;
  const z = x * x;
  const r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  if (ix < 0x3fd33333) return 1 - (0.5 * z - (z * r - x * y));
  const qx = ix > 0x3fe90000 ? 0.28125 : fromWords(ix - 0x00200000, 0);
  const hz = 0.5 * z - qx;
  const a = 1 - qx;
  return a - (hz - (z * r - x * y));
}

// 24 bits at a time of 2/pi, and the high words of n*pi/2 for n up to 32.
const twoOverPi = [
  0xA2F983, 0x6E4E44, 0x1529FC, 0x2757D1, 0xF534DD, 0xC0DB62, 0x95993C, 0x439041, 0xFE5163, 0xABDEBB, 0xC561B7,
  0x246E3A, 0x424DD2, 0xE00649, 0x2EEA09, 0xD1921C, 0xFE1DEB, 0x1CB129, 0xA73EE8, 0x8235F5, 0x2EBB44, 0x84E99C,
  0x7026B4, 0x5F7E41, 0x3991D6, 0x398353, 0x39F49C, 0x845F8B, 0xBDF928, 0x3B1FF8, 0x97FFDE, 0x05980F, 0xEF2F11,
  0x8B5A0A, 0x6D1F6D, 0x367ECF, 0x27CB09, 0xB74F46, 0x3F669E, 0x5FEA2D, 0x7527BA, 0xC7EBE5, 0xF17B3D, 0x0739F7,
  0x8A5292, 0xEA6BFB, 0x5FB11F, 0x8D5D08, 0x560330, 0x46FC7B, 0x6BABF0, 0xCFBC20, 0x9AF436, 0x1DA9E3, 0x91615E,
  0xE61B08, 0x659985, 0x5F14A0, 0x68408D, 0xFFD880, 0x4D7327, 0x310606, 0x1556CA, 0x73A8C9, 0x60E27B, 0xC08C6B,
];
const nPiOver2HighWords = [
  0x3FF921FB, 0x400921FB, 0x4012D97C, 0x401921FB, 0x401F6A7A, 0x4022D97C, 0x4025FDBB, 0x402921FB, 0x402C463A,
  0x402F6A7A, 0x4031475C, 0x4032D97C, 0x40346B9C, 0x4035FDBB, 0x40378FDB, 0x403921FB, 0x403AB41B, 0x403C463A,
  0x403DD85A, 0x403F6A7A, 0x40407E4C, 0x4041475C, 0x4042106C, 0x4042D97C, 0x4043A28C, 0x40446B9C, 0x404534AC,
  0x4045FDBB, 0x4046C6CB, 0x40478FDB, 0x404858EB, 0x404921FB,
];
const piOver2Pieces = [
  1.57079625129699707031e+00, 7.54978941586159635335e-08, 5.39030252995776476554e-15, 3.28200341580791294123e-22,
  1.27065575308067607349e-29, 1.22933308981111328932e-36, 2.73370053816464559624e-44, 2.16741683877804819444e-51,
];

// x (given as 24-bit pieces scaled by 2^e0) minus the nearest multiple of pi/2, for huge x: y gets the remainder
// in two pieces, and the multiple's last three bits are returned. fdlibm's __kernel_rem_pio2 with prec 2.
function kernelRemPio2(x, y, e0, nx) {
  const two24 = 1.67772160000000000000e+07, twon24 = 5.96046447753906250000e-08;
  const jk = 4, jp = jk, jx = nx - 1;
  const iq = new Array(20).fill(0), f = new Array(20).fill(0), fq = new Array(20).fill(0), q = new Array(20).fill(0);
  let jv = Math.trunc((e0 - 3) / 24); if (jv < 0) jv = 0;
  let q0 = e0 - 24 * (jv + 1);
  let i, j, k, fw, z, n, ih, carry;
  j = jv - jx;
  const m = jx + jk;
  for (i = 0; i <= m; i++, j++) f[i] = j < 0 ? 0 : twoOverPi[j];
  for (i = 0; i <= jk; i++) {
    for (j = 0, fw = 0.0; j <= jx; j++) fw += x[j] * f[jx + i - j];
    q[i] = fw;
  }
  let jz = jk;
  for (;;) {
    for (i = 0, j = jz, z = q[jz]; j > 0; i++, j--) {
      fw = Math.trunc(twon24 * z);
      iq[i] = Math.trunc(z - two24 * fw);
      z = q[j - 1] + fw;
    }
    z = scalbn(z, q0);
    z -= 8.0 * Math.floor(z * 0.125);
    n = Math.trunc(z);
    z -= n;
    ih = 0;
    if (q0 > 0) {
      i = iq[jz - 1] >> (24 - q0); n += i;
      iq[jz - 1] -= i << (24 - q0);
      ih = iq[jz - 1] >> (23 - q0);
    } else if (q0 === 0) ih = iq[jz - 1] >> 23;
    else if (z >= 0.5) ih = 2;
    if (ih > 0) {
      n += 1; carry = 0;
      for (i = 0; i < jz; i++) {
        j = iq[i];
        if (carry === 0) {
          if (j !== 0) { carry = 1; iq[i] = 0x1000000 - j; }
        } else iq[i] = 0xffffff - j;
      }
      if (q0 === 1) iq[jz - 1] &= 0x7fffff;
      else if (q0 === 2) iq[jz - 1] &= 0x3fffff;
      if (ih === 2) {
        z = 1 - z;
        if (carry !== 0) z -= scalbn(1, q0);
      }
    }
    if (z === 0) {
      j = 0;
      for (i = jz - 1; i >= jk; i--) j |= iq[i];
      if (j === 0) {
        for (k = 1; iq[jk - k] === 0; k++);
        for (i = jz + 1; i <= jz + k; i++) {
          f[jx + i] = twoOverPi[jv + i];
          for (j = 0, fw = 0.0; j <= jx; j++) fw += x[j] * f[jx + i - j];
          q[i] = fw;
        }
        jz += k;
        continue;
      }
    }
    break;
  }
  if (z === 0.0) {
    jz -= 1; q0 -= 24;
    while (iq[jz] === 0) { jz--; q0 -= 24; }
  } else {
    z = scalbn(z, -q0);
    if (z >= two24) {
      fw = Math.trunc(twon24 * z);
      iq[jz] = Math.trunc(z - two24 * fw);
      jz += 1; q0 += 24;
      iq[jz] = fw;
    } else iq[jz] = Math.trunc(z);
  }
  fw = scalbn(1, q0);
  for (i = jz; i >= 0; i--) { q[i] = fw * iq[i]; fw *= twon24; }
  for (i = jz; i >= 0; i--) {
    for (fw = 0.0, k = 0; k <= jp && k <= jz - i; k++) fw += piOver2Pieces[k] * q[i + k];
    fq[jz - i] = fw;
  }
  fw = 0.0;
  for (i = jz; i >= 0; i--) fw += fq[i];
  y[0] = ih === 0 ? fw : -fw;
  fw = fq[0] - fw;
  for (i = 1; i <= jz; i++) fw += fq[i];
  y[1] = ih === 0 ? fw : -fw;
  return n & 7;
}

// x minus the nearest multiple n of pi/2, in two pieces in y; returns n (its last three bits for huge x).
function remPio2(x, y) {
  const invpio2 = 6.36619772367581382433e-01, pio2_1 = 1.57079632673412561417e+00,
    pio2_1t = 6.07710050650619224932e-11, pio2_2 = 6.07710050630396597660e-11, pio2_2t = 2.02226624879595063154e-21,
    pio2_3 = 2.02226624871116645580e-21, pio2_3t = 8.47842766036889956997e-32;
  const hx = highWord(x), ix = hx & 0x7fffffff;
  let z, w, t, r, fn, n;
  if (ix <= 0x3fe921fb) { y[0] = x; y[1] = 0; return 0; }
  if (ix < 0x4002d97c) {
    if (hx > 0) {
      z = x - pio2_1;
      if (ix !== 0x3ff921fb) { y[0] = z - pio2_1t; y[1] = (z - y[0]) - pio2_1t; }
      else { z -= pio2_2; y[0] = z - pio2_2t; y[1] = (z - y[0]) - pio2_2t; }
      return 1;
    }
    z = x + pio2_1;
    if (ix !== 0x3ff921fb) { y[0] = z + pio2_1t; y[1] = (z - y[0]) + pio2_1t; }
    else { z += pio2_2; y[0] = z + pio2_2t; y[1] = (z - y[0]) + pio2_2t; }
    return -1;
  }
  if (ix <= 0x413921fb) {
    t = Math.abs(x);
    n = Math.trunc(t * invpio2 + 0.5);
    fn = n;
    r = t - fn * pio2_1;
    w = fn * pio2_1t;
    if (n < 32 && ix !== nPiOver2HighWords[n - 1]) {
      y[0] = r - w;
    } else {
      const j = ix >> 20;
      y[0] = r - w;
      let i = j - ((highWord(y[0]) >> 20) & 0x7ff);
      if (i > 16) {
        t = r; w = fn * pio2_2; r = t - w; w = fn * pio2_2t - ((t - r) - w);
        y[0] = r - w;
        i = j - ((highWord(y[0]) >> 20) & 0x7ff);
        if (i > 49) {
          t = r; w = fn * pio2_3; r = t - w; w = fn * pio2_3t - ((t - r) - w);
          y[0] = r - w;
        }
      }
    }
    y[1] = (r - y[0]) - w;
    if (hx < 0) { y[0] = -y[0]; y[1] = -y[1]; return -n; }
    return n;
  }
  if (ix >= 0x7ff00000) { y[0] = y[1] = x - x; return 0; }
  const e0 = (ix >> 20) - 1046;
  z = fromWords(ix - (e0 << 20), lowWord(x));
  const tx = [0, 0, 0];
  for (let i = 0; i < 2; i++) { tx[i] = Math.trunc(z); z = (z - tx[i]) * 1.67772160000000000000e+07; }
  tx[2] = z;
  let nx = 3;
  while (tx[nx - 1] === 0) nx--;
  n = kernelRemPio2(tx, y, e0, nx);
  if (hx < 0) { y[0] = -y[0]; y[1] = -y[1]; return -n; }
  return n;
}

export function sin(x) {
  const ix = highWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) return kernelSin(x, 0, 0);
  if (ix >= 0x7ff00000) return x - x;
  const y = [0, 0];
  switch (remPio2(x, y) & 3) {
    case 0: return kernelSin(y[0], y[1], 1);
    case 1: return kernelCos(y[0], y[1]);
    case 2: return -kernelSin(y[0], y[1], 1);
    default: return -kernelCos(y[0], y[1]);
  }
}

export function cos(x) {
  const ix = highWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) return kernelCos(x, 0);
  if (ix >= 0x7ff00000) return x - x;
  const y = [0, 0];
  switch (remPio2(x, y) & 3) {
    case 0: return kernelCos(y[0], y[1]);
    case 1: return -kernelSin(y[0], y[1], 1);
    case 2: return -kernelCos(y[0], y[1]);
    default: return kernelSin(y[0], y[1], 1);
  }
}

const pio2_hi = 1.57079632679489655800e+00, pio2_lo = 6.12323399573676603587e-17;
const pS0 = 1.66666666666666657415e-01, pS1 = -3.25565818622400915405e-01, pS2 = 2.01212532134862925881e-01,
  pS3 = -4.00555345006794114027e-02, pS4 = 7.91534994289814532176e-04, pS5 = 3.47933107596021167570e-05,
  qS1 = -2.40339491173441421878e+00, qS2 = 2.02094576023350569471e+00, qS3 = -6.88283971605453293030e-01,
  qS4 = 7.70381505559019352791e-02;
const asinP = t => t * (pS0 + t * (pS1 + t * (pS2 + t * (pS3 + t * (pS4 + t * pS5)))));
const asinQ = t => 1 + t * (qS1 + t * (qS2 + t * (qS3 + t * qS4)));

export function asin(x) {
  const pio4_hi = 7.85398163397448278999e-01;
  const hx = highWord(x), ix = hx & 0x7fffffff;
  let t;
  if (ix >= 0x3ff00000) {
    if (((ix - 0x3ff00000) | lowWord(x)) === 0) return x * pio2_hi + x * pio2_lo;
    return (x - x) / (x - x);
  } else if (ix < 0x3fe00000) {
    if (ix < 0x3e400000) return x;
    t = x * x;
    return x + x * (asinP(t) / asinQ(t));
  }
  const w = 1 - Math.abs(x);
  t = w * 0.5;
  let p = asinP(t), q = asinQ(t);
  const s = Math.sqrt(t);
  if (ix >= 0x3FEF3333) {
    t = pio2_hi - (2.0 * (s + s * (p / q)) - pio2_lo);
  } else {
    const w0 = withLowWord(s, 0);
    const c = (t - w0 * w0) / (s + w0);
    const r = p / q;
    p = 2.0 * s * r - (pio2_lo - 2.0 * c);
    q = pio4_hi - 2.0 * w0;
    t = pio4_hi - (p - q);
  }
  return hx > 0 ? t : -t;
}

export function acos(x) {
  const pi = 3.14159265358979311600e+00;
  const hx = highWord(x), ix = hx & 0x7fffffff;
  let z, r, s, w;
  if (ix >= 0x3ff00000) {
    if (((ix - 0x3ff00000) | lowWord(x)) === 0) return hx > 0 ? 0.0 : pi + 2.0 * pio2_lo;
    return (x - x) / (x - x);
  }
  if (ix < 0x3fe00000) {
    if (ix <= 0x3c600000) return pio2_hi + pio2_lo;
    z = x * x;
    r = asinP(z) / asinQ(z);
    return pio2_hi - (x - (pio2_lo - x * r));
  } else if (hx < 0) {
    z = (1 + x) * 0.5;
    s = Math.sqrt(z);
    r = asinP(z) / asinQ(z);
    w = r * s - pio2_lo;
    return pi - 2.0 * (s + w);
  }
  z = (1 - x) * 0.5;
  s = Math.sqrt(z);
  const df = withLowWord(s, 0);
  const c = (z - df * df) / (s + df);
  r = asinP(z) / asinQ(z);
  w = r * s + c;
  return 2.0 * (df + w);
}

const atanhi = [4.63647609000806093515e-01, 7.85398163397448278999e-01, 9.82793723247329054082e-01,
  1.57079632679489655800e+00];
const atanlo = [2.26987774529616870924e-17, 3.06161699786838301793e-17, 1.39033110312309984516e-17,
  6.12323399573676603587e-17];
const aT = [3.33333333333329318027e-01, -1.99999999998764832476e-01, 1.42857142725034663711e-01,
  -1.11111104054623557880e-01, 9.09088713343650656196e-02, -7.69187620504482999495e-02, 6.66107313738753120669e-02,
  -5.83357013379057348645e-02, 4.97687799461593236017e-02, -3.65315727442169155270e-02, 1.62858201153657823623e-02];

export function atan(x) {
  const hx = highWord(x), ix = hx & 0x7fffffff;
  let id;
  if (ix >= 0x44100000) {
    if (ix > 0x7ff00000 || (ix === 0x7ff00000 && lowWord(x) !== 0)) return x + x;
    return hx > 0 ? atanhi[3] + atanlo[3] : -atanhi[3] - atanlo[3];
  }
  if (ix < 0x3fdc0000) {
    if (ix < 0x3e200000) return x;
    id = -1;
  } else {
    x = Math.abs(x);
    if (ix < 0x3ff30000) {
      if (ix < 0x3fe60000) { id = 0; x = (2.0 * x - 1) / (2.0 + x); }
      else { id = 1; x = (x - 1) / (x + 1); }
    } else if (ix < 0x40038000) { id = 2; x = (x - 1.5) / (1 + 1.5 * x); }
    else { id = 3; x = -1.0 / x; }
  }
  const z = x * x, w = z * z;
  const s1 = z * (aT[0] + w * (aT[2] + w * (aT[4] + w * (aT[6] + w * (aT[8] + w * aT[10])))));
  const s2 = w * (aT[1] + w * (aT[3] + w * (aT[5] + w * (aT[7] + w * aT[9]))));
  if (id < 0) return x - x * (s1 + s2);
  const r = atanhi[id] - ((x * (s1 + s2) - atanlo[id]) - x);
  return hx < 0 ? -r : r;
}

export function atan2(y, x) {
  const pi_o_4 = 7.8539816339744827900E-01, pi_o_2 = 1.5707963267948965580E+00, pi = 3.1415926535897931160E+00,
    pi_lo = 1.2246467991473531772E-16;
  const hx = highWord(x), lx = lowWord(x), ix = hx & 0x7fffffff;
  const hy = highWord(y), ly = lowWord(y), iy = hy & 0x7fffffff;
  if ((ix | ((lx | -lx) >>> 31)) > 0x7ff00000 || (iy | ((ly | -ly) >>> 31)) > 0x7ff00000) return x + y;
  if (((hx - 0x3ff00000) | lx) === 0) return atan(y);
  const m = ((hy >> 31) & 1) | ((hx >> 30) & 2);
  if ((iy | ly) === 0) {
    if (m < 2) return y;
    return m === 2 ? pi : -pi;
  }
  if ((ix | lx) === 0) return hy < 0 ? -pi_o_2 : pi_o_2;
  if (ix === 0x7ff00000) {
    if (iy === 0x7ff00000) return [pi_o_4, -pi_o_4, 3.0 * pi_o_4, -3.0 * pi_o_4][m];
    return [0, -0, pi, -pi][m];
  }
  if (iy === 0x7ff00000) return hy < 0 ? -pi_o_2 : pi_o_2;
  const k = (iy - ix) >> 20;
  let z;
  let quadrant = m;
  if (k > 60) { z = pi_o_2 + 0.5 * pi_lo; quadrant &= 1; } // FreeBSD's and V8's: fdlibm keeps the quadrant
  else if (hx < 0 && k < -60) z = 0.0;
  else z = atan(Math.abs(y / x));
  switch (quadrant) {
    case 0: return z;
    case 1: return -z;
    case 2: return pi - (z - pi_lo);
    default: return (z - pi_lo) - pi;
  }
}

export function log10(x) {
  const two54 = 1.80143985094819840000e+16, ivln10 = 4.34294481903251816668e-01,
    log10_2hi = 3.01029995663611771306e-01, log10_2lo = 3.69423907715893078616e-13;
  let hx = highWord(x);
  const lx = lowWord(x);
  let k = 0;
  if (hx < 0x00100000) {
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54; x *= two54;
    hx = highWord(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  const i = (k >>> 31);
  hx = (hx & 0x000fffff) | ((0x3ff - i) << 20);
  const y = k + i;
  x = withHighWord(x, hx);
  const z = y * log10_2lo + ivln10 * log(x);
  return z + y * log10_2hi;
}

export function pow(x, y) {
  // ECMAScript's cases where C's pow answers 1: V8 answers them before calling fdlibm.
  if (y !== y) return NaN;
  if (y === 0) return 1;
  if ((x === 1 || x === -1) && (y === Infinity || y === -Infinity)) return NaN;
  return ieeePow(x, y);
}

function ieeePow(x, y) {
  const bp = [1.0, 1.5], dp_h = [0.0, 5.84962487220764160156e-01], dp_l = [0.0, 1.35003920212974897128e-08];
  const two53 = 9007199254740992.0, huge = 1.0e300, tiny = 1.0e-300;
  const L1 = 5.99999999999994648725e-01, L2 = 4.28571428578550184252e-01, L3 = 3.33333329818377432918e-01,
    L4 = 2.72728123808534006489e-01, L5 = 2.30660745775561754067e-01, L6 = 2.06975017800338417784e-01,
    P1 = 1.66666666666666019037e-01, P2 = -2.77777777770155933842e-03, P3 = 6.61375632143793436117e-05,
    P4 = -1.65339022054652515390e-06, P5 = 4.13813679705723846039e-08, lg2 = 6.93147180559945286227e-01,
    lg2_h = 6.93147182464599609375e-01, lg2_l = -1.90465429995776804525e-09, ovt = 8.0085662595372944372e-17,
    cp = 9.61796693925975554329e-01, cp_h = 9.61796700954437255859e-01, cp_l = -7.02846165095275826516e-09,
    ivln2 = 1.44269504088896338700e+00, ivln2_h = 1.44269502162933349609e+00, ivln2_l = 1.92596299112661746887e-08;
  let z, ax, z_h, z_l, p_h, p_l, y1, t1, t2, r, s, t, u, v, w, i, j, k, n;
  const hx = highWord(x), lx = lowWord(x), hy = highWord(y), ly = lowWord(y);
  let ix = hx & 0x7fffffff;
  const iy = hy & 0x7fffffff;
  if ((iy | ly) === 0) return 1;
  if (ix > 0x7ff00000 || (ix === 0x7ff00000 && lx !== 0) || iy > 0x7ff00000 || (iy === 0x7ff00000 && ly !== 0)) {
    return ((ix - 0x3ff00000) | lx) === 0 ? 1 : NaN;
  }
  // yisint: 0 when y is not an odd or even integer, 1 when odd, 2 when even.
  let yisint = 0;
  if (hx < 0) {
    if (iy >= 0x43400000) yisint = 2;
    else if (iy >= 0x3ff00000) {
      k = (iy >> 20) - 0x3ff;
      if (k > 20) {
        j = ly >>> (52 - k);
        if (((j << (52 - k)) >>> 0) === ly) yisint = 2 - (j & 1);
      } else if (ly === 0) {
        j = iy >> (20 - k);
        if ((j << (20 - k)) === iy) yisint = 2 - (j & 1);
      }
    }
  }
  if (ly === 0) {
    if (iy === 0x7ff00000) {
      if (((ix - 0x3ff00000) | lx) === 0) return 1;
      if (ix >= 0x3ff00000) return hy >= 0 ? y : 0;
      return hy < 0 ? -y : 0;
    }
    if (iy === 0x3ff00000) return hy < 0 ? 1 / x : x;
    if (hy === 0x40000000) return x * x;
    if (hy === 0x3fe00000 && hx >= 0) return Math.sqrt(x);
  }
  ax = Math.abs(x);
  if (lx === 0 && (ix === 0x7ff00000 || ix === 0 || ix === 0x3ff00000)) {
    z = ax;
    if (hy < 0) z = 1 / z;
    if (hx < 0) {
      if (((ix - 0x3ff00000) | yisint) === 0) z = (z - z) / (z - z);
      else if (yisint === 1) z = -z;
    }
    return z;
  }
  if ((((hx >>> 31) - 1) | yisint) === 0) return (x - x) / (x - x);
  const sign = (((hx >>> 31) - 1) | (yisint - 1)) === 0 ? -1 : 1;
  if (iy > 0x41e00000) {
    if (iy > 0x43f00000) {
      if (ix <= 0x3fefffff) return hy < 0 ? huge * huge : tiny * tiny;
      if (ix >= 0x3ff00000) return hy > 0 ? huge * huge : tiny * tiny;
    }
    // V8 gives these the sign of a negative x to an odd y, where fdlibm leaves them positive.
    if (ix < 0x3fefffff) return hy < 0 ? sign * huge * huge : sign * tiny * tiny;
    if (ix > 0x3ff00000) return hy > 0 ? sign * huge * huge : sign * tiny * tiny;
    t = ax - 1;
    w = (t * t) * (0.5 - t * (0.3333333333333333333333 - t * 0.25));
    u = ivln2_h * t;
    v = t * ivln2_l - w * ivln2;
    t1 = withLowWord(u + v, 0);
    t2 = v - (t1 - u);
  } else {
    let s2, s_h, s_l, t_h, t_l;
    n = 0;
    if (ix < 0x00100000) { ax *= two53; n -= 53; ix = highWord(ax); }
    n += (ix >> 20) - 0x3ff;
    j = ix & 0x000fffff;
    ix = j | 0x3ff00000;
    if (j <= 0x3988E) k = 0;
    else if (j < 0xBB67A) k = 1;
    else { k = 0; n += 1; ix -= 0x00100000; }
    ax = withHighWord(ax, ix);
    u = ax - bp[k];
    v = 1 / (ax + bp[k]);
    s = u * v;
    s_h = withLowWord(s, 0);
    t_h = fromWords(((ix >> 1) | 0x20000000) + 0x00080000 + (k << 18), 0);
    t_l = ax - (t_h - bp[k]);
    s_l = v * ((u - s_h * t_h) - s_h * t_l);
    s2 = s * s;
    r = s2 * s2 * (L1 + s2 * (L2 + s2 * (L3 + s2 * (L4 + s2 * (L5 + s2 * L6)))));
    r += s_l * (s_h + s);
    s2 = s_h * s_h;
    t_h = withLowWord(3.0 + s2 + r, 0);
    t_l = r - ((t_h - 3.0) - s2);
    u = s_h * t_h;
    v = s_l * t_h + t_l * s;
    p_h = withLowWord(u + v, 0);
    p_l = v - (p_h - u);
    z_h = cp_h * p_h;
    z_l = cp_l * p_h + p_l * cp + dp_l[k];
    t = n;
    t1 = withLowWord(((z_h + z_l) + dp_h[k]) + t, 0);
    t2 = z_l - (((t1 - t) - dp_h[k]) - z_h);
  }
  s = sign;
  y1 = withLowWord(y, 0);
  p_l = (y - y1) * t1 + y * t2;
  p_h = y1 * t1;
  z = p_l + p_h;
  j = highWord(z);
  i = lowWord(z);
  if (j >= 0x40900000) {
    if (((j - 0x40900000) | i) !== 0) return s * huge * huge;
    if (p_l + ovt > z - p_h) return s * huge * huge;
  } else if ((j & 0x7fffffff) >= 0x4090cc00) {
    if (((j - 0xc090cc00) | i) !== 0) return s * tiny * tiny;
    if (p_l <= z - p_h) return s * tiny * tiny;
  }
  i = j & 0x7fffffff;
  k = (i >> 20) - 0x3ff;
  n = 0;
  if (i > 0x3fe00000) {
    n = (j + (0x00100000 >> (k + 1))) | 0;
    k = ((n & 0x7fffffff) >> 20) - 0x3ff;
    t = fromWords(n & ~(0x000fffff >> k), 0);
    n = ((n & 0x000fffff) | 0x00100000) >> (20 - k);
    if (j < 0) n = -n;
    p_h -= t;
  }
  t = withLowWord(p_l + p_h, 0);
  u = t * lg2_h;
  v = (p_l - (t - p_h)) * lg2 + t * lg2_l;
  z = u + v;
  w = v - (z - u);
  t = z * z;
  t1 = z - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  r = (z * t1) / ((t1 - 2) - (w + z * w)); // V8's grouping: fdlibm subtracts (w + z * w) after dividing
  z = 1 - (r - z);
  j = highWord(z);
  j = (j + (n << 20)) | 0;
  if ((j >> 20) <= 0) z = scalbn(z, n);
  else z = withHighWord(z, j);
  return s * z;
}

export function sinh(x) {
  const shuge = 1.0e307;
  const jx = highWord(x), ix = jx & 0x7fffffff;
  if (ix >= 0x7ff00000) return x + x;
  const h = jx < 0 ? -0.5 : 0.5;
  let t, w;
  if (ix < 0x40360000) {
    if (ix < 0x3e300000) return x;
    t = expm1(Math.abs(x));
    if (ix < 0x3ff00000) return h * (2.0 * t - t * t / (t + 1));
    return h * (t + t / (t + 1));
  }
  if (ix < 0x40862E42) return h * exp(Math.abs(x));
  const lx = lowWord(x);
  if (ix < 0x408633CE || (ix === 0x408633ce && lx <= 0x8fb9f87d)) {
    w = exp(0.5 * Math.abs(x));
    t = h * w;
    return t * w;
  }
  return x * shuge;
}

export function cosh(x) {
  const ix = highWord(x) & 0x7fffffff;
  let t, w;
  if (ix >= 0x7ff00000) return x * x;
  if (ix < 0x3fd62e43) {
    t = expm1(Math.abs(x));
    w = 1 + t;
    if (ix < 0x3c800000) return w;
    return 1 + (t * t) / (w + w);
  }
  if (ix < 0x40360000) {
    t = exp(Math.abs(x));
    return 0.5 * t + 0.5 / t;
  }
  if (ix < 0x40862E42) return 0.5 * exp(Math.abs(x));
  const lx = lowWord(x);
  if (ix < 0x408633CE || (ix === 0x408633ce && lx <= 0x8fb9f87d)) {
    w = exp(0.5 * Math.abs(x));
    t = 0.5 * w;
    return t * w;
  }
  return Infinity;
}

export function tanh(x) {
  const jx = highWord(x), ix = jx & 0x7fffffff;
  let t, z;
  if (ix >= 0x7ff00000) return jx >= 0 ? 1 / x + 1 : 1 / x - 1;
  if (ix < 0x40360000) {
    if (ix < 0x3e300000) return x; // FreeBSD's bound, as V8's: fdlibm returns x * (1 + x) below 2^-55
    if (ix >= 0x3ff00000) {
      t = expm1(2 * Math.abs(x));
      z = 1 - 2 / (t + 2);
    } else {
      t = expm1(-2 * Math.abs(x));
      z = -t / (t + 2);
    }
  } else {
    z = 1;
  }
  return jx >= 0 ? z : -z;
}
