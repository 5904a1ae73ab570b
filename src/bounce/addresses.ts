/**
 * Addresses in hostile text: finding them, and accepting only what can be matched to a subscriber.
 */
import { isEmail } from "../edition/fields.js";
import { canonicalEmail } from "../lib/token.js";

/** An RFC 5321 mailbox as isEmail accepts it (ASCII only), found anywhere in a text. */
export const ADDRESS_IN_TEXT =
  /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+/g;

/** Relay and role mailboxes that appear in reports but are never the failed recipient. */
const ROLE_LOCAL_PART =
  /^(?:postmaster|mailer-daemon|mailer_daemon|mail-daemon|maildaemon|double-bounce|hostmaster|abuse|noreply|no-reply)$/i;

/**
 * The canonical form of an address written in a report ("<a@b>", "rfc822;a@b", with spaces), or null
 * when it is not a plain address: such a value cannot be matched to a subscriber and is hostile or broken.
 */
export function acceptAddress(written: string): string | null {
  const bare = written
    .trim()
    .replace(/^<(.*)>$/, "$1")
    .trim();
  return isEmail(bare) ? canonicalEmail(bare) : null;
}

/** Every address in a text, canonical, in order of appearance, each once. */
export function addressesIn(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(ADDRESS_IN_TEXT)) {
    const address = acceptAddress(m[0]);
    if (address !== null) found.add(address);
  }
  return [...found];
}

/** True for postmaster@, mailer-daemon@ and their like. */
export function isRoleAddress(address: string): boolean {
  return ROLE_LOCAL_PART.test(address.slice(0, address.lastIndexOf("@")));
}
