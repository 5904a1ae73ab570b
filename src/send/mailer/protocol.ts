/**
 * The messages between the send loop's thread and a delivery thread (delivery-worker.ts). Templates
 * cross once per thread; per message only the recipient's fill crosses, and the bytes come back
 * only from a dry run.
 */
import type { MessageTemplate, RecipientFill } from "./message.js";
import type { SmtpErrorLike } from "./mailer.js";

export interface DkimSettings {
  domainName: string;
  keySelector: string;
  privateKey: string;
  headerFieldNames: string;
}

/** The relay as the delivery threads connect to it (from $KOEPFE_SMTP_URL, see smtp.ts). */
export interface RelayOptions {
  host: string;
  port: number;
  /** smtps://: TLS from the first byte. */
  secure: boolean;
  auth: { user: string; pass: string } | null;
  /** STARTTLS must succeed before anything else (credentials never go in clear text). */
  requireTLS: boolean;
  /** PEM of a CA to trust besides the system's (a relay with a company CA); null: the system's only. */
  ca: string | null;
}

export type TransportConfig = { kind: "smtp"; relay: RelayOptions; connections: number } | { kind: "stream" };

export interface WorkerSetup {
  transport: TransportConfig;
  dkim: DkimSettings | null;
}

export type ToThread =
  | { t: "template"; template: number; message: MessageTemplate }
  | { t: "compose"; id: number; template: number; fill: RecipientFill; envelope: { from: string; to: string[] } }
  | { t: "transmit"; id: number }
  | { t: "discard"; id: number }
  | { t: "close" };

export type FromThread =
  | { t: "composed"; id: number }
  | { t: "compose-failed"; id: number; error: string }
  | { t: "sent"; id: number; response: string; message?: Uint8Array }
  | { t: "failed"; id: number; error: SmtpErrorLike }
  | { t: "closed" };
