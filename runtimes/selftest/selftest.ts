// Prints a known line: reads stdin and uses interfaces, generics, enums and parameter properties.
import type { Buffer } from 'node:buffer';
import { readFileSync } from 'fs';

interface Answer<T> {
  value: T;
}

enum Language {
  TypeScript = 'typescript',
}

class Checker {
  constructor(private readonly language: Language) {}

  report(input: string, answer: Answer<number>): string {
    return `${this.language} self-test ok: ${input} ${answer.value}`;
  }
}

const input: string = (readFileSync(0, 'utf8') as string).trim();
const answer = { value: 6 * 7 } satisfies Answer<number>;
console.log(new Checker(Language.TypeScript).report(input, answer!));
