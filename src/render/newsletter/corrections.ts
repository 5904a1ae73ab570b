/**
 * Where corrections of published entries appear in the countdown (Pressekodex, Ziffer 3): in the
 * footer of the next issue after the correction, i.e. the first issue on a later day than the
 * correction's date. A correction dated after the last issue is shown on the site and in
 * `rank --explain` only. Pure.
 */
import { DateTime } from "luxon";
import type { Edition } from "../../edition/model.js";
import type { PlannedIssue } from "./plan.js";
import { resolveSendAt } from "./send-at.js";
import type { CorrectionView } from "./view-model.js";

/** "3. Dezember 2024". */
export function correctionDate(isoDate: string): string {
  return DateTime.fromISO(isoDate, { zone: "UTC" }).setLocale("de").toFormat("d. MMMM yyyy");
}

/** Issue number → the corrections its footer shows; `nameOf` names a nominee, also one no longer on the list. */
export function correctionsByIssue(
  edition: Edition,
  planned: readonly PlannedIssue[],
  nameOf: (id: string) => string,
): Map<number, CorrectionView[]> {
  const out = new Map<number, CorrectionView[]>();
  const corrections = [...(edition.config.corrections ?? [])].sort((a, b) => a.date.localeCompare(b.date));
  if (corrections.length === 0) return out;
  const days = planned
    .map((p) => {
      const at = resolveSendAt(p.issue.send_at, edition.config.timezone);
      return { number: p.issue.number, day: at.ok ? (at.dateTime.toISODate() ?? "") : "" };
    })
    .filter((d) => d.day !== "")
    .sort((a, b) => a.day.localeCompare(b.day));
  for (const c of corrections) {
    const next = days.find((d) => d.day > c.date);
    if (next === undefined) continue;
    out.set(next.number, [...(out.get(next.number) ?? []), { date: correctionDate(c.date), name: nameOf(c.id), text: c.text }]);
  }
  return out;
}
