/** `koepfe rank --explain ID` for the terminal: the explanation, number by number. */
import type { Edition } from "../edition/model.js";
import type { NomineeExplanation, Neighbour, BallotLine } from "./explain.js";
import { trims } from "./aggregate.js";
import { movementSymbol } from "./format-ranking.js";
import { fixed, textTable } from "../lib/text-table.js";
import { printable } from "../lib/text-safety.js";
import type { Decider } from "./order.js";
import type { Range } from "./final-score.js";

const STATUS: Record<BallotLine["status"], string> = {
  counted: "counted",
  trimmed_low: "dropped: trimmed (lowest)",
  trimmed_high: "dropped: trimmed (highest)",
  conflict: "dropped: conflict of interest",
  no_score: "no ballot: no weighted score",
};

/** A term of a formula: negative numbers in parentheses, so "8 − (−1.5)" reads right. */
const term = (x: number, digits: number) => (x < 0 ? `(${fixed(x, digits)})` : fixed(x, digits));

function scaled(label: string, value: number | null, range: Range | null, result: number, digits: number): string {
  if (value === null) return `scale01(${label}) = 0 (no ${label})`;
  if (range === null || range.max === range.min) return `scale01(${label}) = 0 (all nominees have the same ${label})`;
  return `scale01(${label}) = (${term(value, digits)} − ${term(range.min, digits)}) / (${term(range.max, digits)} − ${term(range.min, digits)}) = ${fixed(result, 4)}`;
}

function countBackText(a: readonly number[], b: readonly number[]): string {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (Math.abs((a[i] as number) - (b[i] as number)) >= 1e-9)
      return `ballot ${i + 1} from the top: ${fixed(a[i], 4)} vs ${fixed(b[i], 4)}`;
  }
  return `${a.length} vs ${b.length} ballots, equal as far as both go`;
}

function relation(x: NomineeExplanation, n: Neighbour, side: "above" | "below"): string {
  const who = `${side === "above" ? "Above" : "Below"}: ${printable(n.name)} (${n.id}), rank ${n.rank ?? "–"}, ${fixed(n.points, 1)} points: `;
  const decided: Decider | null = n.decidedBy;
  if (decided === null) return `${who}their F ${fixed(n.final, 6)} vs ${fixed(x.final, 6)}, no tie`;
  if (decided === "sort_name") return `${who}equal F and equal on every tie-break: the two share the rank, listed by sort name`;
  const [first, second] = side === "above" ? [n, x] : [x, n];
  const detail =
    decided === "votes"
      ? `${first.votes} vs ${second.votes} votes`
      : decided === "jury"
        ? `J ${fixed(first.jury, 4)} vs ${fixed(second.jury, 4)}`
        : countBackText(first.countBack, second.countBack);
  return `${who}equal F; decided by ${decided} (${detail})`;
}

export function formatExplanation(edition: Edition, x: NomineeExplanation): string {
  const m = x.method;
  const e = x.entry;
  const category = edition.config.categories.find((c) => c.id === e.nominee.category)?.name ?? e.nominee.category;
  const out = [
    `${printable(e.nominee.name)} (${e.id}), ${printable(e.nominee.company)}`,
    `Rank ${e.rank} (place ${e.position} of ${edition.nominees.length}), ${fixed(e.points, 1)} points, ${printable(category)} rank ${e.category_rank}, movement ${movementSymbol(e.movement)}`,
    "",
  ];
  if (edition.jury) {
    const criteria = m.criteria;
    const rows = x.ballots.map((b) => [
      `${printable(b.jurorName ?? b.juror)} (${b.juror})`,
      String(b.line),
      ...criteria.map((c) => fixed(b.scores[c.id] ?? null, 1)),
      fixed(b.total, 3),
      fixed(b.normalised, 3),
      ...(m.aggregate === "borda" ? [fixed(b.borda, 3)] : []),
      STATUS[b.status],
    ]);
    const header = [
      "Juror",
      "Line",
      ...criteria.map((c) => `${printable(c.name)} ×${c.weight}`),
      "Total t",
      m.normalize === "zscore" ? "t' (z)" : "t'",
      ...(m.aggregate === "borda" ? ["Borda"] : []),
      "Status",
    ];
    out.push(
      `Ballots (jury.csv): t = weighted mean of the scored criteria${m.normalize === "zscore" ? "; t' = (t − juror mean) / juror sd" : ""}`,
    );
    out.push(
      textTable(
        header,
        rows,
        header.map((_, i) => i > 0 && i < header.length - 1),
      ),
    );
    const n = e.ballots;
    const how =
      m.aggregate === "trimmed_mean"
        ? trims(n, m.trim)
          ? `trimmed mean of ${n} ballots: the ${m.trim} lowest and ${m.trim} highest dropped`
          : `plain mean of ${n} ballots (trimming needs ${2 * m.trim + 3})`
        : m.aggregate === "borda"
          ? `mean Borda points of ${n} ballots`
          : `${m.aggregate} of ${n} ballots`;
    out.push(`J = ${fixed(x.jury, 4)} (${how}; quorum ${m.quorum})`);
  } else out.push(`No jury.csv: J is the nominee's score column: ${fixed(x.jury, 4)}`);
  out.push(
    `V = ${x.votes} votes`,
    scaled("J", x.jury, x.juryRange, x.juryScaled, 4),
    scaled("V", x.votes, x.votesRange, x.votesScaled, 0),
    `F = ${m.weights.jury}·${fixed(x.juryScaled, 4)} + ${m.weights.votes}·${fixed(x.votesScaled, 4)} = ${fixed(x.final, 6)} → ${fixed(e.points, 1)} points`,
    "",
    `Tie-breaks in order: ${m.tie_break.length > 0 ? m.tie_break.join(", ") : "none"}, then shared rank`,
  );
  if (x.above) out.push(relation(x, x.above, "above"));
  if (x.below) out.push(relation(x, x.below, "below"));
  return `${out.join("\n")}\n`;
}
