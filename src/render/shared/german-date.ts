/** Dates as the mails and the pages write them. */
import type { DateTime } from "luxon";

/** "Montag, 2. Dezember 2024": the date as the mail shows it. */
export function germanDate(dateTime: DateTime): string {
  return dateTime.setLocale("de").toFormat("cccc, d. MMMM yyyy");
}

/** "Dienstag, 9. Dezember, 7 Uhr" (with minutes when not on the hour: "7:30 Uhr"): when something happens. */
export function germanWhen(dateTime: DateTime): string {
  const dt = dateTime.setLocale("de");
  return dt.toFormat(dt.minute === 0 ? "cccc, d. MMMM, H 'Uhr'" : "cccc, d. MMMM, H:mm 'Uhr'");
}
