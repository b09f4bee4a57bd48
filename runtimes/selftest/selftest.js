// Prints a known line: reads stdin, uses a module-free script, a closure, a timer and a promise.
const input = require('fs').readFileSync(0, 'utf8').trim();
const answer = [6, 7].reduce((a, b) => a * b, 1);
setTimeout(() => {
  Promise.resolve(answer).then((value) => console.log(`javascript self-test ok: ${input} ${value}`));
}, 10);
