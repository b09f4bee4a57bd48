// Math's functions with V8's last digits where the C library QuickJS uses differs from V8 (fdlibm): the
// FreeBSD-derived implementations of the pinned npm packages @stdlib/math-base-special-*, which give exactly V8's
// results for log, log2, log1p, exp, expm1, tan, asinh, acosh, atanh and cbrt, and V8's far more often than
// QuickJS's own for log10, sin, asin, atan and pow (the tests compare with node). The ** operator keeps QuickJS's pow.
import acosh from '@stdlib/math-base-special-acosh';
import asin from '@stdlib/math-base-special-asin';
import asinh from '@stdlib/math-base-special-asinh';
import atan from '@stdlib/math-base-special-atan';
import atanh from '@stdlib/math-base-special-atanh';
import cbrt from '@stdlib/math-base-special-cbrt';
import exp from '@stdlib/math-base-special-exp';
import expm1 from '@stdlib/math-base-special-expm1';
import log from '@stdlib/math-base-special-ln';
import log10 from '@stdlib/math-base-special-log10';
import log1p from '@stdlib/math-base-special-log1p';
import log2 from '@stdlib/math-base-special-log2';
import pow from '@stdlib/math-base-special-pow';
import sin from '@stdlib/math-base-special-sin';
import tan from '@stdlib/math-base-special-tan';

const unary = { acosh, asin, asinh, atan, atanh, cbrt, exp, expm1, log, log10, log1p, log2, sin, tan };

// Replaces the functions on Math, each with its own name and length and its argument converted as Math's are.
export function installMath() {
  for (const [name, f] of Object.entries(unary)) {
    const method = { [name](x) { return f(+x); } }[name];
    Object.defineProperty(Math, name, { value: method, writable: true, configurable: true, enumerable: false });
  }
  const power = { pow(x, y) { return pow(+x, +y); } }.pow;
  Object.defineProperty(Math, 'pow', { value: power, writable: true, configurable: true, enumerable: false });
}
