/**
 * `send_at` of a newsletter issue: a local wall-clock time in the edition's timezone
 * ("2024-12-02T07:00"), or a time with an explicit offset ("2025-10-26T02:30+01:00", "…Z").
 * This file only parses and reports facts; the schedule rules built on them (a time in the
 * spring-forward gap, an ambiguous autumn hour, ascending order) live in schedule/wall-time.ts and schedule/plan-check.ts.
 */
import { DateTime } from "luxon";

const LOCAL_ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?$/;

export type SendAt =
  | {
      ok: true;
      /** The instant, in the edition's zone (with the offset that applies then). */
      dateTime: DateTime;
      /** The text carried an offset or Z, so the instant is fixed whatever the zone's rules. */
      explicitOffset: boolean;
      /** A local time the zone skips (spring forward): luxon moved it to `dateTime` (e.g. 02:30 → 03:30). */
      inGap: boolean;
      /** A local time the zone has twice (autumn fall-back) and no offset to choose one; luxon picked the later offset. */
      ambiguous: boolean;
    }
  | { ok: false; message: string };

/** Parses a send time read in `zone` (an IANA zone such as "Europe/Berlin"). Pure. */
export function resolveSendAt(sendAt: string, zone: string): SendAt {
  const m = LOCAL_ISO.exec(sendAt);
  if (!m) return { ok: false, message: "is not a local date and time such as 2024-12-02T07:00 (an offset such as +01:00 may follow)" };
  const explicitOffset = m[7] !== undefined;
  const parsed = DateTime.fromISO(sendAt, { zone, setZone: explicitOffset });
  if (!parsed.isValid)
    return { ok: false, message: `is not a valid date and time (${parsed.invalidExplanation ?? parsed.invalidReason ?? "out of range"})` };
  const dateTime = parsed.setZone(zone);
  const inGap = !explicitOffset && (parsed.hour !== Number(m[4]) || parsed.minute !== Number(m[5]) || parsed.day !== Number(m[3]));
  const ambiguous = !explicitOffset && !inGap && parsed.getPossibleOffsets().length > 1;
  return { ok: true, dateTime, explicitOffset, inGap, ambiguous };
}
