/**
 * Fixtures for the send tests: an edition with a newsletter plan and a subscribers.csv written in the
 * test, the environment a send needs, and a small hand-written message source (so the send loop tests
 * do not depend on MJML).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { csv, writeEdition } from "./edition.js";
import { NEWSLETTER as SENDER_SETTINGS, newsletterConfig } from "./newsletter.js";
import { messageTemplate, type MailSettings } from "../../src/send/mailer/message.js";
import type { MessageSource } from "../../src/send/source.js";
import { relayFromEnv, type Relay } from "../../src/send/mailer/smtp.js";
import { fillPlan, placeholdersFor } from "../../src/render/newsletter/placeholders.js";
import { unsubscribeToken } from "../../src/lib/token.js";
import { testCertificate } from "./tls.js";

export const SECRET = "test-secret-0123456789abcdef";

export const NEWSLETTER = {
  ...SENDER_SETTINGS,
  issues: [
    {
      number: 1,
      send_at: "2024-12-02T07:00",
      subject: "100 Köpfe 2024: Plätze 6 bis 4",
      preheader: "Den Auftakt machen drei Köpfe.",
      ranks: [4, 6],
    },
    { number: 2, send_at: "2024-12-09T07:00", subject: "100 Köpfe 2024: Plätze 3 bis 1", preheader: "Das Finale.", ranks: [1, 3] },
  ],
  retry: { max_attempts: 3, base_delay_ms: 10 },
};

export type SubscriberRow = [email: string, firstName: string, status: string, confirmedAt: string];

/** confirmed subscribers r1@… rN@… on reserved domains. */
export function confirmed(n: number, domain = "example.net"): SubscriberRow[] {
  return Array.from({ length: n }, (_, i) => [`r${i + 1}@${domain}`, `Leser${i + 1}`, "confirmed", "2024-01-05T10:00:00Z"]);
}

export function subscribersCsv(rows: readonly SubscriberRow[]): string {
  return csv([["email", "first_name", "status", "confirmed_at"], ...rows.map((r) => [...r])]);
}

/** An edition folder with the newsletter plan above (changed by `newsletter`) and these subscribers. */
export function sendEdition(rows: readonly SubscriberRow[], newsletter: Record<string, unknown> = {}): string {
  return writeEdition({ "edition.json": newsletterConfig({ ...NEWSLETTER, ...newsletter }), "subscribers.csv": subscribersCsv(rows) });
}

/** The environment of a real send into the test SMTP server, with the ledger in the edition. */
export function sendEnv(smtpUrl: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    KOEPFE_SECRET: SECRET,
    KOEPFE_SMTP_URL: smtpUrl,
    KOEPFE_STATE: "",
    KOEPFE_DKIM_KEY_FILE: "",
    KOEPFE_SMTP_CA_FILE: testCertificate().caFile,
    ...extra,
  };
}

export const stateFile = (dir: string) => path.join(dir, ".koepfe", "state.sqlite");

/** A ledger file in a fresh temporary folder. */
export const tempLedgerFile = () => path.join(mkdtempSync(path.join(tmpdir(), "koepfe-ledger-")), "state.sqlite");

export const SETTINGS: MailSettings = {
  year: 2024,
  issue: 1,
  subject: "100 Köpfe 2024: Plätze 100 bis 91",
  replyTo: "redaktion@example.org",
  listId: NEWSLETTER.list_id,
  listTitle: "100 Köpfe 2024",
  unsubscribeMailto: NEWSLETTER.unsubscribe_mailto,
};
export const SENDER = { name: "100 Köpfe", address: "koepfe@example.org", domain: "example.org" };

/** The relay of a test SMTP server's URL, as `koepfe send` reads it from KOEPFE_SMTP_URL. */
export function relayOf(url: string, env: NodeJS.ProcessEnv = {}): Relay {
  return relayFromEnv({ KOEPFE_SMTP_CA_FILE: testCertificate().caFile, ...env, KOEPFE_SMTP_URL: url });
}

const SLOTS = placeholdersFor("testsource");

/** A message source without MJML: a short text and HTML part naming the recipient. */
export function simpleSource(settings: MailSettings = SETTINGS): MessageSource {
  const { salutation, unsubscribeUrl } = SLOTS;
  const template = messageTemplate(settings, SENDER, {
    text: fillPlan(`${salutation}\n\nPlätze 100 bis 91.\n\nAbmelden: ${unsubscribeUrl}\n`, SLOTS),
    html: fillPlan(`<p>${salutation}</p><p><a href="${unsubscribeUrl}">Abmelden</a></p>`, SLOTS),
  });
  return {
    envelopeFrom: () => SENDER.address,
    template,
    fill(to, date) {
      const url = NEWSLETTER.unsubscribe_url + unsubscribeToken(SECRET, settings.listId, to.email);
      const hello = to.firstName ? `Hallo ${to.firstName},` : "Guten Tag,";
      const values = { salutation: hello, unsubscribeUrl: url, webUrl: "https://koepfe.example.org/2024/newsletter/1/" };
      return { to: to.email, messageId: to.messageId, date, unsubscribeUrl: url, text: values, html: values };
    },
  };
}
