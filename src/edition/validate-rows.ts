/**
 * Runs a row schema over every record of a table and turns zod issues into located problems:
 * file:line:column of the record and field, a stable code, and the offending value.
 */
import type { z } from "zod";
import type { CsvHeader, CsvRow } from "./csv.js";
import { problem, type Problem } from "../lib/problem.js";

type Issue = z.core.$ZodIssue;

export function issueCode(issue: Issue, input: unknown): string {
  const params = (issue as { params?: { code?: unknown } }).params;
  if (params && typeof params.code === "string") return params.code;
  if (issue.code === "invalid_type" && input === undefined) return "required";
  switch (issue.code) {
    case "invalid_value":
      return "invalid-value";
    case "too_big":
      return "too-long";
    case "too_small":
      return "too-short";
    case "unrecognized_keys":
      return "unknown-key";
    case "invalid_format":
      return "invalid-format";
    default:
      return "invalid-value";
  }
}

function issueMessage(field: string, issue: Issue, input: unknown): string {
  if (issue.code === "invalid_type" && input === undefined) return `${field} is required but empty`;
  return `${field} ${issue.message}`;
}

/** Validates rows one at a time as the CSV reader hands them over (see csv.ts): records and problems. */
export class RowValidator<S extends z.ZodType> {
  readonly records: (z.output<S> & { line: number })[] = [];
  readonly problems: Problem[] = [];
  readonly #header: CsvHeader;
  readonly #schema: S;

  constructor(header: CsvHeader, schema: S) {
    this.#header = header;
    this.#schema = schema;
  }

  push(row: CsvRow): void {
    // empty cells are absent values for the schema; the cells object is reused as the input
    const input: Record<string, string | undefined> = row.cells;
    for (const k in input) if (input[k] === "") input[k] = undefined;
    const result = this.#schema.safeParse(input);
    if (result.success) {
      // zod returns a fresh object: add the line to it instead of copying it
      const record = result.data as z.output<S> & { line: number };
      record.line = row.line;
      this.records.push(record);
      return;
    }
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? "");
      const value = input[field];
      this.problems.push(
        problem({
          file: this.#header.file,
          line: row.line,
          column: this.#header.columnIndex[field] ?? null,
          field: field || null,
          code: issueCode(issue, value),
          message: issueMessage(field, issue, value),
          value,
        }),
      );
    }
  }
}
