/**
 * The published state of an edition's countdown, read from its ledger: which places went out by
 * which issue. Every use case ranks with it (published places pinned) and plans with it (an issue
 * that went out keeps its nominees). A ledger that belongs to another edition is refused.
 */
import type { Edition } from "../edition/model.js";
import { KoepfeError } from "../lib/errors.js";
import { problem } from "../lib/problem.js";
import { pinPublished } from "../rank/pinned.js";
import { rankEdition } from "../rank/rank.js";
import type { PublishedPlace, Ranking } from "../rank/model.js";
import { planIssues, type PlannedIssue } from "../render/newsletter/plan.js";
import type { Ledger } from "../send/ledger/ledger.js";
import { openExistingLedger } from "../send/ledger/location.js";
import type { PublishedIssue } from "../send/ledger/publication.js";

export interface PublishedState {
  places: PublishedPlace[];
  issues: PublishedIssue[];
}

export const NOTHING_PUBLISHED: PublishedState = { places: [], issues: [] };

/** Stops when the ledger was written for another list or year (a copied folder, a wrong KOEPFE_STATE). */
export function assertSameEdition(ledger: Ledger, edition: Pick<Edition, "config">): void {
  const id = ledger.publication.identity();
  const listId = edition.config.newsletter?.list_id;
  if (id === null || listId === undefined || (id.listId === listId && id.year === edition.config.year)) return;
  const field = id.listId !== listId ? "newsletter.list_id" : "year";
  const message = `the ledger ${ledger.file} belongs to "${id.title}" (list ${id.listId}, ${id.year}), not to this edition (list ${listId}, ${edition.config.year}): use the edition's own folder or another KOEPFE_STATE`;
  throw new KoepfeError("E_LEDGER_OTHER_EDITION", message, {
    problems: [problem({ file: "edition.json", field, code: "ledger-other-edition", message })],
  });
}

/** What the ledger says went out; nothing when there is no ledger yet. */
export function readPublished(edition: Pick<Edition, "dir" | "config">, env: NodeJS.ProcessEnv): PublishedState {
  const ledger = openExistingLedger(edition.dir, env);
  if (ledger === null) return NOTHING_PUBLISHED;
  try {
    assertSameEdition(ledger, edition);
    return { places: ledger.publication.places(), issues: ledger.publication.issues() };
  } finally {
    ledger.close();
  }
}

/** The ranking with what went out pinned (rank/pinned.ts). */
export function rankForPublication(edition: Edition, published: PublishedState): Ranking {
  const previous = new Map((edition.previous ?? []).map((p) => [p.id, p.rank]));
  return pinPublished(rankEdition(edition), published.places, (id) => previous.get(id));
}

/** Issue → the ids it revealed. */
export function revealedBy(published: PublishedState): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const p of published.places) out.set(p.issue, [...(out.get(p.issue) ?? []), p.id]);
  for (const i of published.issues) if (!out.has(i.issue)) out.set(i.issue, []);
  return out;
}

/** The plan of the issues with what went out kept as it went. */
export function planForPublication(edition: Edition, ranking: Ranking, published: PublishedState): PlannedIssue[] {
  return planIssues(edition, ranking, revealedBy(published));
}

/** A place an issue reveals, as the ledger records it when the issue starts going out. */
export type NewPlace = Omit<PublishedPlace, "issue" | "publishedAt">;

/** The places a planned issue reveals. */
export function placesOf(planned: PlannedIssue): NewPlace[] {
  return planned.entries.map(
    (e): NewPlace => ({
      id: e.id,
      position: e.position,
      rank: e.rank,
      points: e.points,
      category: e.nominee.category,
      categoryRank: e.category_rank,
      name: e.nominee.name,
      company: e.nominee.company,
      role: e.nominee.role,
    }),
  );
}
