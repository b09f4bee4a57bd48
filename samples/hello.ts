interface Greeting { name: string; language: 'TypeScript' }

const input: string = require('fs').readFileSync(0, 'utf8').trim();
const greeting: Greeting = { name: input || 'world', language: 'TypeScript' };
console.log(`Hello, ${greeting.name}! from ${greeting.language} in a WebAssembly sandbox`);
