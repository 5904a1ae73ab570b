/**
 * One CSV file → header + records, each record and field with its physical position.
 * The delimiter is detected from the header line (csv-parse's delimiter_auto fails on quoted fields),
 * line endings are unified first so multi-line quoted fields count lines the way an editor sees them.
 *
 * Rows are handed to the caller as they are read, a chunk of the file at a time: a 100,000-row
 * subscribers.csv is validated while it is parsed, so its raw rows die young instead of filling the
 * old generation of the heap (which V8 then lets grow to several times the live data).
 */
import { decodeText, type Encoding } from "./decode.js";
import { problem, type Problem } from "../lib/problem.js";
import { readRecords, type RawRecord } from "./csv-records.js";

export interface CsvRow {
  /** Physical 1-based line where the record starts. */
  line: number;
  /** Cell text by folded column name, trimmed; "" for an empty cell. */
  cells: Record<string, string>;
}

export interface CsvHeader {
  file: string;
  encoding: Encoding | null;
  delimiter: string;
  /** Folded header names in file order. */
  header: string[];
  /** 1-based field number of each known column. */
  columnIndex: Record<string, number>;
}

export interface CsvTable extends CsvHeader {
  rows: CsvRow[];
}

export interface CsvSpec {
  required: readonly string[];
  optional: readonly string[];
  /** Extra columns accepted without a warning (e.g. the criteria of jury.csv). */
  extra?: readonly string[];
  /** Accept any other column silently (jury.csv while edition.json, which names its criteria, is broken). */
  anyColumn?: boolean;
}

const DELIMITERS = [",", ";", "\t"] as const;

/** Counts each candidate delimiter outside quotes in the first line, and picks the most frequent. */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === "\n") break;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best: string = ",";
  let bestCount = 0;
  for (const [d, n] of counts) if (n > bestCount) [best, bestCount] = [d, n];
  return best;
}

export function foldHeader(name: string): string {
  return name.trim().toLowerCase();
}

const delimiterName = (d: string) => (d === "\t" ? "tab" : d);

/** Header names → column index, with the header's own problems (no name, twice, unknown, missing). */
function readHeader(file: string, headerRec: RawRecord, spec: CsvSpec, delimiter: string, problems: Problem[]): Record<string, number> {
  const header = headerRec.fields.map(foldHeader);
  const columnIndex: Record<string, number> = {};
  const known = new Set([...spec.required, ...spec.optional, ...(spec.extra ?? [])]);
  header.forEach((name, i) => {
    const col = i + 1;
    if (name === "") return;
    if (columnIndex[name] !== undefined) {
      problems.push(
        problem({
          file,
          line: headerRec.line,
          column: col,
          field: name,
          code: "header-duplicate",
          message: `column "${name}" appears twice in the header (columns ${columnIndex[name]} and ${col})`,
          value: name,
        }),
      );
      return;
    }
    columnIndex[name] = col;
    if (!known.has(name) && !spec.anyColumn) {
      problems.push(
        problem({
          file,
          line: headerRec.line,
          column: col,
          field: name,
          code: "unknown-column",
          severity: "warning",
          message: `unknown column "${name}" is ignored (expected: ${[...known].join(", ")})`,
          value: name,
        }),
      );
    }
  });
  for (const name of spec.required.filter((c) => columnIndex[c] === undefined)) {
    const hint = header.length === 1 ? ` (only one column found: is the delimiter "${delimiterName(delimiter)}" right?)` : "";
    problems.push(
      problem({
        file,
        line: headerRec.line,
        field: name,
        code: "missing-column",
        message: `required column "${name}" is missing from the header${hint}`,
      }),
    );
  }
  return columnIndex;
}

/** Called once with the header; returns what receives each data row. */
export type RowSink = (header: CsvHeader) => (row: CsvRow) => void;

/**
 * Parses CSV text and hands every data row to the sink as soon as it is read; returns the header
 * (null when there is none), the number of data rows and the problems of the file's form.
 */
export function parseCsvRows(
  file: string,
  rawText: string,
  spec: CsvSpec,
  encoding: Encoding | null,
  sink: RowSink,
): { header: CsvHeader | null; rows: number; problems: Problem[] } {
  const problems: Problem[] = [];
  // only files with a CR are copied (Excel's CRLF): an LF file is parsed as it is
  const text = rawText.includes("\r") ? rawText.replace(/\r\n?/g, "\n") : rawText;
  if (text.trim().length === 0) {
    return {
      header: null,
      rows: 0,
      problems: [problem({ file, line: 1, code: "empty-file", message: "the file is empty: it needs at least a header line" })],
    };
  }
  let rows = 0;
  let onRow: (row: CsvRow) => void = () => undefined;
  const delimiter = detectDelimiter(text.replace(/^\n+/, ""));
  let header: CsvHeader | null = null;
  let width = 0;
  // columns without a name: reported once, and only if some row has a value in them
  const unnamed = new Map<number, boolean>();
  const error = readRecords(text, delimiter, (rec) => {
    if (header === null) {
      const columnIndex = readHeader(file, rec, spec, delimiter, problems);
      const names = rec.fields.map(foldHeader);
      header = { file, encoding, delimiter, header: names, columnIndex };
      onRow = sink(header);
      width = names.length;
      names.forEach((n, i) => {
        if (n === "") unnamed.set(i, false);
      });
      return;
    }
    for (const i of unnamed.keys()) if ((rec.fields[i] ?? "").trim() !== "") unnamed.set(i, true);
    const extraFilled = rec.fields.slice(width).some((f) => f.trim() !== "");
    if (rec.fields.length < width || extraFilled) {
      problems.push(
        problem({
          file,
          line: rec.line,
          column: Math.min(rec.fields.length, width) + 1,
          code: "ragged-row",
          message: `the record has ${rec.fields.length} fields, the header has ${width} (a missing or extra "${delimiterName(delimiter)}"?)`,
        }),
      );
      if (rec.fields.length < width) return;
    }
    const cells: Record<string, string> = {};
    for (const [name, col] of Object.entries(header.columnIndex)) cells[name] = (rec.fields[col - 1] ?? "").trim();
    rows++;
    onRow({ line: rec.line, cells });
  });
  if (error) problems.push(problem({ file, line: error.line, code: "csv-quote", message: error.message }));
  if (header === null) {
    return {
      header: null,
      rows,
      problems: problems.length ? problems : [problem({ file, line: 1, code: "empty-file", message: "the file has no header line" })],
    };
  }
  const headerLine = 1 + (/^\n*/.exec(text)?.[0].length ?? 0);
  for (const [i, filled] of unnamed) {
    if (filled) {
      problems.push(
        problem({
          file,
          line: headerLine,
          column: i + 1,
          code: "header-missing",
          message: `column ${i + 1} has values but no name in the header line`,
        }),
      );
    }
  }
  return { header, rows, problems };
}

/** Parses CSV text into a whole table (tests, small files); the loader uses parseCsvRows. */
export function parseCsv(
  file: string,
  rawText: string,
  spec: CsvSpec,
  encoding: Encoding | null = null,
): { table: CsvTable | null; problems: Problem[] } {
  const rows: CsvRow[] = [];
  const { header, problems } = parseCsvRows(file, rawText, spec, encoding, () => (row) => rows.push(row));
  return { table: header === null ? null : { ...(header as CsvHeader), rows }, problems };
}

/** Decodes bytes and parses them; undecodable files are one problem. */
export function readCsvBytes(file: string, bytes: Uint8Array, spec: CsvSpec): { table: CsvTable | null; problems: Problem[] } {
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { table: null, problems: [problem({ file, line: decoded.line, code: decoded.code, message: decoded.message })] };
  return parseCsv(file, decoded.text, spec, decoded.encoding);
}

/**
 * The same as readCsvBytes, row by row. `take` hands over the bytes and forgets them, so that only
 * the decoded text is alive while the file is parsed (the bytes of a large file are garbage then).
 */
export function readCsvRows(
  file: string,
  take: () => Uint8Array,
  spec: CsvSpec,
  sink: RowSink,
): { header: CsvHeader | null; rows: number; problems: Problem[] } {
  const decoded = decodeText(take());
  if (!decoded.ok)
    return { header: null, rows: 0, problems: [problem({ file, line: decoded.line, code: decoded.code, message: decoded.message })] };
  return parseCsvRows(file, decoded.text, spec, decoded.encoding, sink);
}

/**
 * readCsvRows over the bytes of a read file, taken out of `read`: once decoded, nothing holds them
 * any more (a 100,000-row file is not kept twice while its rows are validated).
 */
export function readCsvFile(
  file: string,
  read: { bytes: Uint8Array },
  spec: CsvSpec,
  sink: RowSink,
): { header: CsvHeader | null; rows: number; problems: Problem[] } {
  let bytes: Uint8Array | null = read.bytes;
  read.bytes = new Uint8Array();
  const take = () => {
    const b = bytes ?? new Uint8Array();
    bytes = null;
    return b;
  };
  return readCsvRows(file, take, spec, sink);
}
