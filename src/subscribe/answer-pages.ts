/**
 * The answers around a sign-up: after the form was sent, the confirmation link's GET and POST, and
 * a link that cannot be used. None of them names an address: whoever holds a page learns nothing
 * about who is subscribed.
 */
import type { DateTime } from "luxon";
import { germanDate } from "../render/shared/german-date.js";
import { escapeHtml, page } from "./html.js";

/**
 * The one answer to every sign-up that looks accepted, whether the address is new, pending,
 * confirmed, suppressed, rate-limited or a bot's: the same bytes for the same list, so the answer
 * cannot be used to find out whether somebody subscribes.
 */
export function acceptedPage(view: { listTitle: string; ttlHours: number }): string {
  return page(
    "Bitte bestätigen Sie Ihre Anmeldung",
    `<h1>Bitte bestätigen Sie Ihre Anmeldung</h1>
<p>Vielen Dank für Ihr Interesse an „${escapeHtml(view.listTitle)}“. Wenn die Adresse noch nicht angemeldet ist, schicken wir Ihnen in den nächsten Minuten eine E-Mail mit einem Bestätigungslink.</p>
<p>Erst wenn Sie dort auf „Anmeldung bestätigen“ klicken, sind Sie angemeldet. Der Link ist ${view.ttlHours} Stunden gültig.</p>
<p>Keine E-Mail erhalten? Bitte sehen Sie auch im Spam-Ordner nach.</p>`,
  );
}

/** GET /bestaetigen/<token>: only a button. A GET changes nothing because mail scanners follow links. */
export function confirmPage(view: { listTitle: string; action: string }): string {
  return page(
    "Anmeldung bestätigen",
    `<h1>Anmeldung bestätigen</h1>
<p>Bitte bestätigen Sie, dass Sie den Newsletter „${escapeHtml(view.listTitle)}“ erhalten möchten.</p>
<form method="post" action="${escapeHtml(view.action)}"><button type="submit">Anmeldung bestätigen</button></form>
<p>Sie können sich jederzeit wieder abmelden: Jede Ausgabe enthält einen Link dafür.</p>`,
  );
}

/** "Dienstag, 8. Dezember 2026, um 7 Uhr" (minutes only when they are not :00). */
function issueTime(at: DateTime): string {
  const clock = at.minute === 0 ? `${at.hour} Uhr` : `${at.hour}:${String(at.minute).padStart(2, "0")} Uhr`;
  return `${germanDate(at)}, um ${clock}`;
}

/** After POST /bestaetigen/<token>; `nextIssueAt` in the edition's zone, or null when no issue is scheduled. */
export function confirmedPage(view: { listTitle: string; nextIssueAt: DateTime | null }): string {
  const next =
    view.nextIssueAt === null
      ? "Sie erhalten die nächste Ausgabe, sobald sie erscheint."
      : `Die nächste Ausgabe erscheint am ${issueTime(view.nextIssueAt)}.`;
  return page(
    "Anmeldung bestätigt",
    `<h1>Ihre Anmeldung ist bestätigt</h1>
<p>Vielen Dank! Sie erhalten ab jetzt den Newsletter „${escapeHtml(view.listTitle)}“. ${next}</p>
<p>Jede Ausgabe enthält einen Link, mit dem Sie sich jederzeit wieder abmelden können.</p>`,
  );
}

/** Why a confirmation link cannot be used. "used": its nonce is not the pending one (confirmed, or a newer link was sent). */
export type InvalidTokenReason = "forged" | "malformed" | "expired" | "used";

// forged and malformed read the same: the page must not help anybody probe the token format
const UNREADABLE = {
  title: "Dieser Bestätigungslink ist ungültig",
  text: "Vielleicht wurde der Link beim Kopieren gekürzt oder von Ihrem E-Mail-Programm umgebrochen. Bitte öffnen Sie den vollständigen Link aus der E-Mail.",
};

const EXPLANATION: Record<InvalidTokenReason, { title: string; text: string }> = {
  forged: UNREADABLE,
  malformed: UNREADABLE,
  expired: {
    title: "Dieser Bestätigungslink ist abgelaufen",
    text: "Bestätigungslinks gelten nur für kurze Zeit, damit niemand eine fremde Adresse später noch anmelden kann.",
  },
  used: {
    title: "Dieser Bestätigungslink gilt nicht mehr",
    text: "Das passiert, wenn die Anmeldung schon bestätigt wurde oder wenn wir inzwischen einen neueren Link geschickt haben. Bitte verwenden Sie dann den Link aus der neuesten E-Mail.",
  },
};

/** The 400 page for a confirmation link that cannot be used: what happened and what to do next. */
export function invalidTokenPage(reason: InvalidTokenReason, signUpUrl = "/anmelden"): string {
  const { title, text } = EXPLANATION[reason];
  return page(
    title,
    `<h1>${title}</h1>
<p>${text}</p>
<p>Sie können sich jederzeit <a href="${escapeHtml(signUpUrl)}">noch einmal anmelden</a>; Sie erhalten dann eine neue E-Mail mit einem Bestätigungslink.</p>`,
  );
}
