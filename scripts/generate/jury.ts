/**
 * Jurors and their ballots. Juror styles differ on purpose (one harsh, one generous, one with a
 * narrow spread) so per-juror normalisation changes the ranking. Gaps are realistic (~5% empty
 * cells, ~2% empty rows) yet every nominee keeps at least `MIN_BALLOTS` ballots. Exactly one juror
 * works at a nominee's company; that juror's row for the nominee is left out (a conflict avoided).
 */
import type { Rng } from "./random.js";
import type { CategoryPlan } from "./categories.js";
import type { CompanyRegistry, PeopleRegistry, Person } from "./people.js";
import { IdRegistry, slugOf } from "./people.js";
import { CsvFileWriter } from "./csv-writer.js";

export interface Criterion {
  id: string;
  name: string;
  weight: number;
}

export interface Juror {
  id: string;
  person: Person;
  company: string;
  bias: number;
  spread: number;
  decimalShare: number;
}

/** What the jury module needs to know about a nominee. */
export interface Scored {
  id: string;
  company: string;
  merit: number;
  fame: number;
}

export const MIN_BALLOTS = 3;
const EMPTY_CELL = 0.05;
const EMPTY_ROW = 0.02;

const ALL_CRITERIA: readonly Criterion[] = [
  { id: "impact", name: "Wirkung", weight: 0.5 },
  { id: "innovation", name: "Innovation", weight: 0.3 },
  { id: "visibility", name: "Sichtbarkeit", weight: 0.2 },
  { id: "relevance", name: "Relevanz", weight: 0.1 },
  { id: "leadership", name: "Führung", weight: 0.1 },
  { id: "reach", name: "Reichweite", weight: 0.1 },
];
export const MAX_CRITERIA = ALL_CRITERIA.length;

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** The first `count` criteria, weights rescaled to sum to 1 (four decimals, the rest on the first). */
export function criteriaFor(count: number): Criterion[] {
  const chosen = ALL_CRITERIA.slice(0, count);
  const total = chosen.reduce((sum, c) => sum + c.weight, 0);
  const scaled = chosen.map((c) => ({ ...c, weight: round4(c.weight / total) }));
  const rest = scaled.slice(1).reduce((sum, c) => sum + c.weight, 0);
  const first = scaled[0];
  if (first) first.weight = round4(1 - rest);
  return scaled;
}

/** Latent quality a criterion measures: impact follows merit, visibility follows fame, the rest mix. */
function signal(criterionIndex: number, n: Scored, rng: Rng): number {
  switch (criterionIndex) {
    case 0:
      return n.merit;
    case 2:
      return 0.3 * n.merit + 0.9 * n.fame;
    default:
      return 0.7 * n.merit + 0.6 * rng.normal();
  }
}

/** Where the one conflict of interest sits: that juror works at that nominee's company. */
export interface Conflict {
  juror: number;
  nominee: number;
}

export function makeJurors(
  rng: Rng,
  count: number,
  plans: readonly CategoryPlan[],
  people: PeopleRegistry,
  companies: CompanyRegistry,
  nominees: readonly Scored[],
): { jurors: Juror[]; conflict: Conflict } {
  const ids = new IdRegistry();
  const conflict = { juror: rng.int(0, count - 1), nominee: rng.int(0, nominees.length - 1) };
  const jurors: Juror[] = [];
  for (let i = 0; i < count; i++) {
    const person = people.draw(rng, rng.chance(0.5) ? "w" : "m", 0.35);
    const company = i === conflict.juror ? (nominees[conflict.nominee]?.company ?? "") : companies.draw(rng, rng.pick(plans));
    const style =
      i === 0
        ? { bias: -2.2, spread: 0.9, decimalShare: 0.2 }
        : i === 1
          ? { bias: 1.8, spread: 0.8, decimalShare: 0.2 }
          : i === 2
            ? { bias: 0.3, spread: 0.3, decimalShare: 0.6 }
            : { bias: 0.6 * rng.normal(), spread: 0.7 + 0.5 * rng.next(), decimalShare: 0.25 };
    jurors.push({ id: ids.claim(slugOf(person.name)), person, company, ...style });
  }
  return { jurors, conflict };
}

function cellText(score: number): string {
  return Number.isNaN(score) ? "" : Number.isInteger(score) ? String(score) : score.toFixed(1);
}

function drawScore(rng: Rng, juror: Juror, latent: number): number {
  const raw = 5.5 + juror.bias + juror.spread * (1.5 * latent + 0.8 * rng.normal());
  const clamped = Math.min(10, Math.max(0, raw));
  return rng.chance(juror.decimalShare) ? Math.round(clamped * 10) / 10 : Math.round(clamped);
}

/** Writes jury.csv juror by juror (the way juries hand in their sheets); returns the row count. */
export function writeJury(
  file: string,
  rng: Rng,
  jurors: readonly Juror[],
  criteria: readonly Criterion[],
  nominees: readonly Scored[],
  conflict: Conflict,
): number {
  const J = jurors.length;
  const C = criteria.length;
  const scores = new Float32Array(nominees.length * J * C).fill(Number.NaN);
  const latent = new Array<number>(C);
  nominees.forEach((nominee, n) => {
    for (let c = 0; c < C; c++) latent[c] = signal(c, nominee, rng);
    const fill = (j: number, allowGaps: boolean) => {
      const juror = jurors[j] as Juror;
      for (let c = 0; c < C; c++) {
        scores[(n * J + j) * C + c] = allowGaps && rng.chance(EMPTY_CELL) ? Number.NaN : drawScore(rng, juror, latent[c] ?? 0);
      }
      // a row whose cells all came out empty would be an extra empty ballot the quorum count misses
      if (scores.subarray((n * J + j) * C, (n * J + j + 1) * C).every(Number.isNaN))
        scores[(n * J + j) * C] = drawScore(rng, juror, latent[0] ?? 0);
    };
    const present = jurors.map((_, j) => !(n === conflict.nominee && j === conflict.juror));
    const emptyRows: number[] = [];
    for (let j = 0; j < J; j++) {
      if (!present[j]) continue;
      if (rng.chance(EMPTY_ROW)) emptyRows.push(j);
      else fill(j, true);
    }
    const ballots = present.filter(Boolean).length - emptyRows.length;
    for (const j of emptyRows.slice(0, Math.max(0, MIN_BALLOTS - ballots))) fill(j, false);
  });
  const out = new CsvFileWriter(file, ["juror_id", "nominee_id", ...criteria.map((c) => c.id)]);
  jurors.forEach((juror, j) => {
    nominees.forEach((nominee, n) => {
      if (n === conflict.nominee && j === conflict.juror) return;
      const cells: string[] = [juror.id, nominee.id];
      for (let c = 0; c < C; c++) cells.push(cellText(scores[(n * J + j) * C + c] ?? Number.NaN));
      out.row(cells);
    });
  });
  out.close();
  return out.rows;
}
