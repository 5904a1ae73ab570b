/** Views of the pages about people: one profile per nominee and one page per author. */
import type { Author } from "../../edition/model.js";
import { isHttpsUrl } from "../../edition/fields.js";
import type { RankedEntry } from "../../rank/model.js";
import { layoutView, siteData, type SiteContext } from "./context.js";
import { entryView, portraitAlt } from "./entry-view.js";
import { profilePage } from "./jsonld.js";
import { photoUrl, pictureView } from "./picture.js";
import { cut, initials, issueDate, paragraphs } from "./text.js";
import { teaserFor } from "../shared/teaser.js";
import { absolute, link, pagePath, rootOf } from "../shared/urls.js";

/** The profile photo is at most 22rem (352 px) wide, narrower only on phones below that width. */
const PROFILE_SIZES = "(max-width: 24.5rem) calc(100vw - 2.5rem), 352px";
const AUTHOR_SIZES = "72px";

/** Links are validated at import; checked again here because a page must never carry another scheme. */
const https = (url: string | undefined): string | null => (url !== undefined && isHttpsUrl(url) ? url : null);

function authorBox(ctx: SiteContext, author: Author, root: string, sizes: string) {
  const photo = author.photo === undefined ? undefined : ctx.input.photos.get(author.photo);
  return {
    name: author.name,
    href: link(root, pagePath.author(author.id)),
    role: author.role ?? null,
    bio: paragraphs(author.bio),
    topics: author.topics ?? [],
    picture: photo === undefined ? null : pictureView(photo, root, portraitAlt(author.name), sizes),
    initials: initials(author.name),
  };
}

function neighbour(ctx: SiteContext, entry: RankedEntry | undefined, root: string) {
  if (entry === undefined) return null;
  return {
    href: link(root, pagePath.person(entry.id)),
    name: entry.nominee.name,
    rank: ctx.ranked && entry.rank !== null ? String(entry.rank) : null,
  };
}

export function personView(ctx: SiteContext, index: number, duplicateNames: ReadonlySet<string>) {
  const entries = ctx.input.ranking.entries;
  const entry = entries[index] as RankedEntry;
  const n = entry.nominee;
  const path = pagePath.person(entry.id);
  const root = rootOf(path);
  const card = entryView(ctx, entry, root);
  const photo = n.photo === undefined ? undefined : ctx.input.photos.get(n.photo);
  const author = ctx.authors.get(n.author_id);
  const issue = ctx.issueOf.get(entry.id);
  const zone = ctx.input.edition.config.timezone;
  const who = duplicateNames.has(n.name) ? `${n.name}, ${n.company}` : n.name;
  const title = card.rank === null ? `${who} – ${ctx.title}` : `Platz ${card.rank}: ${who} – ${ctx.title}`;
  const description = cut(teaserFor(n), 160);
  const url = absolute(ctx.base, path);
  const sameAs = [https(n.linkedin), https(n.website)].filter((u): u is string => u !== null);
  const image = photo === undefined ? undefined : photoUrl(photo, ctx.base);
  const jsonLd = profilePage(
    { name: title, url, description, site: siteData(ctx) },
    { name: n.name, url, jobTitle: n.role, worksFor: n.company, sameAs, description, ...(image === undefined ? {} : { image }) },
  );
  const links = [
    { href: https(n.linkedin), text: `${n.name} auf LinkedIn` },
    { href: https(n.website), text: `Website: ${n.company}` },
  ].filter((l) => l.href !== null);
  return {
    ...layoutView(
      ctx,
      root,
      {
        title,
        description,
        path,
        ogType: "profile",
        ogImage: image ?? absolute(ctx.base, ctx.input.assets.ogImage),
        ogImageAlt: image === undefined ? ctx.title : portraitAlt(n.name),
        jsonLd,
      },
      "list",
    ),
    ...card,
    listTitle: ctx.title,
    ranked: ctx.ranked,
    showPoints: card.points !== null,
    picture: photo === undefined ? null : pictureView(photo, root, portraitAlt(n.name), PROFILE_SIZES, true),
    photoCredit: n.photo_credit ?? null,
    laudation: paragraphs(n.laudation),
    quote: n.quote === undefined ? null : paragraphs(n.quote),
    links,
    author: author === undefined ? null : authorBox(ctx, author, root, AUTHOR_SIZES),
    corrections: ctx.input.countdown.corrections.get(entry.id) ?? [],
    issue:
      issue === undefined
        ? null
        : {
            number: issue.number,
            subject: issue.subject,
            href: link(root, pagePath.issue(issue.number)),
            ...issueDate(issue.sendAt, zone),
          },
    prev: neighbour(ctx, entries[index - 1], root),
    next: neighbour(ctx, entries[index + 1], root),
  };
}

export function authorView(ctx: SiteContext, author: Author) {
  const path = pagePath.author(author.id);
  const root = rootOf(path);
  const entries = ctx.entriesByAuthor.get(author.id) ?? [];
  const box = authorBox(ctx, author, root, "(min-width: 48rem) 160px, 128px");
  const photo = author.photo === undefined ? undefined : ctx.input.photos.get(author.photo);
  const image = photo === undefined ? undefined : photoUrl(photo, ctx.base);
  const title = `${author.name}: Texte – ${ctx.title}`;
  const description = cut(
    `${author.name} schrieb ${entries.length === 1 ? "ein Porträt" : `${entries.length} Porträts`} für ${ctx.title}. ${paragraphs(author.bio).join(" ")}`,
    160,
  );
  const url = absolute(ctx.base, path);
  const jsonLd = profilePage(
    { name: title, url, description, site: siteData(ctx) },
    {
      name: author.name,
      url,
      description: cut(author.bio, 300),
      ...(author.role === undefined ? {} : { jobTitle: author.role }),
      ...(image === undefined ? {} : { image }),
    },
  );
  return {
    ...layoutView(
      ctx,
      root,
      {
        title,
        description,
        path,
        ogType: "profile",
        ogImage: image ?? absolute(ctx.base, ctx.input.assets.ogImage),
        ogImageAlt: image === undefined ? ctx.title : portraitAlt(author.name),
        jsonLd,
      },
      null,
    ),
    ...box,
    listTitle: ctx.title,
    count: entries.length,
    entries: entries.map((e) => entryView(ctx, e, root)),
  };
}

/** Names that occur more than once get the company in their page title, so titles stay unique. */
export function duplicateNames(entries: readonly RankedEntry[]): Set<string> {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const e of entries) (seen.has(e.nominee.name) ? dup : seen).add(e.nominee.name);
  return dup;
}
