/**
 * Every CSV koepfe writes goes through csv-stringify (the sibling of csv-parse, which reads them).
 * Exports for the editors' spreadsheets are written the way German Excel opens them with a double
 * click — UTF-8 with byte order mark (else umlauts break), ";" as delimiter, decimal comma, CRLF —
 * and with the one formula guard: a cell is foreign text and must never run as a formula.
 */
import { stringify } from "csv-stringify/sync";

export type Cell = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;
const GERMAN_NUMBER = /^-?\d+(,\d+)?$/;

/**
 * A cell starting with = + - @ tab or CR runs as a formula in Excel and LibreOffice (CSV formula
 * injection): a leading apostrophe makes it text. A plain number such as "-0,5" stays a number.
 */
export function guardFormula(cell: string): string {
  return FORMULA_START.test(cell) && !GERMAN_NUMBER.test(cell) ? `'${cell}` : cell;
}

const germanNumber = (n: number) => String(Object.is(n, -0) ? 0 : n).replace(".", ",");

/** An export for German Excel: header and rows, numbers with a decimal comma, every text guarded. */
export function spreadsheetCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return stringify([header, ...rows] as Cell[][], {
    bom: true,
    delimiter: ";",
    record_delimiter: "\r\n",
    // a cell with leading or trailing blanks is quoted so Excel keeps them; a lone CR or LF must be quoted too
    quoted_match: /^\s|\s$|[\r\n]/,
    cast: { string: (s) => guardFormula(s), number: germanNumber },
  });
}

/** Plain RFC 4180 CSV (comma, LF, no byte order mark): the edition's own input format (generator, tests). */
export function plainCsv(rows: readonly (readonly string[])[]): string {
  return stringify(rows as string[][], { record_delimiter: "\n" });
}
