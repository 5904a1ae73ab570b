/**
 * The sign-up form as a page of `koepfe serve` (GET /anmelden, and again after a fixable mistake)
 * and as the embed the site build writes to embed/anmelden.html.
 */
import { isHttpsUrl } from "../edition/fields.js";
import { KoepfeError } from "../lib/errors.js";
import { signUpForm, hasErrors, type FormView } from "./form.js";
import { escapeHtml, page } from "./html.js";

function intro(view: FormView): string {
  return `<h1>Newsletter abonnieren</h1>
<p>Mit dem Newsletter „${escapeHtml(view.listTitle)}“ erhalten Sie jede neue Ausgabe per E-Mail. Nach dem Absenden schicken wir Ihnen eine E-Mail: Erst wenn Sie den Link darin bestätigen, sind Sie angemeldet.</p>
`;
}

/** GET /anmelden, or the 400 answer to a fixable mistake (then the title starts with "Fehler:"). */
export function formPage(view: FormView): string {
  const title = `Newsletter abonnieren: ${view.listTitle}`;
  return page(hasErrors(view) ? `Fehler: ${title}` : title, `${intro(view)}${signUpForm(view)}`);
}

/**
 * The form as a document of its own for the static site: no script, styles inline, an absolute
 * https action (the embed is shown on another origin than `koepfe serve`). A view whose action is
 * not https is a wiring mistake, reported as E_SUBSCRIBE_URL.
 */
export function embedForm(view: FormView): string {
  if (!isHttpsUrl(view.action)) {
    throw new KoepfeError("E_SUBSCRIBE_URL", `the sign-up form posts to "${view.action}": it must be an absolute https:// URL`);
  }
  return page(`Newsletter abonnieren: ${view.listTitle}`, `${intro(view)}${signUpForm(view, "_top")}`);
}
