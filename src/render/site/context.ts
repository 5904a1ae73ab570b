/**
 * The lookups every page view needs, computed once per build (not per page): categories, authors,
 * which issue revealed whom, and the layout fields shared by all pages.
 */
import type { Author } from "../../edition/model.js";
import type { RankedEntry } from "../../rank/model.js";
import type { SiteInput, SiteIssue } from "./model.js";
import { jsonLdScriptText } from "./jsonld.js";
import { absolute, link, pagePath } from "../shared/urls.js";

export interface SiteContext {
  input: SiteInput;
  base: string;
  title: string;
  categoryName: ReadonlyMap<string, string>;
  authors: ReadonlyMap<string, Author>;
  entriesByAuthor: ReadonlyMap<string, readonly RankedEntry[]>;
  entriesByCategory: ReadonlyMap<string, readonly RankedEntry[]>;
  issueOf: ReadonlyMap<string, SiteIssue>;
  ranked: boolean;
  /** Movement is shown only when there was a previous list to move against. */
  showMovement: boolean;
  showPoints: boolean;
}

function groupBy(entries: readonly RankedEntry[], key: (e: RankedEntry) => string): Map<string, RankedEntry[]> {
  const map = new Map<string, RankedEntry[]>();
  for (const e of entries) {
    const k = key(e);
    const list = map.get(k);
    if (list) list.push(e);
    else map.set(k, [e]);
  }
  return map;
}

export function siteContext(input: SiteInput): SiteContext {
  const { edition, ranking } = input;
  const issueOf = new Map<string, SiteIssue>();
  for (const issue of input.issues) for (const id of issue.entryIds) if (!issueOf.has(id)) issueOf.set(id, issue);
  const ranked = ranking.mode === "ranked";
  return {
    input,
    base: edition.config.base_url,
    title: edition.config.title,
    categoryName: new Map(edition.config.categories.map((c) => [c.id, c.name])),
    authors: new Map(edition.authors.map((a) => [a.id, a])),
    entriesByAuthor: groupBy(ranking.entries, (e) => e.nominee.author_id),
    entriesByCategory: groupBy(ranking.entries, (e) => e.nominee.category),
    issueOf,
    ranked,
    showMovement: ranked && edition.previous !== null,
    showPoints: ranked && ranking.method.publish_points && ranking.entries.some((e) => e.points !== null),
  };
}

export interface PageMeta {
  title: string;
  description: string;
  /** Root-relative path of the page ("" for the index). */
  path: string;
  ogType: "website" | "profile" | "article";
  ogImage: string;
  ogImageAlt: string;
  jsonLd: Record<string, unknown>;
  /** Pages that are not for search results (404). */
  noindex?: boolean;
}

export type Section = "list" | "archive" | null;

/** The fields the layout and its partials read, for a page at `root` depth. */
export function layoutView(ctx: SiteContext, root: string, meta: PageMeta, section: Section) {
  const { config } = ctx.input.edition;
  return {
    root,
    meta: {
      title: meta.title,
      description: meta.description,
      canonical: absolute(ctx.base, meta.path),
      ogType: meta.ogType,
      ogImage: meta.ogImage,
      ogImageAlt: meta.ogImageAlt,
      noindex: meta.noindex === true,
      jsonLd: jsonLdScriptText(meta.jsonLd),
    },
    site: {
      title: config.title,
      year: config.year,
      homeHref: link(root, pagePath.index),
      archiveHref: link(root, pagePath.archive),
      css: `${root}${ctx.input.assets.css}`,
      listCurrent: section === "list",
      archiveCurrent: section === "archive",
      publisher: config.publisher,
    },
  };
}

export const siteData = (ctx: SiteContext) => ({ name: ctx.title, url: ctx.base });
