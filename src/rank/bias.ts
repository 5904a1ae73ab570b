/**
 * `--jurors`: how each juror scores against the panel, on the raw juror totals t (what normalisation
 * corrects). `offset` compares a juror with the other jurors on the same nominees, so a juror who
 * happened to get the stronger nominees does not look generous.
 */
import type { Edition } from "../edition/model.js";
import { countedBallots } from "./rank.js";

export interface JurorBias {
  juror: string;
  name: string | null;
  company: string | null;
  /** Counted ballots (conflicts excluded). */
  ballots: number;
  conflicts: number;
  /** Mean and population standard deviation of the juror's totals; null without ballots. */
  mean: number | null;
  sd: number | null;
  /** Mean of (t − the other jurors' mean t for the same nominee); null when no nominee has other ballots. */
  offset: number | null;
  /** sd divided by the panel's sd: below 1 the juror uses less of the scale than the panel. */
  spread: number | null;
}

export interface BiasTable {
  panel: { ballots: number; mean: number | null; sd: number | null };
  jurors: JurorBias[];
}

function meanSd(xs: readonly number[]): { mean: number | null; sd: number | null } {
  if (xs.length === 0) return { mean: null, sd: null };
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  return { mean, sd: Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length) };
}

export function jurorBias(edition: Edition): BiasTable {
  const { counted, conflicts } = countedBallots(edition);
  const perNominee = new Map<string, { sum: number; n: number }>();
  for (const b of counted) {
    const s = perNominee.get(b.nominee) ?? { sum: 0, n: 0 };
    s.sum += b.total;
    s.n++;
    perNominee.set(b.nominee, s);
  }
  const ids = new Set([...(edition.config.jurors ?? []).map((j) => j.id), ...counted.map((b) => b.juror)]);
  const config = new Map((edition.config.jurors ?? []).map((j) => [j.id, j]));
  const panel = meanSd(counted.map((b) => b.total));
  const jurors = [...ids].sort().map((juror): JurorBias => {
    const own = counted.filter((b) => b.juror === juror);
    const { mean, sd } = meanSd(own.map((b) => b.total));
    const diffs = own.flatMap((b) => {
      const s = perNominee.get(b.nominee);
      return s && s.n > 1 ? [b.total - (s.sum - b.total) / (s.n - 1)] : [];
    });
    return {
      juror,
      name: config.get(juror)?.name ?? null,
      company: config.get(juror)?.company ?? null,
      ballots: own.length,
      conflicts: conflicts.filter((b) => b.juror === juror).length,
      mean,
      sd,
      offset: meanSd(diffs).mean,
      spread: sd !== null && panel.sd ? sd / panel.sd : null,
    };
  });
  return { panel: { ballots: counted.length, ...panel }, jurors };
}
