/**
 * The --imap URL: imaps://user:pass@host:993/INBOX or imap://user:pass@host:143/INBOX.
 *
 * imap:// always upgrades with STARTTLS before the login and fails when the server does not offer
 * it: the capability list arrives in cleartext, so falling back would let anyone on the path strip
 * STARTTLS and read the password. The one opt-out, `?tls=insecure`, is accepted only for a loopback
 * host (a test server or an SSH tunnel on this machine), where no one is on the path.
 */
import { EXIT, KoepfeError } from "../../lib/errors.js";
import { printable } from "../../lib/text-safety.js";

export interface ImapSettings {
  host: string;
  port: number;
  /** imaps: TLS from the first byte. */
  secure: boolean;
  /** imap:// without `?tls=insecure`: STARTTLS before the login, or no login at all. */
  requireStartTls: boolean;
  user: string;
  password: string;
  /** The mailbox as the server names it (its own hierarchy delimiter), percent-decoded; INBOX by default. */
  mailbox: string;
}

const EXAMPLE = "imaps://user@imap.example.org:993/INBOX with the password in $KOEPFE_IMAP_PASSWORD";

/** The IMAP password, kept out of the URL and so out of the process list. */
export const IMAP_PASSWORD_ENV = "KOEPFE_IMAP_PASSWORD";
const LOOPBACK = /^(127(\.\d{1,3}){3}|\[::1\]|localhost)$/i;

function urlError(message: string): KoepfeError {
  return new KoepfeError("E_IMAP_URL", `--imap: ${message} (expected ${EXAMPLE})`, { exitCode: EXIT.usage });
}

function decoded(part: string, what: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw urlError(`the ${what} has a broken %-escape`);
  }
}

/**
 * Checks and splits an IMAP URL; every error message leaves the URL out, it may hold the password.
 * A URL without a password takes `password` (from $KOEPFE_IMAP_PASSWORD): a password on the command
 * line is readable by every local user in the process list.
 */
export function parseImapUrl(raw: string, password: string | null = null): ImapSettings {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw urlError("not a URL");
  }
  if (url.protocol !== "imap:" && url.protocol !== "imaps:")
    throw urlError(`the scheme must be imap or imaps (found "${printable(url.protocol)}")`);
  if (url.hostname === "") throw urlError("no host");
  if (url.username === "") throw urlError("the user is missing");
  if (url.password === "" && (password === null || password === ""))
    throw urlError(`the password is missing (put it into $${IMAP_PASSWORD_ENV}, not on the command line)`);
  const secure = url.protocol === "imaps:";
  let insecure = false;
  for (const [key, value] of url.searchParams) {
    if (key !== "tls" || value !== "insecure") throw urlError(`unknown option "${printable(key)}" (the only one is tls=insecure)`);
    if (secure) throw urlError("tls=insecure makes no sense with imaps://");
    if (!LOOPBACK.test(url.hostname)) throw urlError("tls=insecure is only allowed for 127.0.0.1, [::1] or localhost");
    insecure = true;
  }
  const port = url.port === "" ? (secure ? 993 : 143) : Number(url.port);
  const path = url.pathname.replace(/^\//, "");
  const mailbox = path === "" ? "INBOX" : decoded(path, "mailbox");
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, "$1"),
    port,
    secure,
    requireStartTls: !secure && !insecure,
    user: decoded(url.username, "user"),
    password: url.password === "" ? (password ?? "") : decoded(url.password, "password"),
    mailbox,
  };
}

/** `text` with every occurrence of the password (plain and %-encoded) replaced: server replies and library errors can echo it. */
export function withoutPassword(text: string, password: string): string {
  let out = text;
  for (const form of new Set([password, encodeURIComponent(password)])) if (form.length > 0) out = out.split(form).join("***");
  return out;
}
