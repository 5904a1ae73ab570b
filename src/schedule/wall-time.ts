/**
 * The scheduling policy on top of the newsletter's `send_at` parser: luxon silently moves a time in
 * the spring-forward gap (2025-03-30T02:30 → 03:30) and picks one of two offsets in the autumn
 * overlap; a countdown mail must go out when the editor meant, so both are refused unless the time
 * carries an explicit offset.
 */
import type { DateTime } from "luxon";
import { resolveSendAt } from "../render/newsletter/send-at.js";

export type WallTime =
  | { ok: true; instant: DateTime; explicitOffset: boolean }
  | { ok: false; code: "invalid-send-at" | "send-at-in-gap" | "send-at-ambiguous"; message: string };

/** Resolves a `send_at` string to an instant, refusing non-existent and ambiguous local times. */
export function resolveWallTime(sendAt: string, zone: string): WallTime {
  const r = resolveSendAt(sendAt, zone);
  if (!r.ok) return { ok: false, code: "invalid-send-at", message: `"${sendAt}" ${r.message}` };
  if (r.inGap) {
    return {
      ok: false,
      code: "send-at-in-gap",
      message: `${sendAt} does not exist in ${zone}: the clocks jump forward then (luxon would silently use ${r.dateTime.toFormat("HH:mm")}); pick another time`,
    };
  }
  if (r.ambiguous) {
    const options = r.dateTime
      .getPossibleOffsets()
      .map((o) => o.toISO({ suppressMilliseconds: true, includeOffset: true }))
      .join(" or ");
    return {
      ok: false,
      code: "send-at-ambiguous",
      message: `${sendAt} happens twice in ${zone} (the clocks go back then): write the offset explicitly, ${options}`,
    };
  }
  return { ok: true, instant: r.dateTime, explicitOffset: r.explicitOffset };
}
