/** Problems → compiler-style lines (editors' tools jump to file:line:col) or the JSON report. */
import { sortProblems, type Problem } from "../lib/problem.js";

/** file, file:line or file:line:column: where an editor's tools jump to. */
export function problemLocation(p: Pick<Problem, "file" | "line" | "column">): string {
  return p.line === null ? p.file : p.column === null ? `${p.file}:${p.line}` : `${p.file}:${p.line}:${p.column}`;
}

export function formatProblem(p: Problem): string {
  return `${problemLocation(p)}: ${p.severity}[${p.code}]: ${p.message}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function summaryLine(problems: readonly Problem[], filesRead: number): string {
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.length - errors;
  if (problems.length === 0) return `no problems in ${plural(filesRead, "file")}`;
  const files = new Set(problems.map((p) => p.file)).size;
  return `${plural(errors, "error")}, ${plural(warnings, "warning")} in ${plural(files, "file")}`;
}

export function formatText(problems: readonly Problem[], filesRead: number): string {
  const lines = sortProblems(problems).map(formatProblem);
  lines.push(summaryLine(problems, filesRead));
  return `${lines.join("\n")}\n`;
}

export function formatJson(problems: readonly Problem[]): string {
  const valid = !problems.some((p) => p.severity === "error");
  return `${JSON.stringify({ valid, problems: sortProblems(problems) }, null, 2)}\n`;
}
