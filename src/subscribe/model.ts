/**
 * The words the sign-up pages and the request reader share: field names (one place, so the form and
 * the reader cannot drift apart), the values a person typed, and the German messages per field.
 */

/** Names of the form fields as they travel in the POST body. */
export const FIELD = {
  email: "email",
  firstName: "first_name",
  consent: "consent",
  consentVersion: "consent_version",
  timing: "form_token",
  /** The honeypot: humans never see it, form-filling bots do ("homepage" is a name they like to fill). */
  honeypot: "homepage",
} as const;

/** The value the consent checkbox sends when ticked; an unticked box sends nothing. */
export const CONSENT_TICKED = "ja";

/** The consent wording shown next to the checkbox, and the version recorded with each consent. */
export interface Consent {
  text: string;
  version: string;
}

/** What the person entered, to show the form again after a fixable mistake. */
export interface FormValues {
  email: string;
  firstName: string;
  consent: boolean;
}

/** One German message per field the person can correct. */
export interface FieldErrors {
  email?: string;
  firstName?: string;
  consent?: string;
}
