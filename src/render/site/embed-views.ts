/**
 * Views of the embeds: the teaser box for the magazine's other pages and mails, and one card per
 * person for an article that mentions them. They are shown elsewhere, so every URL is absolute.
 */
import type { RankedEntry } from "../../rank/model.js";
import type { SiteContext } from "./context.js";
import { portraitAlt } from "./entry-view.js";
import { photoUrl } from "./picture.js";
import { teaserFor } from "../shared/teaser.js";
import { absolute, pagePath } from "../shared/urls.js";

export function teaserView(ctx: SiteContext) {
  const { year } = ctx.input.edition.config;
  return {
    listTitle: ctx.title,
    year,
    count: ctx.input.countdown.total,
    url: ctx.base,
  };
}

export function cardView(ctx: SiteContext, entry: RankedEntry) {
  const n = entry.nominee;
  const photo = n.photo === undefined ? undefined : ctx.input.photos.get(n.photo);
  return {
    listTitle: ctx.title,
    listUrl: ctx.base,
    url: absolute(ctx.base, pagePath.person(entry.id)),
    name: n.name,
    role: n.role,
    company: n.company,
    categoryName: ctx.categoryName.get(n.category) ?? n.category,
    rank: ctx.ranked && entry.rank !== null ? String(entry.rank) : null,
    teaser: teaserFor(n),
    photo: photo === undefined ? null : { url: photoUrl(photo, ctx.base), alt: portraitAlt(n.name) },
  };
}
