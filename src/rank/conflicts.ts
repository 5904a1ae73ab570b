/**
 * Method step 2: a ballot by a juror who works at the nominee's company is a conflict of interest.
 * Companies are compared case- and whitespace-insensitively ("Nordlicht Media" = "nordlicht  media").
 */
import type { Edition } from "../edition/model.js";
import type { Ballot } from "./ballots.js";

export function companyKey(company: string): string {
  return company.normalize("NFC").toLowerCase().replace(/\s+/g, "");
}

/** A predicate telling whether a ballot is a conflict of interest; jurors missing from edition.json have none. */
export function conflictTest(edition: Edition): (ballot: Ballot) => boolean {
  const jurorCompany = new Map((edition.config.jurors ?? []).map((j) => [j.id, companyKey(j.company)]));
  const nomineeCompany = new Map(edition.nominees.map((n) => [n.id, companyKey(n.company)]));
  return (ballot) => {
    const juror = jurorCompany.get(ballot.juror);
    // an empty company field means "no company", which is nobody's conflict
    return juror !== undefined && juror !== "" && juror === nomineeCompany.get(ballot.nominee);
  };
}

export interface SplitBallots {
  /** Ballots that count: of a known nominee, without a conflict of interest. */
  counted: Ballot[];
  conflicts: Ballot[];
}

/** Drops conflicts of interest (`conflicts: "error"` stops at `check`, so rank only ever excludes). */
export function splitConflicts(edition: Edition, ballots: readonly Ballot[]): SplitBallots {
  const isConflict = conflictTest(edition);
  const known = new Set(edition.nominees.map((n) => n.id));
  const counted: Ballot[] = [];
  const conflicts: Ballot[] = [];
  for (const b of ballots) {
    if (!known.has(b.nominee)) continue;
    (isConflict(b) ? conflicts : counted).push(b);
  }
  return { counted, conflicts };
}
