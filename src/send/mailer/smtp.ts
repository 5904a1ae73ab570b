/**
 * The SMTP adapter: nodemailer pools (one per delivery thread) to the relay in $KOEPFE_SMTP_URL
 * (credentials live only there). The URL is read here into explicit options — nodemailer would
 * otherwise take any query parameter as an option. Credentials are only ever sent over TLS:
 * smtps://, or smtp:// with STARTTLS required; a relay that offers no STARTTLS stops the run
 * (E_SMTP_TLS). KOEPFE_SMTP_ALLOW_PLAINTEXT_AUTH=1 allows a plain login, for a relay on this machine.
 * Relay answers may echo what the client sent: the user and password are redacted from every one.
 */
import { readFileSync } from "node:fs";
import { KoepfeError } from "../../lib/errors.js";
import type { Mailer, SendOutcome } from "./mailer.js";
import type { RelayOptions } from "./protocol.js";
import { DeliveryThreads, type DkimSettings } from "./threads.js";

export const SMTP_URL_ENV = "KOEPFE_SMTP_URL";
export const PLAINTEXT_AUTH_ENV = "KOEPFE_SMTP_ALLOW_PLAINTEXT_AUTH";
export const CA_FILE_ENV = "KOEPFE_SMTP_CA_FILE";

export interface Relay {
  options: RelayOptions;
  /** The URL without its password, for messages. */
  display: string;
  /** Removes the user and password (plain, percent-encoded, base64 as in AUTH LOGIN/PLAIN) from relay text. */
  redact: (text: string) => string;
}

function redactor(user: string, pass: string): (text: string) => string {
  const secrets = new Set<string>();
  for (const s of [user, pass]) {
    if (s.length < 3) continue;
    secrets.add(s);
    secrets.add(encodeURIComponent(s));
    secrets.add(Buffer.from(s).toString("base64"));
  }
  if (user !== "" || pass !== "") secrets.add(Buffer.from(`\u0000${user}\u0000${pass}`).toString("base64"));
  const escaped = [...secrets].sort((a, b) => b.length - a.length).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  if (escaped.length === 0) return (text) => text;
  const pattern = new RegExp(escaped.join("|"), "gi");
  return (text) => text.replace(pattern, "***");
}

/** A CA to trust for the relay (KOEPFE_SMTP_CA_FILE), e.g. a company's own. */
function caFromEnv(env: NodeJS.ProcessEnv): string | null {
  const file = env[CA_FILE_ENV];
  if (file === undefined || file === "") return null;
  try {
    const pem = readFileSync(file, "utf8");
    if (!pem.includes("-----BEGIN CERTIFICATE-----")) throw new Error("no PEM certificate in it");
    return pem;
  } catch (e) {
    throw new KoepfeError("E_SMTP_CA", `cannot use ${CA_FILE_ENV}=${file}: ${(e as Error).message}`, { cause: e });
  }
}

/** The relay from the environment, checked; never echoes the password. */
export function relayFromEnv(env: NodeJS.ProcessEnv): Relay {
  const raw = env[SMTP_URL_ENV];
  if (raw === undefined || raw === "") {
    throw new KoepfeError(
      "E_NO_SMTP_URL",
      `${SMTP_URL_ENV} is not set: give the relay as smtp://user:pass@relay.example.org:587 or smtps://…:465`,
    );
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new KoepfeError("E_SMTP_URL", `${SMTP_URL_ENV} is not a URL (expected smtp://user:pass@host:port or smtps://…)`);
  }
  if ((url.protocol !== "smtp:" && url.protocol !== "smtps:") || url.hostname === "") {
    throw new KoepfeError(
      "E_SMTP_URL",
      `${SMTP_URL_ENV} must start with smtp:// or smtps:// and name a host (found "${url.protocol}//${url.host}")`,
    );
  }
  if (url.search !== "" || (url.pathname !== "" && url.pathname !== "/")) {
    throw new KoepfeError(
      "E_SMTP_URL",
      `${SMTP_URL_ENV} takes no path or query (found "${url.pathname}${url.search}"); settings are in edition.json`,
    );
  }
  const secure = url.protocol === "smtps:";
  const user = decodeURIComponent(url.username);
  const pass = decodeURIComponent(url.password);
  const auth = user !== "" || pass !== "" ? { user, pass } : null;
  const plaintextAllowed = env[PLAINTEXT_AUTH_ENV] === "1";
  const host = url.hostname.replace(/^\[|\]$/g, "");
  return {
    options: {
      host,
      port: url.port === "" ? (secure ? 465 : 587) : Number(url.port),
      secure,
      auth,
      requireTLS: auth !== null && !secure && !plaintextAllowed,
      ca: caFromEnv(env),
    },
    display: `${url.protocol}//${user === "" ? "" : `${user}:***@`}${url.host}`,
    redact: redactor(user, pass),
  };
}

export interface SmtpOptions {
  relay: Relay;
  /** Parallel SMTP connections (= messages in flight), shared out among the delivery threads. */
  connections: number;
  dkim: DkimSettings | null;
  threads?: number;
}

function redacted(outcome: SendOutcome, redact: (s: string) => string): SendOutcome {
  return { ...outcome, response: redact(outcome.response) };
}

export function smtpMailer(options: SmtpOptions): Mailer {
  const threads = new DeliveryThreads({
    transport: { kind: "smtp", relay: options.relay.options, connections: options.connections },
    dkim: options.dkim,
    ...(options.threads === undefined ? {} : { threads: options.threads }),
  });
  return {
    async send(message, claim) {
      const delivered = await threads.deliver(message, claim);
      return delivered === null ? null : redacted(delivered.outcome, options.relay.redact);
    },
    close: () => threads.close(),
  };
}
