/**
 * DKIM signing settings: the key from $KOEPFE_DKIM_KEY_FILE (secrets stay out of edition.json), the
 * domain and selector from newsletter.dkim. The signed header list is explicit because RFC 8058 only
 * honours one-click unsubscribe when List-Unsubscribe-Post is signed together with List-Unsubscribe.
 */
import { readFileSync } from "node:fs";
import { createPrivateKey } from "node:crypto";
import type { NewsletterConfig } from "../../edition/config-schema.js";
import { KoepfeError } from "../../lib/errors.js";
import type { DkimSettings } from "./protocol.js";

export const DKIM_KEY_ENV = "KOEPFE_DKIM_KEY_FILE";

export const SIGNED_HEADERS = [
  "From",
  "Sender",
  "Reply-To",
  "Subject",
  "Date",
  "Message-ID",
  "To",
  "Cc",
  "MIME-Version",
  "Content-Type",
  "Content-Transfer-Encoding",
  "List-Id",
  "List-Unsubscribe",
  "List-Unsubscribe-Post",
].join(":");

/**
 * Signing settings when both the key file and newsletter.dkim are set, null when neither is; a half
 * configuration is a warning (the relay may sign), an unreadable key an error.
 */
export function dkimSettings(
  env: NodeJS.ProcessEnv,
  config: NewsletterConfig["dkim"],
): { dkim: DkimSettings | null; warning: string | null } {
  const keyFile = env[DKIM_KEY_ENV];
  const hasKey = keyFile !== undefined && keyFile !== "";
  if (!hasKey && !config) return { dkim: null, warning: null };
  if (!hasKey) return { dkim: null, warning: `newsletter.dkim is set but ${DKIM_KEY_ENV} is not: mails are not DKIM-signed by koepfe` };
  if (!config)
    return {
      dkim: null,
      warning: `${DKIM_KEY_ENV} is set but newsletter.dkim {domain, selector} is not: mails are not DKIM-signed by koepfe`,
    };
  let privateKey: string;
  try {
    privateKey = readFileSync(keyFile, "utf8");
    createPrivateKey(privateKey);
  } catch (e) {
    throw new KoepfeError("E_DKIM_KEY", `cannot use the DKIM key ${keyFile} (${DKIM_KEY_ENV}): ${(e as Error).message}`, { cause: e });
  }
  return { dkim: { domainName: config.domain, keySelector: config.selector, privateKey, headerFieldNames: SIGNED_HEADERS }, warning: null };
}
