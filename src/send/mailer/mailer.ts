/**
 * The port the send loop talks to: hand over one message, get back what the relay said. Adapters:
 * SMTP (nodemailer pool, smtp.ts) and the dry run's .eml writer (eml.ts), both composing and signing
 * in delivery threads (threads.ts). What an SMTP error means for the delivery is decided here, from
 * nodemailer's error fields, in one pure function.
 */
import type { MessageTemplate, RecipientFill } from "./message.js";

export interface OutgoingMessage {
  /** SMTP envelope: MAIL FROM and the single RCPT TO. */
  envelope: { from: string; to: string };
  messageId: string;
  /** The part of the message (the same object for every recipient of an issue). */
  template: MessageTemplate;
  /** The recipient's part; the adapter composes (and DKIM-signs) the two. */
  fill: RecipientFill;
}

export type RelayFailureCode = "E_SMTP_AUTH" | "E_SMTP_UNREACHABLE" | "E_SMTP_TLS" | "E_SMTP_SENDER_REFUSED";

export type SendOutcome =
  | { kind: "accepted"; response: string }
  /** The server answered with a 4xx/5xx: nothing was delivered. */
  | { kind: "rejected"; stage: "recipient" | "message" | "sender"; permanent: boolean; response: string }
  /** The connection ended without a final answer; `maybeAccepted` when the message may have gone through. */
  | { kind: "dropped"; maybeAccepted: boolean; response: string }
  /** The relay cannot be used at all (unreachable, authentication, our sender refused): stop the run. */
  | { kind: "relay-failure"; code: RelayFailureCode; response: string };

export interface Mailer {
  /**
   * Composes the message, then awaits `claim` — the last step before the SMTP transaction (the ledger
   * marks the delivery `sending`, durably); when it says false nothing goes out and the result is null.
   */
  send(message: OutgoingMessage, claim: () => Promise<boolean>): Promise<SendOutcome | null>;
  /** Ends the connections politely; call when no send is pending. */
  close(): Promise<void>;
}

/** The fields nodemailer sets on its errors (see nodemailer's errors.d.ts). */
export interface SmtpErrorLike {
  message: string;
  code?: string | undefined;
  command?: string | undefined;
  responseCode?: number | undefined;
  response?: string | undefined;
  originalCode?: string | undefined;
  timeoutType?: string | undefined;
}

const AUTH_CODES = new Set(["EAUTH", "ENOAUTH", "EOAUTH2"]);
const CONNECT_ERRNOS = new Set(["ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "EADDRNOTAVAIL", "ECONNABORTED"]);
const CONNECT_TIMEOUTS = new Set(["CONNECT_TIMEOUT", "GREETING_TIMEOUT", "UPGRADE_TIMEOUT"]);
/** Node's codes of a failed TLS handshake (OpenSSL's ERR_SSL_*, certificate checks). */
const TLS_ERRORS = /^ERR_SSL_|^ERR_TLS_|CERT|SELF_SIGNED|UNABLE_TO_VERIFY/;
const SESSION_COMMANDS = new Set(["CONN", "EHLO", "HELO", "LHLO", "STARTTLS"]);

/**
 * What an SMTP error means. The one case that needs care is a connection that ends without a reply:
 * if the message may have been transmitted (the final "." sent, the 250 lost), it may have been
 * accepted and must not be resent silently — nodemailer's pool (maxRequeues 0) fails such a message
 * with the socket error. Only its own "closed before this message was handed over" failure, which
 * carries no SMTP command, proves nothing was transmitted.
 */
export function classifySmtpError(e: SmtpErrorLike): SendOutcome {
  const response = (e.response ?? e.message).slice(0, 500);
  const rc = e.responseCode;
  if (e.code !== undefined && AUTH_CODES.has(e.code)) return { kind: "relay-failure", code: "E_SMTP_AUTH", response };
  // no STARTTLS where TLS is required, or a failed TLS handshake (smtps:// to a plain relay, a bad
  // certificate): TLS is only ever negotiated before a message is handed over, so nothing went out
  if (e.code === "ETLS" || (e.code === "ESOCKET" && e.originalCode !== undefined && TLS_ERRORS.test(e.originalCode))) {
    return { kind: "relay-failure", code: "E_SMTP_TLS", response };
  }
  if (rc !== undefined && (e.code === "EENVELOPE" || e.code === "EMESSAGE")) {
    const permanent = rc >= 500;
    if (e.command === "MAIL FROM")
      return permanent
        ? { kind: "relay-failure", code: "E_SMTP_SENDER_REFUSED", response }
        : { kind: "rejected", stage: "sender", permanent, response };
    if (e.command === "RCPT TO") return { kind: "rejected", stage: "recipient", permanent, response };
    return { kind: "rejected", stage: "message", permanent, response };
  }
  // 421: the server says it is closing the channel; it did not take the message
  if (rc === 421) return { kind: "rejected", stage: "message", permanent: false, response };
  if (rc !== undefined && e.command !== undefined && SESSION_COMMANDS.has(e.command))
    return { kind: "relay-failure", code: "E_SMTP_UNREACHABLE", response };
  const connectFailed =
    (e.code === "ESOCKET" && e.originalCode !== undefined && CONNECT_ERRNOS.has(e.originalCode)) ||
    e.code === "EDNS" ||
    e.code === "EPROXY" ||
    e.code === "ECONFIG" ||
    (e.code === "ETIMEDOUT" && e.timeoutType !== undefined && CONNECT_TIMEOUTS.has(e.timeoutType));
  if (connectFailed) return { kind: "relay-failure", code: "E_SMTP_UNREACHABLE", response };
  if (e.code === "ECONNECTION" && e.command === undefined) return { kind: "dropped", maybeAccepted: false, response };
  return { kind: "dropped", maybeAccepted: true, response };
}
