/**
 * The SMTP adapter: nodemailer pools (one per delivery thread) to the relay in $KOEPFE_SMTP_URL
 * (credentials live only there), `maxRequeues: 0` — otherwise nodemailer silently re-sends a message
 * whose connection dropped after the relay may already have accepted it; the ledger decides instead
 * (`unknown`). The pool options are in worker-source.ts.
 */
import { KoepfeError } from "../../lib/errors.js";
import type { Mailer } from "./mailer.js";
import { DeliveryThreads, type DkimSettings } from "./threads.js";

export const SMTP_URL_ENV = "KOEPFE_SMTP_URL";

/** The relay URL from the environment, checked; never echoes the password. */
export function requireSmtpUrl(env: NodeJS.ProcessEnv): string {
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
  return raw;
}

export interface SmtpOptions {
  url: string;
  /** Parallel SMTP connections (= messages in flight), shared out among the delivery threads. */
  connections: number;
  dkim: DkimSettings | null;
  threads?: number;
}

export function smtpMailer(options: SmtpOptions): Mailer {
  const threads = new DeliveryThreads({
    transport: { kind: "smtp", url: options.url, connections: options.connections },
    dkim: options.dkim,
    ...(options.threads === undefined ? {} : { threads: options.threads }),
  });
  return {
    async send(message, claim) {
      return (await threads.deliver(message, claim))?.outcome ?? null;
    },
    close: () => threads.close(),
  };
}
