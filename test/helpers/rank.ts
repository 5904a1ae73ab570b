/**
 * In-memory editions for ranking tests: only what the ranking reads, written out in the test.
 *   editionOf({ nominees: ["p", "q"], jury: [["a", "p", 8], ["a", "q", 6]], ranking: { normalize: "none" } })
 * Jury rows are [juror, nominee, ...scores in criteria order] (null = empty cell).
 */
import { EditionConfig } from "../../src/edition/config-schema.js";
import type { Edition, Nominee } from "../../src/edition/model.js";
import { deriveSortName } from "../../src/lib/sort-key.js";
import { baseConfig, LAUDATION } from "./edition.js";

export interface NomineeSpec {
  id: string;
  name?: string;
  company?: string;
  category?: string;
  score?: number;
  sort_name?: string;
}

export type JuryRowSpec = readonly [juror: string, nominee: string, ...scores: (number | null)[]];

export interface EditionSpec {
  nominees: readonly (string | NomineeSpec)[];
  /** Absent or null: no jury.csv. */
  jury?: readonly JuryRowSpec[] | null;
  votes?: Record<string, number>;
  previous?: Record<string, number>;
  /** Over the schema defaults (zscore, trimmed_mean, …), with one criterion "score" unless given. */
  ranking?: Record<string, unknown>;
  /** Juror id → company; jurors of the jury rows not listed get "Firma <id>". */
  jurors?: Record<string, string>;
  categories?: readonly string[];
}

export function nominee(spec: string | NomineeSpec, line: number): Nominee {
  const s = typeof spec === "string" ? { id: spec } : spec;
  const name = s.name ?? `Person ${s.id}`;
  return {
    id: s.id,
    name,
    sort_name: s.sort_name ?? deriveSortName(name),
    role: "Geschäftsführung",
    company: s.company ?? `Firma von ${s.id}`,
    category: s.category ?? "marketing",
    author_id: "lbeispiel",
    laudation: LAUDATION,
    line,
    ...(s.score === undefined ? {} : { score: s.score }),
  };
}

export function editionOf(spec: EditionSpec): Edition {
  const raw = baseConfig();
  const ranking: Record<string, unknown> = { criteria: [{ id: "score", name: "Bewertung", weight: 1 }], quorum: 0, ...spec.ranking };
  const jurorIds = [...new Set((spec.jury ?? []).map((r) => r[0]))];
  const config = EditionConfig.parse({
    ...raw,
    categories: (spec.categories ?? ["marketing", "medien"]).map((id) => ({ id, name: id[0]?.toUpperCase() + id.slice(1) })),
    jurors: [...new Set([...jurorIds, ...Object.keys(spec.jurors ?? {})])].map((id) => ({
      id,
      name: `Juror ${id}`,
      company: spec.jurors?.[id] ?? `Firma ${id}`,
    })),
    ranking,
  });
  const criteria = config.ranking.criteria;
  return {
    dir: "/nowhere",
    emptyFiles: new Set(),
    fingerprint: "test",
    config,
    nominees: spec.nominees.map((n, i) => nominee(n, i + 2)),
    authors: [],
    jury: !spec.jury
      ? null
      : spec.jury.map(([juror, nomineeId, ...scores], i) => ({
          line: i + 2,
          juror_id: juror,
          nominee_id: nomineeId,
          scores: Object.fromEntries(criteria.map((c, k) => [c.id, scores[k] ?? null])),
        })),
    votes: spec.votes ? Object.entries(spec.votes).map(([nominee_id, votes], i) => ({ nominee_id, votes, line: i + 2 })) : null,
    previous: spec.previous ? Object.entries(spec.previous).map(([id, rank], i) => ({ id, rank, line: i + 2 })) : null,
    subscribers: null,
    intros: {},
    columns: { "nominees.csv": { id: 1, name: 2, company: 5, score: 16 }, "jury.csv": { juror_id: 1, nominee_id: 2 } },
    subscribersFile: "subscribers.csv",
    photoFiles: new Set(),
  };
}
