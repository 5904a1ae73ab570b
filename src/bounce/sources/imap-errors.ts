/**
 * What an imapflow error means for a run. Unreachable, TLS and login failures stop the run the way
 * a relay failure stops a send (exit 4: nothing is wrong with the data, try again later); a missing
 * mailbox is a data mistake in the URL (exit 1). No message and no cause carries the password.
 */
import { EXIT, KoepfeError } from "../../lib/errors.js";
import { printable } from "../../lib/text-safety.js";
import { type ImapSettings, withoutPassword } from "./imap-url.js";

/** The environment variable the CLI reads the `caFile` option of imapSource from (a PEM file). */
export const IMAP_CA_FILE_ENV = "KOEPFE_IMAP_CA_FILE";

/** The fields of imapflow's errors (ImapFlowError) that decide the meaning. */
export interface ImapErrorLike {
  message: string;
  code?: string | undefined;
  authenticationFailed?: boolean | undefined;
  tlsFailed?: boolean | undefined;
  mailboxMissing?: boolean | undefined;
  serverResponseCode?: string | undefined;
  responseText?: string | undefined;
  command?: string | undefined;
}

/** The fields of a thrown value (an Error's message is not enumerable, so spreading would lose it). */
export function errorFields(e: unknown, command: string): ImapErrorLike {
  const x = (typeof e === "object" && e !== null ? e : {}) as ImapErrorLike;
  return {
    message: e instanceof Error ? e.message : String(e),
    code: x.code,
    authenticationFailed: x.authenticationFailed,
    tlsFailed: x.tlsFailed,
    mailboxMissing: x.mailboxMissing,
    serverResponseCode: x.serverResponseCode,
    responseText: x.responseText,
    command: x.command ?? command,
  };
}

const CONNECT_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EADDRNOTAVAIL",
  "ETIMEDOUT",
  "EPIPE",
  "CONNECT_TIMEOUT",
  "GREETING_TIMEOUT",
  "UPGRADE_TIMEOUT",
  "ETIMEOUT",
  "NoConnection",
  "EConnectionClosed",
  "ClosedAfterConnectText",
  "ClosedAfterConnectTLS",
  "ProxyError",
  "EPROXY",
]);

// Node's certificate errors (DEPTH_ZERO_SELF_SIGNED_CERT, ERR_TLS_CERT_ALTNAME_INVALID, ERR_SSL_…) on a direct TLS connection
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|STARTTLS_)/;

/** A copy of the library error with the password removed, to keep as `cause` (KOEPFE_DEBUG prints causes). */
function safeCause(e: ImapErrorLike, password: string): Error {
  const cause = new Error(withoutPassword(e.message, password));
  return Object.assign(cause, { code: e.code, serverResponseCode: e.serverResponseCode });
}

function reason(e: ImapErrorLike, password: string): string {
  return printable(withoutPassword(e.responseText ?? e.message, password)).slice(0, 300);
}

/** The KoepfeError for `e`; `mailbox` names the mailbox a failed SELECT, CREATE or MOVE was about. */
export function imapError(e: ImapErrorLike, settings: ImapSettings, mailbox = settings.mailbox): KoepfeError {
  const where = `${settings.host}:${settings.port}`;
  const cause = safeCause(e, settings.password);
  const why = reason(e, settings.password);
  if (e.authenticationFailed === true || e.serverResponseCode === "AUTHENTICATIONFAILED") {
    return new KoepfeError(
      "E_IMAP_AUTH",
      `the IMAP server ${where} refused the login of "${printable(settings.user)}" (${why}); check user and password in the --imap URL`,
      {
        exitCode: EXIT.stopped,
        cause,
      },
    );
  }
  if (e.tlsFailed === true || (e.code !== undefined && TLS_CODE.test(e.code))) {
    const hint = /STARTTLS/.test(e.message)
      ? "the password is never sent unencrypted: use imaps://, or ?tls=insecure for a server on this machine"
      : `a private or self-signed CA can be trusted with ${IMAP_CA_FILE_ENV}`;
    return new KoepfeError("E_IMAP_UNREACHABLE", `no secure connection to the IMAP server ${where}: ${why} (${hint})`, {
      exitCode: EXIT.stopped,
      cause,
    });
  }
  // the connection failed or was lost, rather than a command refused
  if (e.code !== undefined && CONNECT_CODES.has(e.code)) {
    return new KoepfeError(
      "E_IMAP_UNREACHABLE",
      `the IMAP server ${where} cannot be reached or closed the connection (${why}); check host and port in the --imap URL`,
      {
        exitCode: EXIT.stopped,
        cause,
      },
    );
  }
  if (e.mailboxMissing === true || e.serverResponseCode === "NONEXISTENT") {
    return new KoepfeError("E_IMAP_MAILBOX", `the IMAP mailbox "${printable(mailbox)}" does not exist on ${where} (${why})`, {
      exitCode: EXIT.dataError,
      cause,
    });
  }
  return new KoepfeError(
    "E_IMAP_COMMAND",
    `the IMAP server ${where} refused ${e.command ?? "a command"} on "${printable(mailbox)}": ${why}`,
    {
      exitCode: EXIT.stopped,
      cause,
    },
  );
}
