/** An entry as a card in the lists (index, category, author pages) and on its profile page. */
import type { RankedEntry } from "../../rank/model.js";
import type { SiteContext } from "./context.js";
import { pictureView, type PictureView } from "./picture.js";
import { formatPoints, initials, movementView, type MovementView } from "./text.js";
import { link, pagePath } from "../shared/urls.js";

export interface EntryView {
  href: string;
  name: string;
  role: string;
  company: string;
  categoryName: string;
  categoryHref: string;
  rank: string | null;
  categoryRank: string | null;
  movement: MovementView | null;
  points: string | null;
  picture: PictureView | null;
  initials: string;
  /** The preview's mark of an entry not public yet: when it goes public. */
  upcoming: string | null;
}

/** Thumbnails are shown at 5–6 rem; the 160/320 px variants cover 2x screens. */
const THUMB_SIZES = "(min-width: 48rem) 96px, 80px";

export function portraitAlt(name: string): string {
  return `Porträt von ${name}`;
}

export function entryView(ctx: SiteContext, entry: RankedEntry, root: string): EntryView {
  const n = entry.nominee;
  const photo = n.photo === undefined ? undefined : ctx.input.photos.get(n.photo);
  return {
    href: link(root, pagePath.person(entry.id)),
    name: n.name,
    role: n.role,
    company: n.company,
    categoryName: ctx.categoryName.get(n.category) ?? n.category,
    categoryHref: link(root, pagePath.category(n.category)),
    rank: ctx.ranked && entry.rank !== null ? String(entry.rank) : null,
    categoryRank: ctx.ranked && entry.category_rank !== null ? String(entry.category_rank) : null,
    movement: ctx.showMovement ? movementView(entry.movement) : null,
    points: ctx.showPoints && entry.points !== null ? formatPoints(entry.points) : null,
    picture: photo === undefined ? null : pictureView(photo, root, portraitAlt(n.name), THUMB_SIZES),
    initials: initials(n.name),
    upcoming: ctx.input.countdown.upcoming.get(entry.id) ?? null,
  };
}
