/** What already went out of an edition: recorded in the ledger when an issue starts going out (app/publication.ts). */

/** A place as it went out: what the ledger recorded when the issue that revealed it started sending. */
export interface PublishedPlace {
  id: string;
  issue: number;
  /** ISO time the issue's sending started. */
  publishedAt: string;
  position: number;
  rank: number | null;
  points: number | null;
  category: string;
  categoryRank: number | null;
  /** As shown then: a later change of these needs a correction in edition.json. */
  name: string;
  company: string;
  role: string;
}
