/** The loaded, normalised edition every stage after `check` works on. */
import type { EditionConfig } from "./config-schema.js";
import type { Author, JuryRow, Nominee, PreviousEntry, Subscriber, Vote } from "./row-schemas.js";

export interface Edition {
  /** Absolute path of the edition folder. */
  dir: string;
  config: EditionConfig;
  nominees: Nominee[];
  authors: Author[];
  /** null when the edition has no jury.csv (then the nominees' `score` is the jury score). */
  jury: JuryRow[] | null;
  votes: Vote[] | null;
  previous: PreviousEntry[] | null;
  /** null when the edition has no subscribers.csv. */
  subscribers: Subscriber[] | null;
  /** Intro texts of newsletter issues by their path in edition.json ("newsletter/01.md"). */
  intros: Record<string, string>;
  /** 1-based field number of each column, per file ("nominees.csv" → { id: 1, … }), for locating problems. */
  columns: Record<string, Record<string, number>>;
  /** Name of the subscribers file as reported ("subscribers.csv" unless --subscribers overrides it). */
  subscribersFile: string;
  /** Photo paths ("photos/x.jpg") that exist in the edition folder. */
  photoFiles: Set<string>;
  /**
   * A hash of everything the published list is made of: edition.json, the CSVs but subscribers,
   * the intro files. A compiled issue or an approval is only good for the same fingerprint.
   */
  fingerprint: string;
  /** CSV files with a header but no rows: check says so once, and nothing is reported as missing from them. */
  emptyFiles: ReadonlySet<string>;
}

export type { Author, JuryRow, Nominee, PreviousEntry, Subscriber, Vote };
