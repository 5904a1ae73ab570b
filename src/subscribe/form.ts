/**
 * The sign-up form itself, shared by the page `koepfe serve` answers and the embed on the static
 * site. It works without JavaScript: the server shows it again with the person's values, an error
 * summary at the top and a message at each field it could not accept.
 */
import { escapeHtml } from "./html.js";
import { CONSENT_TICKED, FIELD, type Consent, type FieldErrors, type FormValues } from "./model.js";

/** Everything one rendering of the form needs. */
export interface FormView {
  /** The newsletter's name as readers know it ("100 Köpfe 2026"). */
  listTitle: string;
  consent: Consent;
  /** Where the form posts to: "/anmelden" on the server, an absolute https URL in the embed. */
  action: string;
  /** The signed form-timing token (token.ts `formToken`). */
  formToken: string;
  /** The Datenschutz page, linked under the consent when configured. */
  privacyUrl?: string;
  /** What the person entered, when the form comes back after a fixable mistake. */
  values?: FormValues;
  errors?: FieldErrors;
}

const EMPTY: FormValues = { email: "", firstName: "", consent: false };

/** The fields in the order of the form, with their element ids: the summary links follow this order. */
const FIELDS = [
  { key: "email", id: "email" },
  { key: "firstName", id: "first-name" },
  { key: "consent", id: "consent" },
] as const;

/** True when the view carries at least one field error. */
export function hasErrors(view: FormView): boolean {
  return FIELDS.some((f) => view.errors?.[f.key] !== undefined);
}

/**
 * The error summary: focused on load (autofocus needs no script) so keyboard and screen-reader users
 * start at the list of what to correct; each item links to its field.
 */
function errorSummary(errors: FieldErrors): string {
  const items = FIELDS.flatMap((f) => {
    const message = errors[f.key];
    return message === undefined ? [] : [`<li><a href="#${f.id}">${escapeHtml(message)}</a></li>`];
  });
  if (items.length === 0) return "";
  const heading = items.length === 1 ? "Bitte korrigieren Sie diese Angabe:" : "Bitte korrigieren Sie diese Angaben:";
  return `<div class="summary" role="alert" aria-labelledby="summary-title" tabindex="-1" autofocus>
<h2 id="summary-title">${heading}</h2><ul>${items.join("")}</ul></div>
`;
}

const errorLine = (id: string, message: string | undefined) =>
  message === undefined ? "" : `<p class="error" id="${id}-error"><span class="visually-hidden">Fehler: </span>${escapeHtml(message)}</p>`;

/** aria-describedby and aria-invalid for a field: its hints, then its error. */
function ariaFor(id: string, hints: string[], error: string | undefined): string {
  const ids = error === undefined ? hints : [...hints, `${id}-error`];
  return `${ids.length > 0 ? ` aria-describedby="${ids.join(" ")}"` : ""}${error === undefined ? "" : ' aria-invalid="true"'}`;
}

function textField(o: {
  id: string;
  name: string;
  type: string;
  label: string;
  autocomplete: string;
  required: boolean;
  value: string;
  error: string | undefined;
}): string {
  const extra = o.type === "email" ? ' spellcheck="false" autocapitalize="none"' : "";
  return `<div class="field"><label for="${o.id}">${o.label}</label>${errorLine(o.id, o.error)}
<input id="${o.id}" name="${o.name}" type="${o.type}" autocomplete="${o.autocomplete}"${o.required ? " required" : ""}${extra}${ariaFor(o.id, [], o.error)} value="${escapeHtml(o.value)}"></div>
`;
}

/** The checkbox whose label IS the consent text; the version and the Datenschutz link are its description. */
function consentField(view: FormView, ticked: boolean, error: string | undefined): string {
  const privacy =
    view.privacyUrl === undefined ? "" : ` Mehr dazu in den <a href="${escapeHtml(view.privacyUrl)}">Hinweisen zum Datenschutz</a>.`;
  return `<div class="field consent">${errorLine("consent", error)}
<input id="consent" name="${FIELD.consent}" type="checkbox" value="${CONSENT_TICKED}" required${ticked ? " checked" : ""}${ariaFor("consent", ["consent-version"], error)}>
<label for="consent">${escapeHtml(view.consent.text)}</label>
<p class="hint" id="consent-version">Fassung der Einwilligung: ${escapeHtml(view.consent.version)}.${privacy}</p></div>
`;
}

/**
 * The honeypot: out of layout and out of the accessibility tree (display:none, also inline so a copied
 * fragment keeps it hidden), not focusable, never autofilled. A filled honeypot marks a bot.
 */
const honeypot = `<div class="hp" style="display:none" aria-hidden="true"><label for="${FIELD.honeypot}">Bitte leer lassen</label>
<input id="${FIELD.honeypot}" name="${FIELD.honeypot}" type="text" tabindex="-1" autocomplete="off" value=""></div>
`;

/**
 * The error summary (when there are errors) and the `<form>`. `target` is "_top" in the embed so the
 * answer replaces the framing page instead of loading into a frame the server refuses to be shown in.
 */
export function signUpForm(view: FormView, target?: "_top"): string {
  const values = view.values ?? EMPTY;
  const errors = view.errors ?? {};
  const email = textField({
    id: "email",
    name: FIELD.email,
    type: "email",
    label: "E-Mail-Adresse",
    autocomplete: "email",
    required: true,
    value: values.email,
    error: errors.email,
  });
  const firstName = textField({
    id: "first-name",
    name: FIELD.firstName,
    type: "text",
    label: "Vorname (freiwillig)",
    autocomplete: "given-name",
    required: false,
    value: values.firstName,
    error: errors.firstName,
  });
  const targetAttr = target === undefined ? "" : ` target="${target}"`;
  return `${errorSummary(errors)}<form method="post" action="${escapeHtml(view.action)}"${targetAttr}>
${email}${firstName}${consentField(view, values.consent, errors.consent)}<input type="hidden" name="${FIELD.consentVersion}" value="${escapeHtml(view.consent.version)}">
<input type="hidden" name="${FIELD.timing}" value="${escapeHtml(view.formToken)}">
${honeypot}<button type="submit">Anmelden</button>
</form>
`;
}
