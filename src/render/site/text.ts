/** Text shaping for pages: paragraphs, teasers cut at a word boundary, German dates and numbers. */
import { DateTime } from "luxon";
import type { Movement } from "../../rank/model.js";
import { germanDate } from "../shared/german-date.js";

/** Laudations and bios are plain text with paragraphs separated by a blank line. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, " ").trim())
    .filter((p) => p.length > 0);
}

/** Cuts at the last word boundary within `max` characters and adds "…" (max includes the ellipsis). */
export function cut(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const room = flat.slice(0, max - 1);
  const space = room.lastIndexOf(" ");
  return `${(space > max / 2 ? room.slice(0, space) : room).replace(/[\s,;:.–-]+$/, "")}…`;
}

const POINTS = new Intl.NumberFormat("de-DE", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
export const formatPoints = (points: number) => POINTS.format(points);

/**
 * An issue's send date for a page: German words and the calendar date for <time datetime>; both
 * null when the issue has no time yet (the newsletter plan without start_at).
 */
export function issueDate(iso: string, zone: string): { date: string | null; datetime: string | null } {
  const dt = DateTime.fromISO(iso, { setZone: true }).setZone(zone);
  if (!dt.isValid) return { date: null, datetime: null };
  return { date: germanDate(dt), datetime: dt.toISODate() };
}

export interface MovementView {
  kind: Movement["kind"];
  /** What sighted readers see: "neu", "▲ 3", "▼ 2", "=". */
  badge: string;
  /** What screen readers hear instead. */
  label: string;
}

export function movementView(m: Movement): MovementView {
  switch (m.kind) {
    case "new":
      return { kind: "new", badge: "neu", label: "neu in der Liste" };
    case "same":
      return { kind: "same", badge: "=", label: "Platz gehalten" };
    case "up":
      return { kind: "up", badge: `▲ ${m.by}`, label: `${m.by} ${m.by === 1 ? "Platz" : "Plätze"} gestiegen` };
    case "down":
      return { kind: "down", badge: `▼ ${m.by}`, label: `${m.by} ${m.by === 1 ? "Platz" : "Plätze"} gefallen` };
  }
}

/** Up to two initials for the placeholder when a nominee has no photo. */
export function initials(name: string): string {
  const words = name.split(/\s+/).filter((w) => /^\p{Lu}/u.test(w) && !w.endsWith("."));
  const picked = words.length >= 2 ? [words[0], words[words.length - 1]] : words.slice(0, 1);
  return picked.map((w) => [...(w ?? "")][0] ?? "").join("");
}
