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

export function validateRows<S extends z.ZodType>(table: CsvTable, schema: S): { records: (z.output<S> & { line: number })[]; problems: Problem[] } {
  const records: (z.output<S> & { line: number })[] = [];
  const problems: Problem[] = [];
  for (const row of table.rows) {
    const input: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(row.cells)) input[k] = v === "" ? undefined : v;
    const result = schema.safeParse(input);
    if (result.success) {
      records.push({ ...(result.data as object), line: row.line } as z.output<S> & { line: number });
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
