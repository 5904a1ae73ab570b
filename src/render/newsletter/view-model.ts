/**
 * The data the newsletter templates see (documented for editors in templates/newsletter/README.md).
 * Pure. Every value is plain text that Handlebars escapes, except `intro.html`, which the escaping
 * Markdown-lite converter produced. URLs are built only from validated https URLs and slugs.
 */
import Handlebars from "handlebars";
import type { Edition } from "../../edition/model.js";
import type { Movement, RankedEntry } from "../../rank/model.js";
import { isHttpsUrl } from "../../edition/fields.js";
import type { PlannedIssue } from "./plan.js";
import { renderIntro } from "./markdown-lite.js";
import { teaserFor } from "../shared/teaser.js";
import { resolveSendAt } from "./send-at.js";
import { germanDate } from "../shared/german-date.js";
// the mail links to the pages the site build writes: one definition of where they live
import { absolute, pagePath } from "../shared/urls.js";

export interface MovementView {
  kind: "new" | "same" | "up" | "down" | "none";
  /** "neu", "▲ 3", "▼ 2", "–"; "" in unranked mode. */
  label: string;
  /** For the badge's title: "3 Plätze gestiegen". */
  description: string;
}

export interface EntryView {
  rank: string;
  hasRank: boolean;
  movement: MovementView;
  name: string;
  role: string;
  company: string;
  category: string;
  teaser: string;
  hasPhoto: boolean;
  photoUrl: string;
  photoAlt: string;
  profileUrl: string;
  profileLabel: string;
  author: string;
}

/** A correction as an issue's footer shows it. */
export interface CorrectionView {
  date: string;
  name: string;
  text: string;
}

export interface IssueContent {
  edition: { title: string; year: number; baseUrl: string };
  issue: { number: number; subject: string; preheader: string; heading: string; date: string; ranked: boolean };
  intro: { html: Handlebars.SafeString; text: string };
  entries: EntryView[];
  publisher: { name: string; address: string; email: string; responsible: string };
  corrections: CorrectionView[];
}

const places = (n: number) => (n === 1 ? "1 Platz" : `${n} Plätze`);

export function movementView(m: Movement, ranked: boolean): MovementView {
  if (!ranked) return { kind: "none", label: "", description: "" };
  switch (m.kind) {
    case "new":
      return { kind: "new", label: "neu", description: "neu in der Liste" };
    case "same":
      return { kind: "same", label: "–", description: "Platz gehalten" };
    case "up":
      return { kind: "up", label: `▲ ${m.by}`, description: `${places(m.by)} gestiegen` };
    case "down":
      return { kind: "down", label: `▼ ${m.by}`, description: `${places(m.by)} gefallen` };
  }
}

/** Local photos are published by the site at `<base_url>photos/<file>`; https photos are used as they are. */
export function photoUrl(photo: string | undefined, baseUrl: string): string {
  if (photo === undefined) return "";
  return isHttpsUrl(photo) ? photo : `${baseUrl}${photo}`;
}

function entryView(edition: Edition, e: RankedEntry, ranked: boolean): EntryView {
  const n = e.nominee;
  const baseUrl = edition.config.base_url;
  return {
    rank: ranked && e.rank !== null ? String(e.rank) : "",
    hasRank: ranked && e.rank !== null,
    movement: movementView(e.movement, ranked),
    name: n.name,
    role: n.role,
    company: n.company,
    category: edition.config.categories.find((c) => c.id === n.category)?.name ?? n.category,
    teaser: teaserFor(n),
    hasPhoto: n.photo !== undefined,
    photoUrl: photoUrl(n.photo, baseUrl),
    photoAlt: `Porträt von ${n.name}`,
    profileUrl: absolute(baseUrl, pagePath.person(e.id)),
    profileLabel: `Zum Profil von ${n.name}`,
    author: edition.authors.find((a) => a.id === n.author_id)?.name ?? "",
  };
}

export function issueHeading(edition: Edition, planned: PlannedIssue, ranked: boolean): string {
  const ranks = planned.entries.flatMap((e) => (e.rank === null ? [] : [e.rank]));
  if (ranked && planned.issue.ranks && ranks.length > 0) {
    const [lo, hi] = [Math.min(...ranks), Math.max(...ranks)];
    return lo === hi ? `Platz ${lo}` : `Plätze ${hi} bis ${lo}`;
  }
  const category = edition.config.categories.find((c) => c.id === planned.issue.category);
  return category?.name ?? planned.issue.subject;
}

function defaultIntro(edition: Edition, head: string, planned: PlannedIssue): string {
  if (planned.issue.ranks)
    return `in dieser Ausgabe stellen wir die ${head.replace(/^Platz/, "Person auf Platz")} der ${edition.config.title} vor.`;
  if (planned.issue.category !== undefined) return `in dieser Ausgabe stellen wir die Köpfe der Kategorie ${head} vor.`;
  return `in dieser Ausgabe stellen wir ${planned.entries.length === 1 ? "einen weiteren Kopf" : `${planned.entries.length} weitere Köpfe`} der ${edition.config.title} vor.`;
}

/** The template data of one issue, without the per-recipient placeholders. */
export function issueContent(
  edition: Edition,
  planned: PlannedIssue,
  ranked: boolean,
  corrections: readonly CorrectionView[] = [],
): IssueContent {
  const { config } = edition;
  const sendAt = resolveSendAt(planned.issue.send_at, config.timezone);
  const head = issueHeading(edition, planned, ranked);
  const introSource = planned.issue.intro === undefined ? undefined : edition.intros[planned.issue.intro];
  const intro = renderIntro(introSource ?? defaultIntro(edition, head, planned));
  return {
    edition: { title: config.title, year: config.year, baseUrl: config.base_url },
    issue: {
      number: planned.issue.number,
      subject: planned.issue.subject,
      preheader: planned.issue.preheader,
      heading: head,
      date: sendAt.ok ? germanDate(sendAt.dateTime) : "",
      ranked,
    },
    intro: { html: new Handlebars.SafeString(intro.html), text: intro.text },
    entries: planned.entries.map((e) => entryView(edition, e, ranked)),
    publisher: { ...config.publisher },
    corrections: [...corrections],
  };
}
