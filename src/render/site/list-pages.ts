/** Views of the list pages: the index, one page per category, the newsletter archive and the 404 page. */
import type { RankedEntry } from "../../rank/model.js";
import { layoutView, siteData, type SiteContext } from "./context.js";
import { entryView } from "./entry-view.js";
import { itemList, plainPage } from "./jsonld.js";
import { issueDate } from "./text.js";
import { absolute, link, pagePath, rootOf } from "../shared/urls.js";

const ogImage = (ctx: SiteContext) => absolute(ctx.base, ctx.input.assets.ogImage);

function filters(ctx: SiteContext, root: string, current: string | null) {
  const all = { name: "Alle", href: link(root, pagePath.index), current: current === null, count: ctx.input.ranking.entries.length };
  const categories = ctx.input.edition.config.categories
    .filter((c) => ctx.entriesByCategory.has(c.id))
    .map((c) => ({
      name: c.name,
      href: link(root, pagePath.category(c.id)),
      current: c.id === current,
      count: ctx.entriesByCategory.get(c.id)?.length ?? 0,
    }));
  return [all, ...categories];
}

function listItems(ctx: SiteContext, entries: readonly RankedEntry[], position: (e: RankedEntry) => number | null) {
  return entries.map((e) => ({
    position: position(e) ?? e.position,
    url: absolute(ctx.base, pagePath.person(e.id)),
    name: e.nominee.name,
  }));
}

export function indexView(ctx: SiteContext) {
  const path = pagePath.index;
  const root = rootOf(path);
  const { entries } = ctx.input.ranking;
  const { year } = ctx.input.edition.config;
  const { total, next } = ctx.input.countdown;
  const description = `${ctx.title}: ${total} Menschen, die ${year} geprägt haben – ${ctx.ranked ? "die Rangliste" : "die Liste"} mit Porträts und Laudationes der Redaktion.`;
  const groups = ctx.ranked
    ? [{ heading: null, entries: entries.map((e) => entryView(ctx, e, root)) }]
    : ctx.input.edition.config.categories
        .filter((c) => ctx.entriesByCategory.has(c.id))
        .map((c) => ({ heading: c.name, entries: (ctx.entriesByCategory.get(c.id) ?? []).map((e) => entryView(ctx, e, root)) }));
  return {
    ...layoutView(
      ctx,
      root,
      {
        title: ctx.title,
        description,
        path,
        ogType: "website",
        ogImage: ogImage(ctx),
        ogImageAlt: ctx.title,
        jsonLd: itemList(
          { name: ctx.title, url: ctx.base, description, site: siteData(ctx) },
          listItems(ctx, entries, (e) => e.rank),
        ),
      },
      "list",
    ),
    heading: ctx.title,
    count: total,
    year,
    // a countdown under way: how many are out, and what comes next and when
    revealed: entries.length < total ? { shown: entries.length, total } : null,
    next,
    ranked: ctx.ranked,
    showPoints: ctx.showPoints,
    filters: filters(ctx, root, null),
    grouped: !ctx.ranked,
    groups,
    signUp: ctx.input.signUp === null ? null : { ...ctx.input.signUp, embed: undefined },
  };
}

export function categoryView(ctx: SiteContext, category: { id: string; name: string }) {
  const path = pagePath.category(category.id);
  const root = rootOf(path);
  const entries = ctx.entriesByCategory.get(category.id) ?? [];
  const title = `${category.name} – ${ctx.title}`;
  const description = `${ctx.title} in der Kategorie ${category.name}: ${entries.length} ${entries.length === 1 ? "Porträt" : "Porträts"} der Redaktion.`;
  return {
    ...layoutView(
      ctx,
      root,
      {
        title,
        description,
        path,
        ogType: "website",
        ogImage: ogImage(ctx),
        ogImageAlt: ctx.title,
        jsonLd: itemList(
          { name: title, url: absolute(ctx.base, path), description, site: siteData(ctx) },
          listItems(ctx, entries, (e) => e.category_rank),
        ),
      },
      "list",
    ),
    heading: category.name,
    listTitle: ctx.title,
    count: entries.length,
    ranked: ctx.ranked,
    filters: filters(ctx, root, category.id),
    entries: entries.map((e) => entryView(ctx, e, root)),
  };
}

export function archiveView(ctx: SiteContext) {
  const path = pagePath.archive;
  const root = rootOf(path);
  const zone = ctx.input.edition.config.timezone;
  const title = `Newsletter-Archiv – ${ctx.title}`;
  const description = `Alle Ausgaben des Newsletter-Countdowns zu ${ctx.title} als Webversion.`;
  const issues = [...ctx.input.issues]
    .sort((a, b) => a.number - b.number)
    .map((i) => ({ number: i.number, subject: i.subject, href: link(root, pagePath.issue(i.number)), ...issueDate(i.sendAt, zone) }));
  return {
    ...layoutView(
      ctx,
      root,
      {
        title,
        description,
        path,
        ogType: "website",
        ogImage: ogImage(ctx),
        ogImageAlt: ctx.title,
        jsonLd: plainPage({ name: title, url: absolute(ctx.base, path), description, site: siteData(ctx) }),
      },
      "archive",
    ),
    heading: "Newsletter-Archiv",
    listTitle: ctx.title,
    issues,
  };
}

/** Served for any unknown address, so its links are absolute paths under base_url, not relative. */
export function notFoundView(ctx: SiteContext) {
  const root = new URL(ctx.base).pathname;
  const title = `Seite nicht gefunden – ${ctx.title}`;
  const description = `Diese Seite gibt es nicht. Zur Übersicht von ${ctx.title}.`;
  return {
    ...layoutView(
      ctx,
      root,
      {
        title,
        description,
        path: "404.html",
        ogType: "website",
        ogImage: ogImage(ctx),
        ogImageAlt: ctx.title,
        noindex: true,
        jsonLd: plainPage({ name: title, url: absolute(ctx.base, "404.html"), description, site: siteData(ctx) }),
      },
      null,
    ),
    heading: "Seite nicht gefunden",
    homeHref: root,
    listTitle: ctx.title,
  };
}
