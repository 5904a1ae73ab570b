/**
 * The people on the list and what is held about them: `koepfe subscribers` (everyone known, from
 * subscribers.csv and from the sign-ups), `koepfe consent EMAIL` (the whole proof for one address,
 * printable) and `koepfe forget EMAIL` (GDPR Art. 17). Forgotten addresses appear nowhere, not even
 * when a stale row of subscribers.csv still names them.
 */
import path from "node:path";
import { EXIT, KoepfeError } from "../lib/errors.js";
import { canonicalEmail, forgetHash, requireSecret } from "../lib/token.js";
import { spreadsheetCsv } from "../lib/csv-export.js";
import { writeAtomic } from "../lib/write-atomic.js";
import { assertEditionDir } from "../edition/load.js";
import { subscriberRows, type SubscriberRowText } from "../edition/subscriber-addresses.js";
import type { ForgetResult } from "../send/ledger/forget.js";
import type { Subscription } from "../send/ledger/subscriptions.js";
import { openExistingLedger, openLedger, STATE_ENV } from "../send/ledger/location.js";

export interface KnownSubscriber {
  email: string;
  /** csv: the file's status (confirmed, pending, unsubscribed, bounced); signup: pending, confirmed, unsubscribed. */
  state: string;
  source: "csv" | "signup";
  /** csv: confirmed_at; signup: when it was requested. */
  requested_at: string | null;
  confirmed_at: string | null;
  unsubscribed_at: string | null;
  /** The reason on the suppression list, if any. */
  suppressed: string | null;
}

async function editionDir(dir: string, env: NodeJS.ProcessEnv): Promise<string> {
  return env[STATE_ENV] ? dir : assertEditionDir(dir);
}

/** Everyone known, csv rows first (in file order), then the sign-ups; forgotten addresses are left out. */
export async function listSubscribers(
  dir: string,
  env: NodeJS.ProcessEnv,
  csv: string | null,
): Promise<{ list: KnownSubscriber[]; csv: string | null }> {
  const folder = await editionDir(dir, env);
  const rows = await subscriberRows(folder);
  const ledger = openExistingLedger(folder, env);
  try {
    const forgotten = ledger?.forgotten() ?? new Set<string>();
    const secret = forgotten.size > 0 ? requireSecret(env) : "";
    const kept = (email: string) => forgotten.size === 0 || !forgotten.has(forgetHash(secret, email));
    const suppressed = (email: string) => ledger?.suppressions.reasonFor(email) ?? null;
    const list: KnownSubscriber[] = [
      ...rows.filter((r) => kept(r.email)).map((r) => fromCsv(r, suppressed(r.email))),
      ...(ledger?.subscriptions.all() ?? []).map((s) => fromSignUp(s, suppressed(s.email))),
    ];
    if (csv === null) return { list, csv: null };
    const target = path.resolve(csv);
    const header = ["email", "state", "source", "requested_at", "confirmed_at", "unsubscribed_at", "suppressed"];
    await writeAtomic(
      target,
      spreadsheetCsv(
        header,
        list.map((s) => header.map((h) => s[h as keyof KnownSubscriber])),
      ),
    );
    return { list, csv: target };
  } finally {
    ledger?.close();
  }
}

const fromCsv = (r: SubscriberRowText, suppressed: string | null): KnownSubscriber => ({
  email: r.email,
  state: r.status,
  source: "csv",
  requested_at: null,
  confirmed_at: r.confirmedAt || null,
  unsubscribed_at: null,
  suppressed,
});

const fromSignUp = (s: Subscription, suppressed: string | null): KnownSubscriber => ({
  email: s.email,
  state: s.state,
  source: "signup",
  requested_at: s.requestedAt,
  confirmed_at: s.confirmedAt,
  unsubscribed_at: s.unsubscribedAt,
  suppressed,
});

/** The proof for one address, as `koepfe consent` prints it. */
export interface ConsentProof {
  email: string;
  signup: {
    state: string;
    first_name: string | null;
    consent_version: string;
    consent_text: string;
    requested_at: string;
    request_ip: string | null;
    user_agent: string | null;
    confirmation_mail: { message_id: string | null; sent_at: string | null };
    confirmed_at: string | null;
    confirm_ip: string | null;
    confirm_user_agent: string | null;
    unsubscribed_at: string | null;
  } | null;
  /** Rows of subscribers.csv: their proof is where the list came from (`source`, `confirmed_at`). */
  csv: { line: number; status: string; confirmed_at: string | null; source: string | null }[];
  suppressed: string | null;
}

/** What is held about one address; E_NOTHING_HELD (exit 1) when nothing is. */
export async function consentProof(email: string, dir: string, env: NodeJS.ProcessEnv): Promise<ConsentProof> {
  const folder = await editionDir(dir, env);
  const address = canonicalEmail(email);
  const ledger = openExistingLedger(folder, env);
  try {
    const forgotten = ledger?.forgotten() ?? new Set<string>();
    if (forgotten.size > 0 && forgotten.has(forgetHash(requireSecret(env), address))) {
      throw new KoepfeError(
        "E_NOTHING_HELD",
        `nothing is held about ${address}: it was forgotten (only a keyed hash keeps it off the list)`,
        {
          exitCode: EXIT.dataError,
        },
      );
    }
    const s = ledger?.subscriptions.get(address) ?? null;
    const csv = (await subscriberRows(folder))
      .filter((r) => r.email.toLowerCase() === address.toLowerCase())
      .map((r) => ({ line: r.line, status: r.status, confirmed_at: r.confirmedAt || null, source: r.source || null }));
    if (s === null && csv.length === 0) {
      throw new KoepfeError("E_NOTHING_HELD", `nothing is held about ${address}: no sign-up in the ledger and no row in subscribers.csv`, {
        exitCode: EXIT.dataError,
      });
    }
    return {
      // as it was signed up (the local part keeps its case), not as it was typed into this command
      email: s?.email ?? address,
      signup:
        s === null
          ? null
          : {
              state: s.state,
              first_name: s.firstName,
              consent_version: s.consentVersion,
              consent_text: s.consentText,
              requested_at: s.requestedAt,
              request_ip: s.requestIp,
              user_agent: s.userAgent,
              confirmation_mail: { message_id: s.confirmMessageId, sent_at: s.confirmSentAt },
              confirmed_at: s.confirmedAt,
              confirm_ip: s.confirmIp,
              confirm_user_agent: s.confirmUserAgent,
              unsubscribed_at: s.unsubscribedAt,
            },
      csv,
      suppressed: ledger?.suppressions.reasonFor(address) ?? null,
    };
  } finally {
    ledger?.close();
  }
}

/** `koepfe forget`: under the run lock (never while a send runs), so no message of a forgotten address is in flight. */
export async function forget(
  email: string,
  dir: string,
  env: NodeJS.ProcessEnv,
): Promise<{ email: string; result: ForgetResult; csvLines: number[] }> {
  const folder = await editionDir(dir, env);
  const secret = requireSecret(env);
  const address = canonicalEmail(email);
  const ledger = openLedger(folder, env);
  try {
    const lock = ledger.lock.acquire("forget");
    if (!lock.acquired) {
      const h = lock.holder;
      throw new KoepfeError(
        "E_LOCKED",
        `a send is running (pid ${h.pid} on ${h.host}, "${h.command}"): forget ${address} once it finished; nothing was changed`,
      );
    }
    try {
      const result = ledger.forget(address, forgetHash(secret, address));
      const csvLines = (await subscriberRows(folder)).filter((r) => r.email.toLowerCase() === address.toLowerCase()).map((r) => r.line);
      return { email: address, result, csvLines };
    } finally {
      ledger.lock.release();
    }
  } finally {
    ledger.close();
  }
}
