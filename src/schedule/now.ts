/** The clock of scheduling commands: `--now` / `--as-of` for rehearsals and tests, else the real time, in the edition's zone. */
import { DateTime } from "luxon";
import { UsageError } from "../lib/errors.js";

const HAS_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/;

/** A local time ("2024-12-02T07:05") is read in the edition's zone; one with an offset is taken as it is. */
function resolveClock(option: string, value: string | null, zone: string, clock: () => number): DateTime {
  if (value === null) return DateTime.fromMillis(clock()).setZone(zone);
  const dt = DateTime.fromISO(value, { zone, setZone: HAS_OFFSET.test(value) });
  if (!dt.isValid)
    throw new UsageError(
      `${option} "${value}" is not an ISO date-time such as 2024-12-02T07:05 (local to the edition's time zone, or with an offset)`,
    );
  return dt.setZone(zone);
}

/** `--now` of `send --due` and `status`. */
export function resolveNow(now: string | null, zone: string, clock: () => number = Date.now): DateTime {
  return resolveClock("--now", now, zone, clock);
}

/** `--as-of` of `build`: which places are public. */
export function resolveAsOf(asOf: string | null, zone: string, clock: () => number = Date.now): DateTime {
  return resolveClock("--as-of", asOf, zone, clock);
}
