/**
 * Runs a row schema over every record of a table and turns zod issues into located problems:
 * file:line:column of the record and field, a stable code, and the offending value.
 */
import type { z } from "zod";
import type { CsvTable } from "./csv.js";
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

/**
 * Validates every row. Consumes the table's rows (each is released once validated): a 100,000-row
 * subscribers.csv would otherwise hold its cells and its records in memory at the same time.
 */
export function validateRows<S extends z.ZodType>(
  table: CsvTable,
  schema: S,
): { records: (z.output<S> & { line: number })[]; problems: Problem[] } {
  const records: (z.output<S> & { line: number })[] = [];
  const problems: Problem[] = [];
  const rows = table.rows;
  table.rows = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (row === undefined) continue;
    rows[i] = RELEASED;
    // empty cells are absent values for the schema; the cells object is reused as the input
    const input: Record<string, string | undefined> = row.cells;
    for (const k in input) if (input[k] === "") input[k] = undefined;
    const result = schema.safeParse(input);
    if (result.success) {
      // zod returns a fresh object: add the line to it instead of copying it
      const record = result.data as z.output<S> & { line: number };
      record.line = row.line;
      records.push(record);
      continue;
    }
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? "");
      const value = input[field];
      problems.push(
        problem({
          file: table.file,
          line: row.line,
          column: table.columnIndex[field] ?? null,
          field: field || null,
          code: issueCode(issue, value),
          message: issueMessage(field, issue, value),
          value,
        }),
      );
    }
  }
  return { records, problems };
}

const RELEASED = { line: 0, cells: {} };
