// console.table as Node 20 draws it (lib/internal/console/constructor.js and lib/internal/cli_table.js): the same
// columns, the same cell text (util.inspect with depth 0 or -1, three array items, one line), left-aligned cells.
const chars = {
  middleMiddle: '─', rowMiddle: '┼', topRight: '┐', topLeft: '┌', leftMiddle: '├', topMiddle: '┬',
  bottomRight: '┘', bottomLeft: '└', bottomMiddle: '┴', rightMiddle: '┤', left: '│ ', right: ' │', middle: ' │ ',
};

// Columns a string takes on a terminal: East Asian wide and full-width characters two, combining marks none.
function isFullWidth(code) {
  return code >= 0x1100 && (code <= 0x115f || code === 0x2329 || code === 0x232a
    || (code >= 0x2e80 && code <= 0x3247 && code !== 0x303f) || (code >= 0x3250 && code <= 0x4dbf)
    || (code >= 0x4e00 && code <= 0xa4c6) || (code >= 0xa960 && code <= 0xa97c) || (code >= 0xac00 && code <= 0xd7a3)
    || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe10 && code <= 0xfe19) || (code >= 0xfe30 && code <= 0xfe6b)
    || (code >= 0xff01 && code <= 0xff60) || (code >= 0xffe0 && code <= 0xffe6) || (code >= 0x1b000 && code <= 0x1b001)
    || (code >= 0x1f200 && code <= 0x1f251) || (code >= 0x1f300 && code <= 0x1f64f) || (code >= 0x20000 && code <= 0x3fffd));
}
const isZeroWidth = (code) => code <= 0x1f || (code >= 0x7f && code <= 0x9f) || (code >= 0x300 && code <= 0x36f)
  || (code >= 0x200b && code <= 0x200f) || (code >= 0x20d0 && code <= 0x20ff) || (code >= 0xfe00 && code <= 0xfe0f)
  || (code >= 0xfe20 && code <= 0xfe2f) || (code >= 0xe0100 && code <= 0xe01ef);

function stringWidth(text) {
  let width = 0;
  for (const ch of text.normalize('NFC').replace(/\u001b\[\d\d?m/g, '')) {
    const code = ch.codePointAt(0);
    if (isFullWidth(code)) width += 2;
    else if (!isZeroWidth(code)) width++;
  }
  return width;
}

function renderRow(row, widths) {
  let out = chars.left;
  for (let i = 0; i < row.length; i++) {
    out += row[i] + ' '.repeat(widths[i] - stringWidth(row[i]));
    if (i !== row.length - 1) out += chars.middle;
  }
  return out + chars.right;
}

function draw(head, columns) {
  const rows = [];
  const widths = head.map((h) => stringWidth(h));
  const longest = Math.max(...columns.map((c) => c.length));
  for (let i = 0; i < head.length; i++) {
    const column = columns[i];
    for (let j = 0; j < longest; j++) {
      if (rows[j] === undefined) rows[j] = [];
      const value = (rows[j][i] = Object.prototype.hasOwnProperty.call(column, j) ? column[j] : '');
      widths[i] = Math.max(widths[i] || 0, stringWidth(value));
    }
  }
  const divider = widths.map((w) => chars.middleMiddle.repeat(w + 2));
  let result = `${chars.topLeft}${divider.join(chars.topMiddle)}${chars.topRight}\n${renderRow(head, widths)}\n`
    + `${chars.leftMiddle}${divider.join(chars.rowMiddle)}${chars.rightMiddle}\n`;
  for (const row of rows) result += `${renderRow(row, widths)}\n`;
  return result + `${chars.bottomLeft}${divider.join(chars.bottomMiddle)}${chars.bottomRight}`;
}

// The table's text, or undefined when Node logs the value as it is (not an object).
export function formatTable(data, properties, inspect, isMap, isSet) {
  if (data === null || typeof data !== 'object') return undefined;
  const show = (v) => {
    const depth = v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 2 ? -1 : 0;
    return inspect(v, { depth, maxArrayLength: 3, breakLength: Infinity });
  };
  const indexes = (length) => Array.from({ length }, (_, i) => show(i));

  if (isMap(data)) {
    const keys = [];
    const values = [];
    for (const [k, v] of data) { keys.push(show(k)); values.push(show(v)); }
    return draw(['(iteration index)', 'Key', 'Values'], [indexes(keys.length), keys, values]);
  }
  if (isSet(data)) {
    const values = [];
    for (const v of data) values.push(show(v));
    return draw(['(iteration index)', 'Values'], [indexes(values.length), values]);
  }

  const map = Object.create(null);
  let hasPrimitives = false;
  const primitives = [];
  const indexKeys = Object.keys(data);
  for (let i = 0; i < indexKeys.length; i++) {
    const item = data[indexKeys[i]];
    const primitive = item === null || (typeof item !== 'function' && typeof item !== 'object');
    if (properties === undefined && primitive) {
      hasPrimitives = true;
      primitives[i] = show(item);
    } else {
      for (const key of properties || Object.keys(item)) {
        map[key] ??= [];
        map[key][i] = (primitive && properties) || !Object.prototype.hasOwnProperty.call(item, key) ? '' : show(item[key]);
      }
    }
  }
  const keys = Object.keys(map);
  const values = Object.values(map);
  if (hasPrimitives) { keys.push('Values'); values.push(primitives); }
  keys.unshift('(index)');
  values.unshift(indexKeys);
  return draw(keys, values);
}
