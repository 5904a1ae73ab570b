/**
 * What the site shows at a moment: the places that are public (schedule/reveal.ts) with the
 * edition cut down to them — their nominees, the authors of their laudations, their photos — so an
 * unrevealed person appears nowhere in the output. The preview shows everything and marks what is
 * not public yet with the time it goes public.
 */
import type { DateTime } from "luxon";
import type { Edition } from "../edition/model.js";
import type { Ranking } from "../rank/model.js";
import { issueHeading } from "../render/newsletter/view-model.js";
import { correctionDate } from "../render/newsletter/corrections.js";
import { germanWhen } from "../render/shared/german-date.js";
import type { SiteCountdown } from "../render/site/model.js";
import { resolveAsOf } from "../schedule/now.js";
import { resolvePlan } from "../schedule/plan.js";
import { resolveWallTime } from "../schedule/wall-time.js";
import { reveal } from "../schedule/reveal.js";
import type { ValidEdition } from "./checked-edition.js";
import { planForPublication } from "./publication.js";
import type { PlannedIssue } from "../render/newsletter/plan.js";

export interface PublicView {
  edition: Edition;
  ranking: Ranking;
  /** The newsletter plan of the whole list (every issue, whatever is public yet). */
  plan: PlannedIssue[];
  /** Issues whose web version is published. */
  issues: ReadonlySet<number>;
  countdown: SiteCountdown;
  /** One line for the build's report: what is public as of when. */
  note: string | null;
}

export function publicView(
  valid: ValidEdition,
  ranking: Ranking,
  options: { asOf: string | null; preview: boolean; clock: () => number },
): PublicView {
  const { edition, published } = valid;
  const zone = edition.config.timezone;
  const asOf = resolveAsOf(options.asOf, zone, options.clock);
  const planned = edition.config.newsletter ? planForPublication(edition, ranking, published) : [];
  const sendAt = new Map(
    resolvePlan(
      planned.map((p) => p.issue),
      zone,
    ).map((s) => [s.number, s.sendAt]),
  );
  const publishAtText = edition.config.site?.publish_at;
  const publishAt = publishAtText === undefined ? null : wallTime(publishAtText, zone);
  const mode = edition.config.site?.reveal ?? (planned.length > 0 ? "countdown" : "all");
  const r = reveal({
    mode,
    planned,
    sendAt,
    published: new Set(published.issues.map((i) => i.issue)),
    publishAt,
    entries: ranking.entries,
    asOf,
  });
  const corrections = correctionsById(edition);
  const ranked = ranking.mode === "ranked";
  const next = r.next === null ? null : { label: issueHeading(edition, r.next.issue, ranked), when: germanWhen(r.next.at) };
  const total = ranking.entries.length;
  if (options.preview) {
    const upcoming = new Map(
      [...r.upcoming].map(([id, at]) => [id, at === null ? "ohne Termin (die Ausgabe hat noch kein send_at)" : `am ${germanWhen(at)}`]),
    );
    return {
      edition,
      ranking,
      plan: planned,
      issues: new Set(planned.map((p) => p.issue.number)),
      countdown: { total, next, upcoming, corrections },
      note: null,
    };
  }
  const visible = ranking.entries.filter((e) => r.visible.has(e.id));
  const authorsShown = new Set(visible.map((e) => e.nominee.author_id));
  const shown: Edition = {
    ...edition,
    nominees: edition.nominees.filter((n) => r.visible.has(n.id)),
    authors: edition.authors.filter((a) => authorsShown.has(a.id)),
  };
  const note =
    mode === "all"
      ? null
      : `public as of ${asOf.toFormat("yyyy-MM-dd HH:mm ZZZZ")}: ${visible.length} of ${total} places${next ? `; next: ${next.label} on ${next.when}` : ""}`;
  return {
    edition: shown,
    ranking: { ...ranking, entries: visible },
    plan: planned,
    issues: r.issues,
    countdown: { total, next, upcoming: new Map(), corrections },
    note,
  };
}

function wallTime(text: string, zone: string): DateTime | null {
  const t = resolveWallTime(text, zone);
  return t.ok ? t.instant : null;
}

function correctionsById(edition: Edition): Map<string, { date: string; text: string }[]> {
  const out = new Map<string, { date: string; text: string }[]>();
  for (const c of [...(edition.config.corrections ?? [])].sort((a, b) => a.date.localeCompare(b.date))) {
    out.set(c.id, [...(out.get(c.id) ?? []), { date: correctionDate(c.date), text: c.text }]);
  }
  return out;
}
