/**
 * Opening the imapflow connection for an IMAP source: TLS policy from the URL, an optional private
 * CA, limits that keep a misbehaving server from filling the memory, and the last error imapflow
 * swallowed (several of its commands log a refusal and return false) so the run can name it.
 */
import { readFile } from "node:fs/promises";
import { rootCertificates } from "node:tls";
import { ImapFlow, type ImapFlowOptions } from "imapflow";
import { EXIT, KoepfeError } from "../../lib/errors.js";
import { printable } from "../../lib/text-safety.js";
import { errorFields, IMAP_CA_FILE_ENV, imapError } from "./imap-errors.js";
import type { ImapSettings } from "./imap-url.js";

export interface ImapConnection {
  client: ImapFlow;
  /** The error of the last command imapflow answered with `false` instead of throwing, if any. */
  lastRefusal(): unknown;
}

async function readCa(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "unknown error";
    throw new KoepfeError("E_IMAP_CA", `cannot read the CA file ${printable(file)} (${code}); ${IMAP_CA_FILE_ENV} must name a PEM file`, {
      exitCode: EXIT.usage,
      cause: e,
    });
  }
}

/**
 * Connects and logs in. `caFile` adds a CA to the system ones (never replaces them, never turns
 * verification off); `maxBytes` bounds what one server answer may bring, since every message is
 * fetched as a range of at most `maxBytes`.
 */
export async function connectImap(
  settings: ImapSettings,
  opts: { caFile: string | undefined; maxBytes: number; connectTimeoutMs: number },
): Promise<ImapConnection> {
  const ca = opts.caFile === undefined ? undefined : await readCa(opts.caFile);
  let refusal: unknown;
  const remember = (entry: { err?: unknown }) => {
    if (entry?.err) refusal = entry.err;
  };
  const quiet = () => {};
  const options: ImapFlowOptions = {
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    // imaps: TLS from the start; imap://: STARTTLS required, or (tls=insecure, loopback only) plain on purpose
    ...(settings.secure ? {} : { doSTARTTLS: settings.requireStartTls }),
    auth: { user: settings.user, pass: settings.password },
    ...(ca === undefined ? {} : { tls: { ca: [...rootCertificates, ca] } }),
    logger: { debug: quiet, info: quiet, warn: remember, error: remember },
    clientInfo: { name: "koepfe" },
    // between two commands the caller may spend a while on a message; IDLE in those gaps buys nothing
    disableAutoIdle: true,
    connectionTimeout: opts.connectTimeoutMs,
    maxLiteralSize: opts.maxBytes + 64 * 1024,
    maxResponseSize: opts.maxBytes + 64 * 1024 * 1024,
  };
  const client = new ImapFlow(options);
  // imapflow also emits connection errors as events; without a listener one would crash the process
  client.on("error", (e: unknown) => {
    refusal = e;
  });
  try {
    await client.connect();
  } catch (e) {
    client.close();
    throw imapError(errorFields(e, "LOGIN"), settings);
  }
  return { client, lastRefusal: () => refusal };
}
