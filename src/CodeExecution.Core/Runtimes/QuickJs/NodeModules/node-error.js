// Errors as Node's own code makes them: a code property, and a stack whose first line names the code
// ("TypeError [ERR_INVALID_ARG_TYPE]: ..."), which util.inspect and the report of an uncaught error show.
export const nodeErrorMark = Symbol.for('codeexec.nodeError');

export function nodeError(Type, code, message) {
  const error = new Type(message);
  error.code = code;
  Object.defineProperty(error, nodeErrorMark, { value: true });
  return error;
}

// How Node's ERR_INVALID_ARG_TYPE describes the value it received (determineSpecificType in lib/internal/errors.js).
export function describeReceived(value) {
  if (value === null || value === undefined) return `${value}`;
  if (typeof value === 'function') return `function ${value.name}`;
  if (typeof value === 'object') return value.constructor?.name ? `an instance of ${value.constructor.name}` : '[Object: null prototype] {}';
  let shown = typeof value === 'string' ? `'${value}'` : typeof value === 'bigint' ? `${value}n` : String(value);
  if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
  return `type ${typeof value} (${shown})`;
}
