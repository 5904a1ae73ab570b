/**
 * What a person may type into the sign-up form, with German messages they can act on. The first
 * name is kept to letters because it is the one free text that reaches a mail ("Hallo Anna,"): a
 * bot that signs up a stranger with "Gewinn auf https://…" as the name must not get its text mailed.
 */
import { domainToASCII } from "node:url";
import { isEmail } from "../edition/fields.js";
import { SINGLE_LINE_FORBIDDEN } from "../lib/text-safety.js";
import { canonicalEmail } from "../lib/token.js";

export type FieldCheck<T> = { ok: true; value: T } | { ok: false; message: string };

/** RFC 5321: at most 254 characters in a path, 64 in the local part. */
export const MAX_EMAIL_LENGTH = 254;
export const MAX_LOCAL_PART_LENGTH = 64;
export const MAX_FIRST_NAME_LENGTH = 80;

const EXAMPLE = "zum Beispiel anna.mueller@example.de";
const TOO_LONG = `Die E-Mail-Adresse ist zu lang: Sie darf höchstens ${MAX_EMAIL_LENGTH} Zeichen haben.`;
const invalid = (message: string): { ok: false; message: string } => ({ ok: false, message });

/**
 * The address as it will be stored (canonicalEmail), or what is wrong with it. Surrounding spaces
 * are dropped; a domain with umlauts (bäckerei-müller.de) becomes its ASCII form, which every relay
 * can deliver to; umlauts before the @ cannot be delivered by most relays and are refused.
 */
export function checkEmail(typed: string): FieldCheck<string> {
  const email = typed.trim();
  if (email === "") return invalid("Bitte geben Sie Ihre E-Mail-Adresse ein.");
  if (email.length > MAX_EMAIL_LENGTH) return invalid(TOO_LONG);
  const at = email.lastIndexOf("@");
  if (at < 0) return invalid(`Die E-Mail-Adresse braucht ein @, ${EXAMPLE}.`);
  if (/\s/.test(email)) return invalid("Die E-Mail-Adresse darf keine Leerzeichen enthalten.");
  const local = email.slice(0, at);
  if (local.length > MAX_LOCAL_PART_LENGTH) {
    return invalid(`Der Teil vor dem @ ist zu lang: Er darf höchstens ${MAX_LOCAL_PART_LENGTH} Zeichen haben.`);
  }
  if (/[^\x21-\x7e]/.test(local)) return invalid("Vor dem @ können wir leider keine Umlaute oder Sonderzeichen wie ß annehmen.");
  const domain = email.slice(at + 1);
  const asciiDomain = /^[\x21-\x7e]*$/.test(domain) ? domain : domainToASCII(domain);
  const ascii = `${local}@${asciiDomain}`;
  // a dot-atom has no dot at either end of the local part and never two in a row; relays refuse them
  const dotsOk = !local.startsWith(".") && !local.endsWith(".") && !local.includes("..");
  if (ascii.length > MAX_EMAIL_LENGTH) return invalid(TOO_LONG);
  if (asciiDomain === "" || !dotsOk || !isEmail(ascii)) return invalid(`Bitte geben Sie eine gültige E-Mail-Adresse ein, ${EXAMPLE}.`);
  return { ok: true, value: canonicalEmail(ascii) };
}

/** Zero-width characters and bidi controls: invisible, and able to reorder the salutation. */
const INVISIBLE = /[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/;
/**
 * Letters of any script with their accents, and the space, hyphen and apostrophe names use; a period
 * only at the end of a word ("J. R."), so that "www.gewinn.example" is no name.
 */
const NAME = /^\p{L}(?:[\p{L}\p{M} '’-]|\.(?= |$))*$/u;

/** The first name as stored (trimmed; null when left empty), or what is wrong with it. */
export function checkFirstName(typed: string): FieldCheck<string | null> {
  const name = typed.trim();
  if (name === "") return { ok: true, value: null };
  if ([...name].length > MAX_FIRST_NAME_LENGTH) {
    return invalid(`Der Vorname ist zu lang: Er darf höchstens ${MAX_FIRST_NAME_LENGTH} Zeichen haben.`);
  }
  if (SINGLE_LINE_FORBIDDEN.test(name) || INVISIBLE.test(name)) {
    return invalid("Der Vorname enthält einen Zeilenumbruch oder unsichtbare Steuerzeichen. Bitte tippen Sie ihn noch einmal ein.");
  }
  if (!NAME.test(name)) {
    return invalid("Bitte geben Sie als Vornamen nur Buchstaben ein; Leerzeichen, Bindestrich, Apostroph und Punkt sind auch möglich.");
  }
  return { ok: true, value: name };
}
