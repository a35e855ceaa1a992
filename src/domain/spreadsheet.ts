// Free text in a CSV cell, safe to open in a spreadsheet: a cell that starts like a formula (=, +,
// -, @, tab, CR) is written after an apostrophe, so that Excel shows it instead of running it (CSV
// injection, OWASP); reading the file back takes the apostrophe off.
const FORMULA_START = /^[=+\-@\t\r]/;

export function asCellText(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function fromCellText(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}
