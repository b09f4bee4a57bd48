// Node 20's message for assert(value) and assert.ok(value) given no message: the source of the call, found as Node
// finds it (lib/internal/assert/utils.js: from each token of the call's line, parse an expression with acorn, the
// parser Node bundles, until one holds a call at the call's position). Node reads the program's file; here the
// prelude gives the program's source and the call's line and column (programCallSite). Where either is missing
// (an ES module, code made by eval) the message is left to AssertionError, as Node does when it cannot read it.
import { Parser, tokenizer } from 'acorn';
import { full } from 'acorn-walk';

// Names a program calls assert by. Node's position is the call's own; QuickJS's lies in its arguments, perhaps on a
// later line and inside another call, so the call made through one of these names is looked for first, from the
// position's line and then from the lines before it.
const assertNames = (source) => {
  const names = new Set(['assert', 'ok', 'strict']);
  const bound = /\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*require\(\s*['"](?:node:)?assert(?:\/strict)?['"]\s*\)/g;
  for (const match of source.matchAll(bound)) names.add(match[1]);
  return names;
};
const linesBack = 20;

const calleeName = (callee) => {
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression' && !callee.computed) return callee.property.name;
  return undefined;
};

// The call around offset in the expression node: with names, the innermost made through one of them; without, the
// innermost (Node's).
function callAround(node, offset, names) {
  const around = [];
  full(node, (inner) => {
    if (inner.type === 'CallExpression' && inner.start <= offset && inner.end >= offset) around.push(inner);
  });
  around.sort((a, b) => (b.start - a.start) || (a.end - b.end));
  return names === undefined ? around[0] : around.find((call) => names.has(calleeName(call.callee)));
}

// Control characters in the quoted source are written as escapes, as Node writes them.
const escapeControl = (text) => text.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, (c) => {
  const code = c.charCodeAt(0);
  if (code === 8) return '\\b';
  if (code === 12) return '\\f';
  return `\\u${code.toString(16).padStart(4, '0')}`;
});

// From each token of the code on, up to the call's position, the first expression that parses and holds the call:
// the call's column and its text.
function parseCode(code, offset, names) {
  try {
    for (const token of tokenizer(code, { ecmaVersion: 'latest' })) {
      if (token.start > offset) break;
      try {
        const call = callAround(Parser.parseExpressionAt(code, token.start, { ecmaVersion: 'latest' }), offset, names);
        // Node reads from the line the call starts on, so a call is found only from its own first line.
        if (call !== undefined && call.end >= offset && !code.slice(0, call.start).includes('\n')) {
          return [call.start, escapeControl(code.slice(call.start, call.end))];
        }
      } catch {
        // Not an expression from here: the next token.
      }
    }
  } catch {
    // The tokenizer met something it cannot read (Node gives up too).
  }
  return undefined;
}

// Messages already found, by the call's position, as Node caches them.
const messages = new Map();

export function falsyValueMessage(fn) {
  const site = globalThis[Symbol.for('codeexec.programCallSite')]?.(fn);
  if (site === undefined) return undefined;
  const key = `${site.line}:${site.column}`;
  if (!messages.has(key)) {
    // acorn throws a SyntaxError for each token an expression cannot start at: without stacks, as Node parses.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      messages.set(key, findMessage(site));
    } finally {
      Error.stackTraceLimit = limit;
    }
  }
  return messages.get(key);
}

// Sets acorn up (its tables and regular expressions take QuickJS about 30 ms) while an image is baked.
export function warmAssertMessage() {
  parseCode('assert(a)', 7, new Set(['assert']));
}

function findMessage(site) {
  const lines = site.source.split('\n');
  const names = assertNames(site.source);
  let found;
  for (let first = site.line, offset = site.column; found === undefined && first >= 0 && first >= site.line - linesBack; first--) {
    if (first < site.line) offset += lines[first].length + 1;
    found = parseCode(lines.slice(first).join('\n'), offset, names);
  }
  found ??= parseCode(lines.slice(site.line).join('\n'), site.column, undefined);
  if (found === undefined) return undefined;
  const [column, text] = found;
  // Lines after the first lose the indentation up to the call's column, as Node's do.
  const [head, ...rest] = text.split('\n');
  let message = head;
  for (const line of rest) {
    let pos = 0;
    while (pos < column && (line[pos] === ' ' || line[pos] === '\t')) pos++;
    message += `\n  ${line.slice(pos)}`;
  }
  return `The expression evaluated to a falsy value:\n\n  ${message}\n`;
}
