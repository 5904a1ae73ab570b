/**
 * `send_at` is a wall-clock time in the edition's time zone. luxon silently moves a time in the
 * spring-forward gap (2025-03-30T02:30 → 03:30) and picks one of two offsets in the autumn
 * overlap; a countdown mail must go out when the editor meant, so both are refused unless the time
 * carries an explicit offset.
 */
import { DateTime } from "luxon";

export type WallTime =
  | { ok: true; instant: DateTime; explicitOffset: boolean }
  | { ok: false; code: "invalid-send-at" | "send-at-in-gap" | "send-at-ambiguous"; message: string };

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})$/;

/** Resolves a `send_at` string to an instant, refusing non-existent and ambiguous local times. */
export function resolveWallTime(sendAt: string, zone: string): WallTime {
  if (WITH_OFFSET.test(sendAt)) {
    const dt = DateTime.fromISO(sendAt, { setZone: true });
    if (!dt.isValid) return { ok: false, code: "invalid-send-at", message: `"${sendAt}" is not a valid date-time` };
    return { ok: true, instant: dt.setZone(zone), explicitOffset: true };
  }
  const m = LOCAL.exec(sendAt);
  if (!m) return { ok: false, code: "invalid-send-at", message: `"${sendAt}" is not a local date-time like 2024-12-02T07:00` };
  const wanted = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: Number(m[4]), minute: Number(m[5]), second: Number(m[6] ?? 0) };
  const dt = DateTime.fromObject(wanted, { zone });
  if (!dt.isValid) return { ok: false, code: "invalid-send-at", message: `"${sendAt}" is not a valid date-time (${dt.invalidExplanation ?? dt.invalidReason ?? "invalid"})` };
  if (dt.day !== wanted.day || dt.hour !== wanted.hour || dt.minute !== wanted.minute) {
    return { ok: false, code: "send-at-in-gap", message: `${sendAt} does not exist in ${zone}: the clocks jump forward then (luxon would silently use ${dt.toFormat("HH:mm")}); pick another time` };
  }
  const offsets = dt.getPossibleOffsets();
  if (offsets.length > 1) {
    const options = offsets.map((o) => o.toISO({ suppressMilliseconds: true, includeOffset: true })).join(" or ");
    return { ok: false, code: "send-at-ambiguous", message: `${sendAt} happens twice in ${zone} (the clocks go back then): write the offset explicitly, ${options}` };
  }
  return { ok: true, instant: dt, explicitOffset: false };
}
