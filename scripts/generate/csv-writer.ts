/**
 * RFC 4180 output: comma-delimited, LF line endings, a field is quoted when it holds a comma, a quote
 * or a line break, and embedded quotes are doubled. Large files are flushed in chunks so a
 * 100,000-row file never sits in memory as one string.
 */
import fs from "node:fs";

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(fields: readonly string[]): string {
  return `${fields.map(csvField).join(",")}\n`;
}

const FLUSH_AT = 1 << 20;

/** Appends CSV rows to a file, writing every megabyte or so. */
export class CsvFileWriter {
  private readonly fd: number;
  private chunks: string[] = [];
  private pending = 0;
  rows = 0;

  constructor(file: string, header: readonly string[]) {
    this.fd = fs.openSync(file, "w");
    this.push(csvLine(header));
  }

  row(fields: readonly string[]): void {
    this.push(csvLine(fields));
    this.rows++;
  }

  close(): void {
    this.flush();
    fs.closeSync(this.fd);
  }

  private push(line: string): void {
    this.chunks.push(line);
    this.pending += line.length;
    if (this.pending >= FLUSH_AT) this.flush();
  }

  private flush(): void {
    if (this.chunks.length > 0) fs.writeSync(this.fd, this.chunks.join(""));
    this.chunks = [];
    this.pending = 0;
  }
}
