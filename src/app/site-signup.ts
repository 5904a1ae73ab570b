/**
 * The sign-up form the site build puts on the index and into embed/anmelden.html. Its hidden form
 * token is signed with KOEPFE_SECRET (as `koepfe serve` checks it) but not timed: a static page may
 * be months old, and the same edition must build the same bytes. The server's own form is timed.
 */
import type { Edition } from "../edition/model.js";
import { SECRET_ENV } from "../lib/token.js";
import type { SiteSignUp } from "../render/site/model.js";
import { consentFor } from "../subscribe/consent.js";
import { embedForm } from "../subscribe/form-pages.js";
import { CONSENT_TICKED, FIELD } from "../subscribe/model.js";
import { formToken } from "../subscribe/token.js";
import { subscribeUrlOf } from "../subscribe/urls.js";

/** A static page's token: "issued" at 1970, so always old enough, never from the future. */
const STATIC_ISSUED_AT = 0;

export function siteSignUp(edition: Edition, env: NodeJS.ProcessEnv | undefined): { signUp: SiteSignUp | null; note?: string } {
  const newsletter = edition.config.newsletter;
  if (newsletter === undefined) return { signUp: null };
  const secret = env?.[SECRET_ENV] ?? "";
  if (secret.length < 16) {
    return {
      signUp: null,
      note: `no sign-up form on the site: ${SECRET_ENV} is not set (the form is signed with it, as koepfe serve checks it)`,
    };
  }
  const consent = consentFor(edition.config.title, newsletter.consent_text);
  const action = subscribeUrlOf(newsletter);
  const token = formToken(secret, STATIC_ISSUED_AT);
  const privacyUrl = newsletter.privacy_url ?? null;
  const embed = embedForm({ listTitle: edition.config.title, consent, action, formToken: token, ...(privacyUrl ? { privacyUrl } : {}) });
  return { signUp: { action, formToken: token, consent, privacyUrl, fields: FIELD, ticked: CONSENT_TICKED, embed } };
}
