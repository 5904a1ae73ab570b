/**
 * Reader votes (skewed: a few nominees collect most of them) and last year's ranking, which mostly
 * agrees with this year's merit and includes a few people who are not nominated again.
 */
import type { Rng } from "./random.js";
import type { IdRegistry, PeopleRegistry } from "./people.js";
import { slugOf } from "./people.js";
import { CsvFileWriter } from "./csv-writer.js";

interface Signals {
  id: string;
  merit: number;
  fame: number;
}

const ZERO_VOTES = 0.04;
const RETURNING = 0.6;
const DROPPED = 0.06;

export function writeVotes(file: string, rng: Rng, nominees: readonly Signals[]): void {
  const out = new CsvFileWriter(file, ["nominee_id", "votes"]);
  for (const n of nominees) {
    const votes = rng.chance(ZERO_VOTES) ? 0 : Math.floor(Math.exp(4 + 1.2 * n.fame + 0.5 * rng.normal()));
    out.row([n.id, String(votes)]);
  }
  out.close();
}

/** About 60% of this year's nominees plus ~6% former entries, on distinct ranks out of 1..N. */
export function writePrevious(file: string, rng: Rng, nominees: readonly Signals[], people: PeopleRegistry, ids: IdRegistry): number {
  const returning = rng.shuffle(nominees).slice(0, Math.round(RETURNING * nominees.length));
  const dropped = Array.from({ length: Math.round(DROPPED * nominees.length) }, () =>
    ids.claim(slugOf(people.draw(rng, rng.chance(0.5) ? "w" : "m", 0.1).name)),
  );
  const field = [
    ...returning.map((n) => ({ id: n.id, strength: n.merit + 0.7 * rng.normal() })),
    ...dropped.map((id) => ({ id, strength: rng.normal() })),
  ].sort((a, b) => b.strength - a.strength || (a.id < b.id ? -1 : 1));
  const ranks = rng
    .shuffle(Array.from({ length: nominees.length }, (_, i) => i + 1))
    .slice(0, field.length)
    .sort((a, b) => a - b);
  const out = new CsvFileWriter(file, ["id", "rank"]);
  field.forEach((entry, i) => {
    out.row([entry.id, String(ranks[i])]);
  });
  out.close();
  return out.rows;
}
