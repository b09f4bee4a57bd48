// Math's functions with V8's last digits where the C library QuickJS uses (musl's, from FreeBSD) rounds differently
// from V8: fdlibm.js ports what V8 runs, and the FreeBSD-derived implementations of the pinned npm packages
// @stdlib/math-base-special-* give exactly V8's results for the others (the tests compare each with node). The **
// operator keeps QuickJS's pow, which only the engine could change.
import acosh from '@stdlib/math-base-special-acosh';
import asinh from '@stdlib/math-base-special-asinh';
import atanh from '@stdlib/math-base-special-atanh';
import cbrt from '@stdlib/math-base-special-cbrt';
import expm1 from '@stdlib/math-base-special-expm1';
import log from '@stdlib/math-base-special-ln';
import log1p from '@stdlib/math-base-special-log1p';
import log2 from '@stdlib/math-base-special-log2';
import tan from '@stdlib/math-base-special-tan';
import { acos, asin, atan, atan2, cos, cosh, exp, log10, pow, sin, sinh, tanh } from './fdlibm.js';

const unary = {
  acos, acosh, asin, asinh, atan, atanh, cbrt, cos, cosh, exp, expm1, log, log10, log1p, log2, sin, sinh, tan, tanh,
};
const binary = { atan2, pow };

// Replaces the functions on Math, each with its own name and length and its arguments converted as Math's are.
export function installMath() {
  for (const [name, f] of Object.entries(unary)) {
    const method = { [name](x) { return f(+x); } }[name];
    Object.defineProperty(Math, name, { value: method, writable: true, configurable: true, enumerable: false });
  }
  for (const [name, f] of Object.entries(binary)) {
    const method = { [name](x, y) { return f(+x, +y); } }[name];
    Object.defineProperty(Math, name, { value: method, writable: true, configurable: true, enumerable: false });
  }
}
