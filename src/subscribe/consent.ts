/**
 * The consent a subscriber gives. German law (UWG § 7, DSGVO Art. 7) makes the sender prove each
 * consent, so the ledger records the version of the exact wording next to the checkbox; a version
 * therefore has to change whenever the wording does.
 */
import { createHash } from "node:crypto";
import { ConsentTextSetting } from "../edition/consent-setting.js";
import type { Consent } from "./model.js";

export { ConsentTextSetting };

/** The first 8 hex digits of the wording's SHA-256: enough to tell two wordings apart in the ledger. */
const fingerprint = (text: string) => createHash("sha256").update(text, "utf8").digest("hex").slice(0, 8);

/** The default wording: names the list, the only use of the data, and the way out. */
export function defaultConsentText(listTitle: string): string {
  return (
    `Ja, ich möchte den Newsletter „${listTitle}“ per E-Mail erhalten. ` +
    "Meine E-Mail-Adresse und, falls angegeben, mein Vorname werden nur für den Versand dieses Newsletters verwendet. " +
    "Ich kann meine Einwilligung jederzeit widerrufen, zum Beispiel über den Abmeldelink in jeder Ausgabe."
  );
}

/**
 * The consent shown and recorded for a list. The default's version carries a fingerprint of the
 * wording because the wording contains the list title: renaming the list is a new wording too.
 */
export function consentFor(listTitle: string, setting?: ConsentTextSetting): Consent {
  if (setting === undefined) {
    const text = defaultConsentText(listTitle);
    return { text, version: `standard-1-${fingerprint(text)}` };
  }
  if (typeof setting === "string") return { text: setting, version: `text-${fingerprint(setting)}` };
  return { text: setting.text, version: setting.version };
}
