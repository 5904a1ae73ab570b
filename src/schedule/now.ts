/** The clock of scheduling commands: `--now` for rehearsals and tests, else the real time, in the edition's zone. */
import { DateTime } from "luxon";
import { UsageError } from "../lib/errors.js";

/** A local `--now` ("2024-12-02T07:05") is read in the edition's zone; one with an offset is taken as it is. */
export function resolveNow(now: string | null, zone: string, clock: () => number = Date.now): DateTime {
  if (now === null) return DateTime.fromMillis(clock()).setZone(zone);
  const dt = DateTime.fromISO(now, { zone, setZone: /(Z|[+-]\d{2}:?\d{2})$/.test(now) });
  if (!dt.isValid) throw new UsageError(`--now "${now}" is not an ISO date-time such as 2024-12-02T07:05`);
  return dt.setZone(zone);
}
