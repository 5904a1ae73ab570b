/**
 * Method step 1: a jury row becomes a ballot carrying the juror total
 * t = Σ w_c·s_c / Σ w_c over the criteria the juror scored. A row without scores is no ballot.
 */
import type { Criterion } from "../edition/config-schema.js";
import type { JuryRow } from "../edition/model.js";

export interface Ballot {
  juror: string;
  nominee: string;
  /** Line of the row in jury.csv. */
  line: number;
  /** Raw score per criterion id as written (null for an empty cell). */
  scores: Record<string, number | null>;
  /** The juror total t on the jury scale. */
  total: number;
}

/**
 * The weighted mean of the scored criteria; null when the row has no score, or scores only criteria
 * of weight 0 (there is nothing to weigh, so the row cannot count).
 */
export function jurorTotal(scores: Record<string, number | null>, criteria: readonly Criterion[]): number | null {
  let weighted = 0;
  let weights = 0;
  for (const c of criteria) {
    const s = scores[c.id];
    if (s === null || s === undefined) continue;
    weighted += c.weight * s;
    weights += c.weight;
  }
  return weights > 0 ? weighted / weights : null;
}

/** Each distinct id of a field with its position in sorted order. */
function sortedIds(rows: readonly JuryRow[], field: "juror_id" | "nominee_id"): { list: string[]; position: Map<string, number> } {
  const ids = new Set<string>();
  for (const row of rows) ids.add(row[field]);
  const list = [...ids].sort();
  return { list, position: new Map(list.map((id, i) => [id, i])) };
}

/**
 * The ballots of an edition in a canonical order (nominee id, then juror id), so sums are taken in the
 * same order whatever the row order of jury.csv: the result must not depend on how the sheet was sorted.
 */
export function ballotsOf(rows: readonly JuryRow[], criteria: readonly Criterion[]): Ballot[] {
  const kept: JuryRow[] = [];
  const totals: number[] = [];
  for (const row of rows) {
    const total = jurorTotal(row.scores, criteria);
    if (total === null) continue;
    kept.push(row);
    totals.push(total);
  }
  const nominees = sortedIds(kept, "nominee_id");
  const jurors = sortedIds(kept, "juror_id");
  const nomineeOf = Int32Array.from(kept, (r) => nominees.position.get(r.nominee_id) as number);
  const jurorOf = Int32Array.from(kept, (r) => jurors.position.get(r.juror_id) as number);
  const key = nomineeOf.map((n, i) => n * jurors.list.length + (jurorOf[i] as number));
  // numbers, not strings, are compared; a duplicate juror/nominee pair (check reports it) keeps its row order
  const order = Int32Array.from(kept.keys()).sort((a, b) => (key[a] as number) - (key[b] as number) || a - b);
  // built in sorted order and with one string per id: the later passes then walk memory in order
  return Array.from(order, (i) => {
    const row = kept[i] as JuryRow;
    return {
      juror: jurors.list[jurorOf[i] as number] as string,
      nominee: nominees.list[nomineeOf[i] as number] as string,
      line: row.line,
      scores: row.scores,
      total: totals[i] as number,
    };
  });
}
