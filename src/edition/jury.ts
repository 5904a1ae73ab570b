/** jury.csv rows: one per juror and nominee, one score column per criterion of the ranking config. */
import type { CsvHeader, CsvRow } from "./csv.js";
import { parseDecimal } from "./fields.js";
import type { RankingConfig } from "./config-schema.js";
import type { JuryRow } from "./row-schemas.js";
import { problem, type Problem } from "../lib/problem.js";

/** Reads jury rows one at a time (like RowValidator): criteria columns come from edition.json. */
export class JuryReader {
  readonly records: JuryRow[] = [];
  readonly problems: Problem[] = [];
  readonly #header: CsvHeader;
  readonly #ranking: RankingConfig;

  constructor(header: CsvHeader, ranking: RankingConfig) {
    this.#header = header;
    this.#ranking = ranking;
    for (const c of ranking.criteria) {
      if (header.columnIndex[c.id] === undefined) {
        this.problems.push(
          problem({
            file: header.file,
            line: 1,
            field: c.id,
            code: "missing-column",
            message: `column "${c.id}" for criterion "${c.name}" is missing (edition.json ranking.criteria lists it)`,
          }),
        );
      }
    }
  }

  push(row: CsvRow): void {
    const { file, columnIndex } = this.#header;
    const { min, max } = this.#ranking.scale;
    const juror = row.cells["juror_id"] ?? "";
    const nominee = row.cells["nominee_id"] ?? "";
    let bad = false;
    for (const [field, value] of [
      ["juror_id", juror],
      ["nominee_id", nominee],
    ] as const) {
      if (value === "") {
        this.problems.push(
          problem({
            file,
            line: row.line,
            column: columnIndex[field] ?? null,
            field,
            code: "required",
            message: `${field} is required but empty`,
          }),
        );
        bad = true;
      }
    }
    const scores: Record<string, number | null> = {};
    for (const c of this.#ranking.criteria) {
      const cell = row.cells[c.id] ?? "";
      if (cell === "") {
        scores[c.id] = null;
        continue;
      }
      const n = parseDecimal(cell);
      const where = { file, line: row.line, column: columnIndex[c.id] ?? null, field: c.id, value: cell };
      if (Number.isNaN(n)) {
        this.problems.push(
          problem({
            ...where,
            code: "invalid-number",
            message: `${c.id} is not a number (use digits with an optional decimal comma, e.g. 7,5)`,
          }),
        );
        bad = true;
      } else if (n < min || n > max) {
        this.problems.push(
          problem({ ...where, code: "score-out-of-scale", message: `${c.id} score ${cell} is outside the scale ${min}–${max}` }),
        );
        bad = true;
      } else {
        scores[c.id] = n;
      }
    }
    if (!bad) this.records.push({ line: row.line, juror_id: juror, nominee_id: nominee, scores });
  }
}
