/**
 * A problem found in an edition: a value, never an exception. Every stage that looks at user data
 * reports through this shape so `check`, `rank`, `build` and `send` print the same compiler-style lines.
 */
export type Severity = "error" | "warning";

export interface Problem {
  /** File relative to the edition folder, e.g. "nominees.csv" or "edition.json". */
  file: string;
  /** Physical 1-based line where the record starts; null when no line is known. */
  line: number | null;
  /** 1-based field number in a CSV record; null for whole-file or JSON problems. */
  column: number | null;
  /** Column name, or a JSON path like "ranking.criteria[1].weight". */
  field: string | null;
  /** Stable, kebab-case code (documented in docs/error-codes.md). */
  code: string;
  severity: Severity;
  message: string;
  /** The offending value as found, when there is one (cut to 200 characters). */
  value: string | null;
}

export interface ProblemInput {
  file: string;
  line?: number | null;
  column?: number | null;
  field?: string | null;
  code: string;
  severity?: Severity;
  message: string;
  value?: unknown;
}

/** Builds a Problem with nulls for what is unknown; severity defaults to error. */
export function problem(p: ProblemInput): Problem {
  return {
    file: p.file,
    line: p.line ?? null,
    column: p.column ?? null,
    field: p.field ?? null,
    code: p.code,
    severity: p.severity ?? "error",
    message: p.message,
    value: p.value === undefined || p.value === null ? null : String(p.value).slice(0, 200),
  };
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === "error");
}

/** Stable order for reports: by file, then line, then column. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || a.code.localeCompare(b.code),
  );
}
