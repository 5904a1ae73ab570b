/**
 * The sign-up desk behind `POST /anmelden` and `/bestaetigen/<token>`: decides what a valid sign-up
 * leads to (nothing for a bot, a limit, a confirmed or a suppressed address; otherwise a pending
 * subscription with its consent record and one confirmation mail) and confirms. Whatever it decided,
 * the person sees the same page, and the mail goes out after the answer, so not even the answer's
 * timing tells who is subscribed. Addresses never reach the log.
 */
import { forgetHash } from "../lib/token.js";
import type { Ledger } from "../send/ledger/ledger.js";
import { botSignal } from "./bot-signals.js";
import { storedIp, rateLimitKey, type IpPrivacy } from "./ip.js";
import { addressMailAllowed, globalMailAllowed, type IpRateLimiter, type LimitDecision } from "./limits.js";
import type { Consent } from "./model.js";
import type { InvalidTokenReason } from "./answer-pages.js";
import { confirmToken, formToken, newNonce, readConfirmToken, readFormToken } from "./token.js";

export interface DeskOptions {
  ledger: Ledger;
  secret: string;
  listId: string;
  consent: Consent;
  ttlHours: number;
  ipPrivacy: IpPrivacy;
  ipLimiter: IpRateLimiter;
  mailsPerHour: number;
  clock: () => number;
  /** Confirmed outside the sign-up (a confirmed row of subscribers.csv): no opt-in mail either. */
  confirmedElsewhere: (email: string) => boolean;
  /** The absolute link of a confirmation token (https://…/bestaetigen/<token>). */
  confirmUrl: (token: string) => string;
  /** Sends the confirmation mail; resolves with its Message-ID once the relay accepted it. */
  sendConfirmation: (to: { email: string; firstName: string | null }, confirmUrl: string) => Promise<string>;
  log: (event: string, fields: Record<string, unknown>) => void;
}

export interface ValidSignUp {
  email: string;
  firstName: string | null;
  consentVersion: string;
  honeypot: string;
  timing: string;
}

export interface Client {
  ip: string | undefined;
  userAgent: string | undefined;
}

/** Suppressions a new sign-up may lift: the person left, or asked to be forgotten, and now comes back with new consent. */
const LIFTABLE = new Set(["unsubscribe"]);

export class SignUpDesk {
  readonly #o: DeskOptions;

  constructor(options: DeskOptions) {
    this.#o = options;
  }

  /** The hidden timing token of a form served now. */
  formToken(): string {
    return formToken(this.#o.secret, Math.floor(this.#o.clock() / 1000));
  }

  /**
   * A sign-up that passed the form checks. Returns at once; `mail` settles when the confirmation
   * mail (if any) was handed to the relay or failed (tests wait for it, the server does not).
   */
  signUp(s: ValidSignUp, client: Client): { mail: Promise<void> } {
    const o = this.#o;
    const now = o.clock();
    const done = { mail: Promise.resolve() };
    const bot = botSignal(s.honeypot, readFormToken(o.secret, s.timing, Math.floor(now / 1000)));
    if (bot !== null) return this.#quiet("signup-ignored", { reason: bot }, done);
    const ip = o.ipLimiter.hit(rateLimitKey(client.ip), now);
    if (!ip.ok) return this.#quiet("signup-limited", limitFields(ip), done);

    const suppressed = o.ledger.suppressions.reasonFor(s.email);
    if (suppressed !== null && !LIFTABLE.has(suppressed)) return this.#quiet("signup-ignored", { reason: "suppressed" }, done);
    const existing = o.ledger.subscriptions.get(s.email);
    if (existing?.state === "confirmed" || (suppressed === null && o.confirmedElsewhere(s.email)))
      return this.#quiet("signup-ignored", { reason: "confirmed-already" }, done);
    const forAddress = addressMailAllowed(o.ledger.subscriptions.mailTimes(now - 24 * 3600_000, s.email), now);
    if (!forAddress.ok) return this.#quiet("signup-limited", limitFields(forAddress), done);
    const overall = globalMailAllowed(o.ledger.subscriptions.mailTimes(now - 3600_000), now, o.mailsPerHour);
    if (!overall.ok) return this.#quiet("signup-limited", limitFields(overall), done);

    const nonce = newNonce();
    o.ledger.subscriptions.request({
      email: s.email,
      firstName: s.firstName,
      nonce,
      consentVersion: o.consent.version,
      consentText: o.consent.text,
      ip: storedIp(client.ip, o.ipPrivacy),
      userAgent: client.userAgent === undefined ? null : client.userAgent.slice(0, 300),
    });
    o.log("signup-requested", { consent_version: o.consent.version });
    const url = o.confirmUrl(confirmToken(o.secret, o.listId, s.email, Math.floor(now / 1000), nonce));
    const mail = o.sendConfirmation({ email: s.email, firstName: s.firstName }, url).then(
      (messageId) => {
        o.ledger.subscriptions.mailSent(s.email, nonce, messageId);
        o.log("confirmation-sent", {});
      },
      (e: unknown) => o.log("confirmation-failed", { error: e instanceof Error ? e.message : String(e) }),
    );
    return { mail };
  }

  /** Whether a confirmation link is good (GET shows the button, changes nothing). */
  check(token: string): { ok: true; email: string; nonce: string } | { ok: false; reason: InvalidTokenReason } {
    const o = this.#o;
    const read = readConfirmToken(o.secret, o.listId, token, Math.floor(o.clock() / 1000), o.ttlHours);
    if (!read.ok) return read;
    const sub = o.ledger.subscriptions.get(read.email);
    if (sub === null || sub.state !== "pending" || sub.nonce !== read.nonce) return { ok: false, reason: "used" };
    return { ok: true, email: read.email, nonce: read.nonce };
  }

  /** POST /bestaetigen/<token>: confirms, and lifts what an earlier goodbye left in the way. */
  confirm(token: string, client: Client): { ok: true } | { ok: false; reason: InvalidTokenReason } {
    const o = this.#o;
    const good = this.check(token);
    if (!good.ok) return good;
    const confirmed = o.ledger.transaction(() => {
      const ok = o.ledger.subscriptions.confirm(good.email, good.nonce, {
        ip: storedIp(client.ip, o.ipPrivacy),
        userAgent: client.userAgent === undefined ? null : client.userAgent.slice(0, 300),
      });
      if (ok) o.ledger.liftForNewConsent(good.email, forgetHash(o.secret, good.email));
      return ok;
    });
    if (!confirmed) return { ok: false, reason: "used" };
    o.log("signup-confirmed", {});
    return { ok: true };
  }

  #quiet(event: string, fields: Record<string, unknown>, done: { mail: Promise<void> }): { mail: Promise<void> } {
    this.#o.log(event, fields);
    return done;
  }
}

function limitFields(d: LimitDecision): Record<string, unknown> {
  return d.ok ? {} : { reason: d.reason, retry_after_s: Math.ceil(d.retryAfterMs / 1000) };
}
