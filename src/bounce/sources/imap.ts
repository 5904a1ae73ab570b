/**
 * Reports in an IMAP mailbox (`koepfe bounces --imap URL`). Processed messages are marked on the
 * server — the keyword $KoepfeDone, or a move to a done folder — so the next run, or another mail
 * client, sees what is left. UIDs throughout: sequence numbers shift when someone else expunges.
 */
import { EXIT, KoepfeError } from "../../lib/errors.js";
import { printable } from "../../lib/text-safety.js";
import { type ImapConnection, connectImap } from "./imap-client.js";
import { errorFields, imapError } from "./imap-errors.js";
import { parseImapUrl } from "./imap-url.js";
import { maxBytesOf, type MessageSource, type SourceMessage, type SourceOptions } from "./types.js";

/** The keyword that marks a processed message when there is no done folder. */
export const DONE_KEYWORD = "$KoepfeDone";

export interface ImapSourceOptions extends SourceOptions {
  /** Move processed messages into this mailbox (created when missing) instead of setting $KoepfeDone. */
  doneFolder: string | null;
  /** A PEM file with a CA to trust besides the system's (a private or self-signed server); see IMAP_CA_FILE_ENV. */
  caFile?: string;
  /** How long connecting (TCP and TLS) may take; default 30 s. */
  connectTimeoutMs?: number;
  /** The password when the URL has none (see IMAP_PASSWORD_ENV). */
  password?: string | null;
}

/**
 * The messages of the mailbox in the URL (default INBOX) that are neither marked $KoepfeDone nor
 * deleted, by UID, each fetched as a byte range of at most `maxBytes`. The URL is checked at once
 * (E_IMAP_URL, exit 2); connecting happens on the first iteration: E_IMAP_UNREACHABLE or
 * E_IMAP_AUTH (exit 4), E_IMAP_MAILBOX (exit 1). After an abort the message in hand can still be
 * marked `done`, no further one is fetched. Call `close` (also after an error) to log out.
 */
export function imapSource(url: string, options: ImapSourceOptions): MessageSource {
  const settings = parseImapUrl(url, options.password ?? null);
  const max = maxBytesOf(options);
  const uids = new WeakMap<SourceMessage, number>();
  let connection: ImapConnection | null = null;

  const refused = (what: string, mailbox?: string): KoepfeError =>
    imapError(errorFields(connection?.lastRefusal() ?? new Error(`the server refused ${what}`), what), settings, mailbox);
  const call = async <T>(what: string, run: () => Promise<T>, mailbox?: string): Promise<T> => {
    try {
      return await run();
    } catch (e) {
      throw e instanceof KoepfeError ? e : imapError(errorFields(e, what), settings, mailbox);
    }
  };

  async function open(): Promise<ImapConnection> {
    const c = await connectImap(settings, { caFile: options.caFile, maxBytes: max, connectTimeoutMs: options.connectTimeoutMs ?? 30_000 });
    connection = c;
    const { doneFolder } = options;
    if (doneFolder !== null) await call("CREATE", () => c.client.mailboxCreate(doneFolder), doneFolder);
    const mailbox = await call("SELECT", () => c.client.mailboxOpen(settings.mailbox), settings.mailbox);
    const flags = mailbox.permanentFlags;
    // a server that does not keep our keyword (Exchange keeps no custom keywords) would hand out the same reports forever
    if (doneFolder === null && flags !== undefined && !flags.has("\\*") && !flags.has(DONE_KEYWORD)) {
      throw new KoepfeError(
        "E_IMAP_KEYWORD",
        `the IMAP mailbox "${printable(settings.mailbox)}" cannot keep the keyword ${DONE_KEYWORD} (PERMANENTFLAGS: ${printable([...flags].join(" "))}); use a done folder instead`,
        { exitCode: EXIT.dataError },
      );
    }
    return c;
  }

  return {
    async *messages(signal) {
      if (signal.aborted) return;
      const { client } = connection ?? (await open());
      const found = await call("SEARCH", () => client.search({ deleted: false, unKeyword: DONE_KEYWORD }, { uid: true }));
      if (!Array.isArray(found)) throw refused("SEARCH");
      for (const uid of [...found].sort((a, b) => a - b)) {
        if (signal.aborted) return;
        // one round trip: BODY.PEEK[]<0.max> never brings more than the cap (and leaves \Seen alone),
        // RFC822.SIZE says whether the range cut the message
        const fetched = await call("FETCH", () =>
          client.fetchOne(String(uid), { uid: true, size: true, source: { maxLength: max } }, { uid: true }),
        );
        if (fetched === false) continue; // expunged by another client since the search
        const body = fetched.source ?? Buffer.alloc(0);
        const raw = body.length > max ? body.subarray(0, max) : body; // a server that ignored the range
        const truncated = body.length > max || (fetched.size ?? body.length) > raw.length;
        const message: SourceMessage = { source: `imap:${settings.mailbox}/${uid}`, raw, truncated };
        uids.set(message, uid);
        yield message;
      }
    },
    async done(message) {
      const uid = uids.get(message);
      if (uid === undefined) throw new Error(`done() for a message this IMAP source did not hand out: ${message.source}`);
      if (connection === null) throw new Error(`done() after close(): ${message.source}`);
      const { client } = connection;
      const { doneFolder } = options;
      if (doneFolder !== null) {
        const moved = await call("MOVE", () => client.messageMove(String(uid), doneFolder, { uid: true }), doneFolder);
        if (!moved) throw refused("MOVE", doneFolder);
      } else if (!(await call("STORE", () => client.messageFlagsAdd(String(uid), [DONE_KEYWORD], { uid: true })))) {
        throw refused("STORE");
      }
    },
    async close() {
      const c = connection;
      connection = null;
      if (c === null) return;
      try {
        await c.client.logout();
      } catch {
        c.client.close(); // the connection is gone already; nothing left to log out of
      }
    },
  };
}
