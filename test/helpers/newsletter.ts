/**
 * Helpers for the newsletter tests: a valid edition with a `newsletter` section, and a hand-made
 * ranking (the rank stage is tested on its own; these tests need a fixed, known order).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse, type DefaultTreeAdapterTypes as P } from "parse5";
import { DEFAULT_TEMPLATES_DIR } from "../../src/render/newsletter/templates.js";
import { loadValidEdition as requireValidEdition } from "../../src/app/checked-edition.js";
import type { Edition } from "../../src/edition/model.js";
import type { Movement, Ranking, RankedEntry } from "../../src/rank/model.js";
import { RankingConfig } from "../../src/edition/config-schema.js";
import { baseConfig, writeEdition } from "./edition.js";
import { all, attr, text } from "./html.js";

export const NEWSLETTER = {
  from: "100 Köpfe <koepfe@example.org>",
  reply_to: "redaktion@example.org",
  list_id: "koepfe-2024.example.org",
  unsubscribe_url: "https://koepfe.example.org/u/",
  unsubscribe_mailto: "unsubscribe@example.org",
};

/** edition.json text: the base config plus a newsletter section (and any further change). */
export function newsletterConfig(
  newsletter: Record<string, unknown> = {},
  change: (c: Record<string, unknown>) => void = () => {},
): string {
  const c = baseConfig();
  c["newsletter"] = { ...NEWSLETTER, ...newsletter };
  change(c);
  return JSON.stringify(c, null, 2);
}

/** nominees.csv of the base edition with some cells changed, by nominee id. */
export { nomineesWith as nomineesCsv, type NomineeCells } from "./edition.js";

/** Writes and loads a valid edition (throws with the check report when it is not valid). */
export async function loadFixture(overrides: Record<string, string | Buffer | null> = {}): Promise<Edition> {
  const dir = writeEdition({ "edition.json": newsletterConfig(), ...overrides });
  return (await requireValidEdition(dir)).edition;
}

/**
 * A ranking in the order given (default: nominees.csv order): position i+1, rank i+1 (or `ranks`
 * for ties), movement from `movements` by id (default "new").
 */
export function rankingOf(
  edition: Edition,
  opts: { order?: string[]; ranks?: number[]; movements?: Record<string, Movement>; mode?: "ranked" | "unranked" } = {},
): Ranking {
  const mode = opts.mode ?? "ranked";
  const order = opts.order ?? edition.nominees.map((n) => n.id);
  const entries: RankedEntry[] = order.map((id, i) => {
    const nominee = edition.nominees.find((n) => n.id === id);
    if (!nominee) throw new Error(`no nominee ${id}`);
    return {
      id,
      nominee,
      position: i + 1,
      rank: mode === "ranked" ? (opts.ranks?.[i] ?? i + 1) : null,
      category_rank: null,
      points: null,
      jury: null,
      votes: 0,
      ballots: 0,
      movement: opts.movements?.[id] ?? { kind: "new" },
      tie_broken_by: null,
    };
  });
  return { mode, method: RankingConfig.parse({ mode }), entries };
}

/** The elements of a document in document order (parse5: a real HTML parser, as a browser parses). */
export const elementsOf = (node: P.Node): P.Element[] => all(node);

export function parseHtml(html: string): { doc: P.Document; elements: P.Element[]; byTag: (tag: string) => P.Element[] } {
  const doc = parse(html);
  const elements = elementsOf(doc);
  return { doc, elements, byTag: (tag) => elements.filter((e) => e.tagName === tag) };
}

/** Text content with whitespace collapsed. */
export const textOf = text;

export const attrOf = (el: P.Element, name: string): string | undefined => attr(el, name) ?? undefined;

/** A copy of templates/newsletter/ in a temp folder with one file edited. */
export function templatesWith(file: string, edit: (source: string) => string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "koepfe-templates-"));
  cpSync(DEFAULT_TEMPLATES_DIR, dir, { recursive: true });
  const target = path.join(dir, file);
  const before = readFileSync(target, "utf8");
  const after = edit(before);
  if (after === before) throw new Error(`the edit did not change ${file}`);
  writeFileSync(target, after);
  return dir;
}

/** 1-based line of the first line of `file` in `dir` that contains `needle`. */
export function lineOf(dir: string, file: string, needle: string): number {
  const index = readFileSync(path.join(dir, file), "utf8")
    .split("\n")
    .findIndex((l) => l.includes(needle));
  if (index < 0) throw new Error(`"${needle}" is not in ${file}`);
  return index + 1;
}
