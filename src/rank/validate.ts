/**
 * The ranking's contribution to `koepfe check`: method settings the schema cannot judge alone,
 * conflicts of interest, the jury quorum and direct scores. A ranked edition that passes these can
 * be ranked without surprises.
 */
import type { Edition } from "../edition/model.js";
import { problem, type Problem } from "../lib/problem.js";
import { ballotsOf, jurorTotal } from "./ballots.js";
import { conflictTest } from "./conflicts.js";

function methodProblems(edition: Edition): Problem[] {
  const out: Problem[] = [];
  const { criteria, weights, tie_break } = edition.config.ranking;
  const at = (field: string) => ({ file: "edition.json", field: `ranking.${field}` });
  if (criteria.reduce((s, c) => s + c.weight, 0) <= 0) {
    out.push(
      problem({
        ...at("criteria"),
        code: "invalid-weights",
        message: "the criteria weights sum to 0: give at least one criterion a positive weight",
      }),
    );
  }
  const seen = new Set<string>();
  criteria.forEach((c, i) => {
    if (seen.has(c.id))
      out.push(problem({ ...at(`criteria[${i}].id`), code: "duplicate-id", message: `criterion id "${c.id}" is used twice`, value: c.id }));
    seen.add(c.id);
  });
  tie_break.forEach((t, i) => {
    if (tie_break.indexOf(t) < i)
      out.push(
        problem({
          ...at(`tie_break[${i}]`),
          code: "duplicate-tie-break",
          severity: "warning",
          message: `tie-break "${t}" is listed twice; the second has no effect`,
          value: t,
        }),
      );
  });
  const sum = weights.jury + weights.votes;
  if (sum > 0 && Math.abs(sum - 1) > 1e-9) {
    out.push(
      problem({
        ...at("weights"),
        code: "weights-not-normalised",
        severity: "warning",
        message: `weights.jury + weights.votes = ${sum}, so points run from 0 to ${Math.round(100 * sum * 10) / 10} instead of 0 to 100`,
      }),
    );
  }
  if (weights.votes > 0 && edition.votes === null) {
    out.push(
      problem({
        ...at("weights.votes"),
        code: "votes-missing",
        severity: "warning",
        message: `weights.votes is ${weights.votes} but there is no votes.csv: every nominee counts 0 votes`,
      }),
    );
  }
  return out;
}

function juryProblems(edition: Edition): Problem[] {
  const out: Problem[] = [];
  const method = edition.config.ranking;
  const jc = edition.columns["jury.csv"] ?? {};
  const nominees = new Map(edition.nominees.map((n) => [n.id, n]));
  const jurors = new Map((edition.config.jurors ?? []).map((j) => [j.id, j]));
  for (const row of edition.jury ?? []) {
    const scored = Object.values(row.scores).some((s) => s !== null);
    if (scored && jurorTotal(row.scores, method.criteria) === null) {
      out.push(
        problem({
          file: "jury.csv",
          line: row.line,
          column: jc["juror_id"] ?? null,
          field: "juror_id",
          code: "ballot-without-weight",
          severity: "warning",
          message: `juror "${row.juror_id}" scored "${row.nominee_id}" only in criteria of weight 0: the row is not counted`,
        }),
      );
    }
  }
  const isConflict = conflictTest(edition);
  const counted = new Map<string, number>();
  for (const b of ballotsOf(edition.jury ?? [], method.criteria)) {
    const nominee = nominees.get(b.nominee);
    if (!nominee) continue;
    if (!isConflict(b)) {
      counted.set(b.nominee, (counted.get(b.nominee) ?? 0) + 1);
      continue;
    }
    const juror = jurors.get(b.juror);
    const excluded = method.conflicts === "exclude";
    out.push(
      problem({
        file: "jury.csv",
        line: b.line,
        column: jc["juror_id"] ?? null,
        field: "juror_id",
        code: "conflict-of-interest",
        severity: excluded ? "warning" : "error",
        value: b.juror,
        message: `conflict of interest: juror "${juror?.name ?? b.juror}" (${juror?.company ?? ""}) scored "${nominee.name}" of the same company${excluded ? "; the ballot is not counted (ranking.conflicts is exclude)" : ' (ranking.conflicts is "error": remove the row or set conflicts to "exclude")'}`,
      }),
    );
  }
  const nc = edition.columns["nominees.csv"] ?? {};
  for (const n of edition.nominees) {
    const count = counted.get(n.id) ?? 0;
    if (count < method.quorum) {
      out.push(
        problem({
          file: "nominees.csv",
          line: n.line,
          column: nc["id"] ?? null,
          field: "id",
          code: "below-quorum",
          value: n.id,
          message: `"${n.name}" (${n.id}) has ${count} jury ballot${count === 1 ? "" : "s"}${method.conflicts === "exclude" ? " after conflicts of interest" : ""}; ranking.quorum requires ${method.quorum}`,
        }),
      );
    }
  }
  if (edition.nominees.some((n) => n.score !== undefined)) {
    out.push(
      problem({
        file: "nominees.csv",
        line: 1,
        column: nc["score"] ?? null,
        field: "score",
        code: "score-ignored",
        severity: "warning",
        message: "nominees.csv has a score column but jury.csv exists: the jury decides and the scores are ignored",
      }),
    );
  }
  return out;
}

function directScoreProblems(edition: Edition): Problem[] {
  const { scale, weights } = edition.config.ranking;
  const nc = edition.columns["nominees.csv"] ?? {};
  const out: Problem[] = [];
  for (const n of edition.nominees) {
    const at = { file: "nominees.csv", line: n.line, column: nc["score"] ?? null, field: "score" };
    // a list ranked by votes alone needs no jury score
    if (n.score === undefined && weights.jury > 0) {
      out.push(
        problem({
          ...at,
          code: "missing-score",
          message: `"${n.name}" (${n.id}) has no score: without jury.csv the score column is the jury score`,
        }),
      );
    } else if (n.score !== undefined && (n.score < scale.min || n.score > scale.max)) {
      out.push(
        problem({
          ...at,
          code: "score-out-of-scale",
          value: n.score,
          message: `score ${n.score} is outside the scale ${scale.min}–${scale.max} (ranking.scale)`,
        }),
      );
    }
  }
  return out;
}

/** Ranking problems for `koepfe check`. In unranked mode the jury data is not used, so only the settings are checked. */
export function rankingProblems(edition: Edition): Problem[] {
  const out = methodProblems(edition);
  if (edition.config.ranking.mode === "unranked") return out;
  return [...out, ...(edition.jury ? juryProblems(edition) : directScoreProblems(edition))];
}
