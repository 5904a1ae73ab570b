/**
 * What check says about a countdown that has begun: a published place is history. A nominee whose
 * current data give another place keeps the published one (a warning says so); taking a published
 * nominee off the list or changing the name, company or role the readers saw needs a correction in
 * edition.json (Pressekodex, Ziffer 3), else it is an error. Pure: the ledger's published state and
 * the places the current data give are passed in.
 */
import type { Edition } from "../edition/model.js";
import type { PublishedPlace } from "../edition/published.js";
import { problem, type Problem } from "../lib/problem.js";

const day = (iso: string) => iso.slice(0, 10);

export function publicationProblems(
  edition: Edition,
  places: readonly PublishedPlace[],
  currentRank: ReadonlyMap<string, number | null>,
): Problem[] {
  const out: Problem[] = [];
  const corrected = new Set((edition.config.corrections ?? []).map((c) => c.id));
  const nominees = new Map(edition.nominees.map((n) => [n.id, n]));
  const col = edition.columns["nominees.csv"] ?? {};
  /** A warning at a nominee's id cell. */
  const atId = (n: { line: number; id: string }, code: string, message: string) =>
    problem({
      file: "nominees.csv",
      line: n.line,
      column: col["id"] ?? null,
      field: "id",
      code,
      severity: "warning",
      message,
      value: n.id,
    });
  for (const p of places) {
    const where = `was published at place ${p.rank ?? p.position} by issue ${p.issue} on ${day(p.publishedAt)}`;
    const n = nominees.get(p.id);
    if (n === undefined) {
      if (!corrected.has(p.id)) {
        out.push(
          problem({
            file: "nominees.csv",
            code: "published-removed",
            message: `"${p.name}" (${p.id}) ${where} and is no longer in nominees.csv: a published entry leaves the list only with a correction (edition.json corrections: id, date, text)`,
            value: p.id,
          }),
        );
      }
      continue;
    }
    for (const [field, then, now] of [
      ["name", p.name, n.name],
      ["company", p.company, n.company],
      ["role", p.role, n.role],
    ] as const) {
      if (then === now || corrected.has(p.id)) continue;
      out.push(
        problem({
          file: "nominees.csv",
          line: n.line,
          column: col[field] ?? null,
          field,
          code: "published-changed",
          message: `${field} of "${p.name}" (${p.id}) was "${then}" when it ${where.replace(/^was /, "was ")}; it is "${now}" now: a published entry changes only with a correction (edition.json corrections)`,
          value: now,
        }),
      );
    }
    const current = currentRank.get(p.id);
    if (current !== undefined && current !== null && p.rank !== null && current !== p.rank) {
      out.push(
        atId(
          n,
          "published-place-kept",
          `"${n.name}" (${p.id}) ${where}; the current data give place ${current}: the published place stays, the others are ranked around it (docs/ranking.md)`,
        ),
      );
    }
  }
  const published = new Set(places.map((p) => p.id));
  // a nominee not yet revealed whose data now give a place an issue already revealed: it moves
  const publishedRanks = new Map(places.flatMap((p) => (p.rank === null ? [] : [[p.rank, p] as const])));
  for (const n of edition.nominees) {
    const current = currentRank.get(n.id);
    const taken = current === null || current === undefined ? undefined : publishedRanks.get(current);
    if (published.has(n.id) || taken === undefined) continue;
    out.push(
      atId(
        n,
        "published-place-taken",
        `"${n.name}" (${n.id}): the current data give place ${current}, which issue ${taken.issue} already revealed (${taken.name}); it is ranked into the places still to come`,
      ),
    );
  }
  (edition.config.corrections ?? []).forEach((c, i) => {
    if (nominees.has(c.id) || published.has(c.id)) return;
    out.push(
      problem({
        file: "edition.json",
        field: `corrections[${i}].id`,
        code: "unknown-nominee",
        message: `corrections[${i}].id "${c.id}" is neither in nominees.csv nor a published entry`,
        value: c.id,
      }),
    );
  });
  return out;
}
