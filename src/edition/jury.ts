/** jury.csv rows: one per juror and nominee, one score column per criterion of the ranking config. */
import type { CsvTable } from "./csv.js";
import { parseDecimal } from "./fields.js";
import type { RankingConfig } from "./config-schema.js";
import type { JuryRow } from "./row-schemas.js";
import { problem, type Problem } from "../lib/problem.js";

export function juryRows(table: CsvTable, ranking: RankingConfig): { rows: JuryRow[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const rows: JuryRow[] = [];
  const { min, max } = ranking.scale;
  for (const c of ranking.criteria) {
    if (table.columnIndex[c.id] === undefined) {
      problems.push(
        problem({
          file: table.file,
          line: 1,
          field: c.id,
          code: "missing-column",
          message: `column "${c.id}" for criterion "${c.name}" is missing (edition.json ranking.criteria lists it)`,
        }),
      );
    }
  }
  const tableRows = table.rows;
  // consumed like validateRows does: 150,000 jury rows should not be held twice
  table.rows = [];
  for (const row of tableRows) {
    const juror = row.cells["juror_id"] ?? "";
    const nominee = row.cells["nominee_id"] ?? "";
    let bad = false;
    for (const [field, value] of [
      ["juror_id", juror],
      ["nominee_id", nominee],
    ] as const) {
      if (value === "") {
        problems.push(
          problem({
            file: table.file,
            line: row.line,
            column: table.columnIndex[field] ?? null,
            field,
            code: "required",
            message: `${field} is required but empty`,
          }),
        );
        bad = true;
      }
    }
    const scores: Record<string, number | null> = {};
    for (const c of ranking.criteria) {
      const cell = row.cells[c.id] ?? "";
      if (cell === "") {
        scores[c.id] = null;
        continue;
      }
      const n = parseDecimal(cell);
      const where = { file: table.file, line: row.line, column: table.columnIndex[c.id] ?? null, field: c.id, value: cell };
      if (Number.isNaN(n)) {
        problems.push(
          problem({
            ...where,
            code: "invalid-number",
            message: `${c.id} is not a number (use digits with an optional decimal comma, e.g. 7,5)`,
          }),
        );
        bad = true;
      } else if (n < min || n > max) {
        problems.push(
          problem({ ...where, code: "score-out-of-scale", message: `${c.id} score ${cell} is outside the scale ${min}–${max}` }),
        );
        bad = true;
      } else {
        scores[c.id] = n;
      }
    }
    if (!bad) rows.push({ line: row.line, juror_id: juror, nominee_id: nominee, scores });
  }
  return { rows, problems };
}
