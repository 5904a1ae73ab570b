/** Dates as the mails and the pages write them. */
import type { DateTime } from "luxon";

/** "Montag, 2. Dezember 2024": the date as the mail shows it. */
export function germanDate(dateTime: DateTime): string {
  return dateTime.setLocale("de").toFormat("cccc, d. MMMM yyyy");
}
