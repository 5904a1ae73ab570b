/**
 * One CSV file → header + records, each record and field with its physical position.
 * The delimiter is detected from the header line (csv-parse's delimiter_auto fails on quoted fields),
 * line endings are unified first so multi-line quoted fields count lines the way an editor sees them.
 */
import { parse } from "csv-parse/sync";
import { decodeText, type Encoding } from "./decode.js";
import { problem, type Problem } from "../lib/problem.js";

export interface CsvRow {
  /** Physical 1-based line where the record starts. */
  line: number;
  /** Cell text by folded column name, trimmed; "" for an empty cell. */
  cells: Record<string, string>;
}

export interface CsvTable {
  file: string;
  encoding: Encoding | null;
  delimiter: string;
  /** Folded header names in file order. */
  header: string[];
  /** 1-based field number of each known column. */
  columnIndex: Record<string, number>;
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

/** A record ends on `endLine`; every line break inside its (quoted) fields moves its start up by one. */
function startLine(endLine: number, fields: readonly string[]): number {
  return endLine - innerBreaks(fields);
}

interface CsvParseError extends Error {
  code?: string;
  lines?: number;
}

function quoteMessage(err: CsvParseError): string {
  switch (err.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return 'a quoted field is never closed (a missing ") — the rest of the file could not be read';
    case "CSV_INVALID_CLOSING_QUOTE":
      return 'text after a closing quote: inside a quoted field a " must be doubled ("") — the rest of the file could not be read';
    case "INVALID_OPENING_QUOTE":
    case "CSV_INVALID_OPENING_QUOTE":
      return 'a " inside an unquoted field: quote the whole field and double the " — the rest of the file could not be read';
    default:
      return `the CSV could not be read: ${err.message}`;
  }
}

/** Parses CSV text; returns the table (possibly partial) and the problems found on the way. */
export function parseCsv(
  file: string,
  rawText: string,
  spec: CsvSpec,
  encoding: Encoding | null = null,
): { table: CsvTable | null; problems: Problem[] } {
  const problems: Problem[] = [];
  const text = rawText.replace(/\r\n?/g, "\n");
  if (text.trim().length === 0) {
    return {
      table: null,
      problems: [problem({ file, line: 1, code: "empty-file", message: "the file is empty: it needs at least a header line" })],
    };
  }
  const delimiter = detectDelimiter(text.replace(/^\n+/, ""));
  const parsed = readRecords(text, delimiter);
  const records = parsed.records;
  if (parsed.error) problems.push(problem({ file, line: parsed.error.line, code: "csv-quote", message: parsed.error.message }));
  const headerRec = records.shift();
  if (!headerRec)
    return {
      table: null,
      problems: problems.length ? problems : [problem({ file, line: 1, code: "empty-file", message: "the file has no header line" })],
    };

  const header = headerRec.fields.map(foldHeader);
  const columnIndex: Record<string, number> = {};
  const known = new Set([...spec.required, ...spec.optional, ...(spec.extra ?? [])]);
  header.forEach((name, i) => {
    const col = i + 1;
    if (name === "") {
      if (records.some((r) => (r.fields[i] ?? "").trim() !== ""))
        problems.push(
          problem({
            file,
            line: headerRec.line,
            column: col,
            code: "header-missing",
            message: `column ${col} has values but no name in the header line`,
          }),
        );
      return;
    }
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
  const missing = spec.required.filter((c) => columnIndex[c] === undefined);
  for (const name of missing) {
    problems.push(
      problem({
        file,
        line: headerRec.line,
        field: name,
        code: "missing-column",
        message: `required column "${name}" is missing from the header${header.length === 1 ? ` (only one column found: is the delimiter "${delimiter === "\t" ? "tab" : delimiter}" right?)` : ""}`,
      }),
    );
  }

  const width = header.length;
  const rows: CsvRow[] = [];
  for (const rec of records) {
    const extraFilled = rec.fields.slice(width).some((f) => f.trim() !== "");
    if (rec.fields.length < width || extraFilled) {
      problems.push(
        problem({
          file,
          line: rec.line,
          column: Math.min(rec.fields.length, width) + 1,
          code: "ragged-row",
          message: `the record has ${rec.fields.length} fields, the header has ${width} (a missing or extra "${delimiter === "\t" ? "tab" : delimiter}"?)`,
        }),
      );
      if (rec.fields.length < width) continue;
    }
    const cells: Record<string, string> = {};
    for (const [name, col] of Object.entries(columnIndex)) cells[name] = (rec.fields[col - 1] ?? "").trim();
    rows.push({ line: rec.line, cells });
  }
  return { table: { file, encoding, delimiter, header, columnIndex, rows }, problems };
}

interface RawRecord {
  line: number;
  endLine: number;
  fields: string[];
}

const baseOptions = (delimiter: string) => ({ delimiter, record_delimiter: "\n", relax_column_count: true });

/**
 * Fast path: empty lines are kept as records so every physical line is accounted for, and a record's
 * start line is the running count (csv-parse's per-record info costs ~2 µs a record).
 * On a quote error, the exact path re-reads the file to keep the records before the error.
 */
function readRecords(text: string, delimiter: string): { records: RawRecord[]; error: { line: number | null; message: string } | null } {
  try {
    const rows = parse(text, { ...baseOptions(delimiter), skip_empty_lines: false }) as string[][];
    const records: RawRecord[] = [];
    let line = 1;
    for (const fields of rows) {
      const endLine = line + innerBreaks(fields);
      if (!fields.every((f) => f.trim() === "")) records.push({ line, endLine, fields });
      line = endLine + 1;
    }
    return { records, error: null };
  } catch {
    return readRecordsExactly(text, delimiter);
  }
}

function innerBreaks(fields: readonly string[]): number {
  let inner = 0;
  for (const f of fields) for (let i = f.indexOf("\n"); i >= 0; i = f.indexOf("\n", i + 1)) inner++;
  return inner;
}

function readRecordsExactly(text: string, delimiter: string): { records: RawRecord[]; error: { line: number | null; message: string } } {
  const records: RawRecord[] = [];
  try {
    parse(text, {
      ...baseOptions(delimiter),
      skip_empty_lines: true,
      // collected here rather than from the return value: the error throws, and the records before it must still be checked
      on_record: (fields, context) => {
        if (!fields.every((f) => f.trim() === "")) records.push({ line: startLine(context.lines, fields), endLine: context.lines, fields });
        return null;
      },
    });
  } catch (e) {
    const err = e as CsvParseError;
    const last = records[records.length - 1];
    const line = err.code === "CSV_QUOTE_NOT_CLOSED" ? (last ? findNextRecordLine(text, last) : 1) : (err.lines ?? null);
    return { records, error: { line, message: quoteMessage(err) } };
  }
  return { records, error: { line: null, message: "the CSV could not be read" } };
}

function findNextRecordLine(text: string, last: { endLine: number }): number {
  const lines = text.split("\n");
  let line = last.endLine + 1;
  while (line <= lines.length && (lines[line - 1] ?? "").trim() === "") line++;
  return line;
}

/** Decodes bytes and parses them; undecodable files are one problem. */
export function readCsvBytes(file: string, bytes: Uint8Array, spec: CsvSpec): { table: CsvTable | null; problems: Problem[] } {
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { table: null, problems: [problem({ file, line: decoded.line, code: decoded.code, message: decoded.message })] };
  return parseCsv(file, decoded.text, spec, decoded.encoding);
}
