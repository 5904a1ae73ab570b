/**
 * Reads the body of POST /anmelden. Three answers:
 * - "valid": a person consented; the caller still checks the honeypot, the form timing and the limits.
 * - "fixable": a mistake a person can correct in our form (address, first name, consent box, a consent
 *   wording that changed while the form was open): the caller shows the form again with a 400.
 * - "refused": no browser sends this from our form (wrong type, too big, not UTF-8, fields it does not
 *   have, a field twice, CR/LF in a value): the caller answers with the accepted page and stores nothing,
 *   so a bot learns nothing. `detail` is for the log, already made printable.
 */
import { printable } from "../lib/text-safety.js";
import { parseFormBody } from "./form-body.js";
import { CONSENT_TICKED, FIELD, type FieldErrors, type FormValues } from "./model.js";
import { checkEmail, checkFirstName } from "./person-fields.js";

/** Our form sends a few hundred bytes; 8 KiB leaves room for long names and addresses and nothing else. */
export const MAX_SIGN_UP_BYTES = 8192;

export type RefusedReason =
  | "content-type"
  | "too-large"
  | "not-utf8"
  | "malformed-body"
  | "unknown-field"
  | "repeated-field"
  | "missing-field"
  | "header-injection"
  | "unexpected-value";

export type SignUp =
  | { kind: "valid"; email: string; firstName: string | null; consent: true; consentVersion: string; honeypot: string; timing: string }
  | { kind: "fixable"; values: FormValues; errors: FieldErrors }
  | { kind: "refused"; reason: RefusedReason; detail?: string };

export interface SignUpRequest {
  /** The body as read: at most `maxBytes + 1` bytes, so an oversized body is seen as such. */
  body: Uint8Array;
  /** The Content-Type header, if any. */
  contentType: string | undefined;
  /** The version of the consent wording the form shows now. */
  consentVersion: string;
  maxBytes?: number;
}

// browsers send the type without parameters; a charset other than UTF-8 would change the bytes' meaning
const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(?:;\s*charset\s*=\s*(?:"utf-8"|utf-8)\s*)?$/i;

/** Our form always sends these; only an unticked consent box is absent. */
const ALWAYS_SENT = [FIELD.email, FIELD.firstName, FIELD.consentVersion, FIELD.timing, FIELD.honeypot];
const KNOWN = new Set<string>([...ALWAYS_SENT, FIELD.consent]);

/** CR, LF and NUL can never come from our single-line fields; "%0d%0a" left after decoding is a double-encoded try. */
const INJECTION = /[\r\n\0]|%0[ad]/i;

const refuse = (reason: RefusedReason, detail?: string): SignUp =>
  detail === undefined ? { kind: "refused", reason } : { kind: "refused", reason, detail: printable(detail).slice(0, 60) };

/** Classifies one sign-up POST. Pure: no clock, no ledger. */
export function readSignUp(request: SignUpRequest): SignUp {
  if (!FORM_TYPE.test((request.contentType ?? "").trim())) return refuse("content-type", request.contentType ?? "(none)");
  if (request.body.length > (request.maxBytes ?? MAX_SIGN_UP_BYTES)) return refuse("too-large");
  const parsed = parseFormBody(request.body);
  if (!parsed.ok) return refuse(parsed.reason);

  const fields = new Map<string, string>();
  for (const [name, value] of parsed.pairs) {
    if (!KNOWN.has(name)) return refuse("unknown-field", name);
    if (fields.has(name)) return refuse("repeated-field", name);
    if (INJECTION.test(value)) return refuse("header-injection", name);
    fields.set(name, value);
  }
  const missing = ALWAYS_SENT.find((name) => !fields.has(name));
  if (missing !== undefined) return refuse("missing-field", missing);
  const ticked = fields.get(FIELD.consent);
  if (ticked !== undefined && ticked !== CONSENT_TICKED) return refuse("unexpected-value", FIELD.consent);

  return checkFields(fields, request.consentVersion);
}

function checkFields(fields: Map<string, string>, currentVersion: string): SignUp {
  const typedEmail = fields.get(FIELD.email) ?? "";
  const typedName = fields.get(FIELD.firstName) ?? "";
  const version = fields.get(FIELD.consentVersion) ?? "";
  // a consent to another wording is no consent to this one: the box must be ticked again under the new text
  const sameWording = version === currentVersion;
  const ticked = fields.has(FIELD.consent) && sameWording;

  const email = checkEmail(typedEmail);
  const firstName = checkFirstName(typedName);
  const errors: FieldErrors = {};
  if (!email.ok) errors.email = email.message;
  if (!firstName.ok) errors.firstName = firstName.message;
  if (!sameWording) {
    errors.consent = "Der Text der Einwilligung wurde inzwischen geändert. Bitte lesen Sie ihn und setzen Sie das Häkchen erneut.";
  } else if (!ticked) {
    errors.consent =
      "Bitte setzen Sie das Häkchen, wenn Sie den Newsletter erhalten möchten: Ohne Ihre Einwilligung dürfen wir ihn nicht schicken.";
  }
  if (!email.ok || !firstName.ok || !ticked) {
    // shown again in the form: a control character becomes a visible "?" the person can delete
    const values = { email: printable(typedEmail.trim()), firstName: printable(typedName.trim()), consent: ticked };
    return { kind: "fixable", values, errors };
  }
  return {
    kind: "valid",
    email: email.value,
    firstName: firstName.value,
    consent: true,
    consentVersion: version,
    honeypot: fields.get(FIELD.honeypot) ?? "",
    timing: fields.get(FIELD.timing) ?? "",
  };
}
