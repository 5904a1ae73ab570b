/** A sender as edition.json writes it: `100 Köpfe <koepfe@example.org>`. `check` and `send` read it alike. */
import addressparser from "nodemailer/lib/addressparser";

export interface Mailbox {
  name: string;
  address: string;
  domain: string;
}

/** Parses exactly one mailbox; null for none, two or more, or a group. */
export function parseMailbox(from: string): Mailbox | null {
  const parsed = addressparser(from, { flatten: true });
  const box = parsed.length === 1 ? parsed[0] : undefined;
  const at = box?.address?.lastIndexOf("@") ?? -1;
  if (!box?.address || at < 1) return null;
  return { name: box.name, address: box.address, domain: box.address.slice(at + 1).toLowerCase() };
}
