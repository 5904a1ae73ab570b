/**
 * The sign-up of `koepfe serve`, wired: the consent shown and recorded, where the form posts and the
 * confirmation links point, the limits, and the confirmation mail — compiled once from
 * templates/newsletter/confirm/ and sent through the relay with the headers and DKIM of the issues.
 * Without KOEPFE_SMTP_URL the sign-up answers 503 and the rest of the server works.
 */
import { randomBytes } from "node:crypto";
import { statSync } from "node:fs";
import path from "node:path";
import type { DateTime } from "luxon";
import type { EditionConfig, NewsletterConfig } from "../edition/config-schema.js";
import { KoepfeError } from "../lib/errors.js";
import { unsubscribeToken } from "../lib/token.js";
import { compileConfirmMail } from "../render/newsletter/confirm-mail.js";
import { salutationText } from "../render/newsletter/personalize.js";
import { escapeHtml } from "../subscribe/html.js";
import { resolvePlan } from "../schedule/plan.js";
import type { Ledger } from "../send/ledger/ledger.js";
import { subscriberRows } from "../edition/subscriber-addresses.js";
import { dkimSettings } from "../send/mailer/dkim.js";
import type { Mailer } from "../send/mailer/mailer.js";
import { messageTemplate, parseFrom } from "../send/mailer/message.js";
import { relayFromEnv, smtpMailer } from "../send/mailer/smtp.js";
import { consentFor } from "../subscribe/consent.js";
import { SignUpDesk } from "../subscribe/desk.js";
import { subscribeUrlOf } from "../subscribe/urls.js";
import { IpRateLimiter } from "../subscribe/limits.js";
import type { SignUpRoute } from "../serve/signup/route.js";

export interface SignUpWiring {
  dir: string;
  config: EditionConfig;
  newsletter: NewsletterConfig;
  secret: string;
  env: NodeJS.ProcessEnv;
  ledger: Ledger;
  clock: () => number;
  log: (event: string, fields: Record<string, unknown>, text: string) => void;
  trustProxy: boolean;
}

/** The next issue's time, for the "you are in" page: the first planned one still to come. */
function nextIssueAt(config: EditionConfig, clock: () => number): DateTime | null {
  const issues = config.newsletter?.issues ?? [];
  const now = clock();
  const next = resolvePlan(issues, config.timezone)
    .flatMap((i) => (i.sendAt === null ? [] : [i.sendAt]))
    .filter((t) => t.toMillis() > now)
    .sort((a, b) => a.toMillis() - b.toMillis())[0];
  return next?.setZone(config.timezone) ?? null;
}

async function confirmationSender(w: SignUpWiring, mailer: Mailer) {
  const { config, newsletter } = w;
  const consent = consentFor(config.title, newsletter.consent_text);
  const compiled = await compileConfirmMail({ config, consent, ttlHours: newsletter.confirm_ttl_hours });
  const sender = parseFrom(newsletter.from);
  const template = messageTemplate(
    {
      year: config.year,
      issue: 0,
      subject: compiled.subject,
      replyTo: newsletter.reply_to,
      listId: newsletter.list_id,
      listTitle: config.title,
      unsubscribeMailto: newsletter.unsubscribe_mailto,
    },
    sender,
    compiled.fill,
  );
  return async (to: { email: string; firstName: string | null }, confirmUrl: string): Promise<string> => {
    const messageId = `<koepfe-${config.year}.confirm.${randomBytes(8).toString("hex")}@${sender.domain}>`;
    const unsubscribeUrl = newsletter.unsubscribe_url + unsubscribeToken(w.secret, newsletter.list_id, to.email);
    const salutation = salutationText(to.firstName ?? undefined);
    const text = { salutation, unsubscribeUrl, webUrl: confirmUrl };
    const html = { salutation: escapeHtml(salutation), unsubscribeUrl: escapeHtml(unsubscribeUrl), webUrl: escapeHtml(confirmUrl) };
    const outcome = await mailer.send(
      {
        envelope: { from: newsletter.bounce_address ?? sender.address, to: to.email },
        messageId,
        template,
        fill: { to: to.email, messageId, date: w.clock(), unsubscribeUrl, text, html },
      },
      async () => true,
    );
    if (outcome?.kind !== "accepted") throw new Error(`the relay did not take the confirmation mail: ${outcome?.response ?? "no answer"}`);
    return messageId;
  };
}

/**
 * Whether subscribers.csv lists the address as confirmed (with proof): read at start and again in
 * the background whenever the file changed, so a request never waits for a 100,000-row file.
 */
async function confirmedInCsv(dir: string): Promise<(email: string) => boolean> {
  const file = path.join(dir, "subscribers.csv");
  const stamp = () => {
    const st = statSync(file, { throwIfNoEntry: false });
    return st === undefined ? "none" : `${st.mtimeMs}:${st.size}`;
  };
  const load = async () =>
    new Set((await subscriberRows(dir)).filter((r) => r.status === "confirmed" && r.confirmedAt !== "").map((r) => r.email.toLowerCase()));
  let current = { stamp: stamp(), set: await load() };
  let reloading = false;
  return (email) => {
    const now = stamp();
    if (now !== current.stamp && !reloading) {
      reloading = true;
      void load()
        .then((set) => {
          current = { stamp: now, set };
        })
        .finally(() => {
          reloading = false;
        });
    }
    return current.set.has(email.toLowerCase());
  };
}

/** The route's settings, and what to close when the server stops. */
export async function signUpRoute(w: SignUpWiring): Promise<{ route: SignUpRoute; close: () => Promise<void> }> {
  const { config, newsletter } = w;
  const consent = consentFor(config.title, newsletter.consent_text);
  const action = subscribeUrlOf(newsletter);
  const log = (event: string, fields: Record<string, unknown>) => w.log(event, fields, event);
  const base: Omit<SignUpRoute, "desk"> = {
    listTitle: config.title,
    consent,
    ttlHours: newsletter.confirm_ttl_hours,
    action,
    ...(newsletter.privacy_url ? { privacyUrl: newsletter.privacy_url } : {}),
    nextIssueAt: () => nextIssueAt(config, w.clock),
    log,
    trustProxy: w.trustProxy,
  };
  let relay: ReturnType<typeof relayFromEnv>;
  try {
    relay = relayFromEnv(w.env);
  } catch (e) {
    if (!(e instanceof KoepfeError) || e.code !== "E_NO_SMTP_URL") throw e;
    w.log("signup-disabled", {}, "sign-up answers 503: KOEPFE_SMTP_URL is not set, so no confirmation mail could go out");
    return { route: { ...base, desk: null }, close: async () => {} };
  }
  const { dkim, warning } = dkimSettings(w.env, newsletter.dkim);
  if (warning) w.log("warning", { warning }, `warning: ${warning}`);
  const mailer = smtpMailer({ relay, connections: 1, dkim, threads: 1 });
  const limits = newsletter.signup_limits ?? { per_client_per_hour: 20, mails_per_hour: 200 };
  const desk = new SignUpDesk({
    ledger: w.ledger,
    secret: w.secret,
    listId: newsletter.list_id,
    consent,
    ttlHours: newsletter.confirm_ttl_hours,
    ipPrivacy: config.privacy?.ip ?? "truncated",
    ipLimiter: new IpRateLimiter({ limit: limits.per_client_per_hour }),
    mailsPerHour: limits.mails_per_hour,
    clock: w.clock,
    confirmedElsewhere: await confirmedInCsv(w.dir),
    confirmUrl: (token) => new URL(`bestaetigen/${token}`, action).href,
    sendConfirmation: await confirmationSender(w, mailer),
    log,
  });
  return { route: { ...base, desk }, close: () => mailer.close() };
}
