/**
 * Driving csv-parse over a file a chunk at a time. A chunk ends at a line break outside quotes
 * (an even number of `"` since the chunk's start: RFC 4180 doubles quotes inside quoted fields), so
 * every chunk starts at a record. Within a chunk the fast path keeps empty lines as records so
 * every physical line is counted, and a record's start line is the running count (csv-parse's
 * per-record info costs ~2 µs a record). On a quote error the exact path reads that chunk again to
 * hand over the records before the error; the rest of the file cannot be read.
 */
import { parse } from "csv-parse/sync";

export interface RawRecord {
  /** Physical 1-based line where the record starts. */
  line: number;
  endLine: number;
  fields: string[];
}

export interface QuoteError {
  line: number | null;
  message: string;
}

/** About 1 MB of text per chunk: large enough to amortise the parser's set-up, small enough to die young. */
const CHUNK = 1 << 20;

interface CsvParseError extends Error {
  code?: string;
  lines?: number;
}

function countQuotes(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('"', from); i >= 0 && i < to; i = text.indexOf('"', i + 1)) n++;
  return n;
}

/** The end of the chunk that starts at `start`: just after a line break outside quotes, or the text's end. */
function chunkEnd(text: string, start: number): number {
  let pos = start + CHUNK;
  if (pos >= text.length) return text.length;
  let quotes = countQuotes(text, start, pos);
  for (;;) {
    const nl = text.indexOf("\n", pos);
    if (nl < 0) return text.length;
    quotes += countQuotes(text, pos, nl);
    if (quotes % 2 === 0) return nl + 1;
    pos = nl + 1;
  }
}

function innerBreaks(fields: readonly string[]): number {
  let inner = 0;
  for (const f of fields) for (let i = f.indexOf("\n"); i >= 0; i = f.indexOf("\n", i + 1)) inner++;
  return inner;
}

const isBlank = (fields: readonly string[]) => fields.every((f) => f.trim() === "");

const options = (delimiter: string) => ({ delimiter, record_delimiter: "\n", relax_column_count: true });

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

/** The first non-empty line after `endLine` (1-based, relative to `text`). */
function nextRecordLine(text: string, endLine: number): number {
  const lines = text.split("\n");
  let line = endLine + 1;
  while (line <= lines.length && (lines[line - 1] ?? "").trim() === "") line++;
  return line;
}

/** Reads a chunk record by record to find where its quote error is; hands over the records before it. */
function readExactly(chunk: string, delimiter: string, firstLine: number, onRecord: (r: RawRecord) => void): QuoteError {
  let lastEnd = 0;
  try {
    parse(chunk, {
      ...options(delimiter),
      skip_empty_lines: true,
      on_record: (fields: string[], context) => {
        lastEnd = context.lines;
        if (!isBlank(fields))
          onRecord({ line: firstLine - 1 + context.lines - innerBreaks(fields), endLine: firstLine - 1 + context.lines, fields });
        return null;
      },
    });
  } catch (e) {
    const err = e as CsvParseError;
    const local = err.code === "CSV_QUOTE_NOT_CLOSED" ? nextRecordLine(chunk, lastEnd) : (err.lines ?? null);
    return { line: local === null ? null : firstLine - 1 + local, message: quoteMessage(err) };
  }
  return { line: null, message: "the CSV could not be read" };
}

/** Calls `onRecord` for every non-blank record of `text` (line breaks already "\n"); returns the quote error, if any. */
export function readRecords(text: string, delimiter: string, onRecord: (r: RawRecord) => void): QuoteError | null {
  let line = 1;
  for (let start = 0; start < text.length; ) {
    const end = chunkEnd(text, start);
    const chunk = text.slice(start, end);
    let rows: string[][];
    try {
      rows = parse(chunk, { ...options(delimiter), skip_empty_lines: false }) as string[][];
    } catch {
      return readExactly(text.slice(start), delimiter, line, onRecord);
    }
    for (const fields of rows) {
      const endLine = line + innerBreaks(fields);
      if (!isBlank(fields)) onRecord({ line, endLine, fields });
      line = endLine + 1;
    }
    start = end;
  }
  return null;
}
