/**
 * What koepfe must read from each fixture of test/fixtures/bounces (kind, recipients with class,
 * status and reason, original Message-ID, VERP address); shared by the corpus and Sisimai tests.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { readReport } from "../../src/bounce/read-report.js";
import type { BounceReport, ReportKind } from "../../src/bounce/types.js";

export const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/bounces");

export type Row = [email: string, cls: string, status: string | null, reason: string];
export interface Expected {
  kind: ReportKind;
  recipients: Row[];
  originalMessageId: string | null;
  reportTo: string;
}

const id = (issue: number, position: number, tag: string) => `<issue-${issue}.${position}.${tag}@koepfe.test>`;
const verp = (tag: string) => `bounces+${tag}@koepfe.test`;
const dsn = (tag: string, position: number, recipients: Row[], issue = 3): Expected => ({
  kind: "dsn",
  recipients,
  originalMessageId: id(issue, position, tag),
  reportTo: verp(tag),
});

export const EXPECTED: Record<string, Expected> = {
  "postfix-user-unknown.eml": dsn("3-h-dxpqhmuwc7", 17, [["max.mustermann@example.com", "hard", "5.1.1", "userunknown"]]),
  "postfix-mailbox-full.eml": dsn("3-i-so3ni3vsai", 18, [["voll@example.org", "soft", "5.2.2", "mailboxfull"]]),
  "postfix-two-recipients.eml": dsn("3-j-nemsflgodl", 19, [
    ["erika.musterfrau@example.com", "hard", "5.1.1", "userunknown"],
    ["voll@example.org", "soft", "5.2.2", "mailboxfull"],
  ]),
  "postfix-delivered.eml": dsn("3-k-wqrhm33w66", 20, [["anna.schmidt@example.org", "none", "2.0.0", "delivered"]]),
  "postfix-relayed.eml": dsn("3-l-xeqh2cfbkt", 21, [["jonas@example.net", "none", "2.0.0", "delivered"]]),
  "postfix-spamhaus-blocked.eml": dsn("3-m-idrq5yi4ou", 22, [["blocked@example.net", "policy", "5.7.1", "blocked"]]),
  "postfix-spam-content.eml": dsn("3-n-trrojuas4o", 23, [["spam.check@example.net", "policy", "5.7.1", "spamdetected"]]),
  "postfix-expired-greylist.eml": dsn("3-o-f562waj7fn", 24, [["graue.liste@example.net", "soft", "4.2.0", "expired"]]),
  "postfix-remote-mailbox-full.eml": dsn("3-p-iesvlaenh2", 25, [["postfach.voll@example.net", "soft", "4.2.2", "mailboxfull"]]),
  "postfix-message-too-big.eml": dsn("3-q-xaieegj4e3", 26, [["lena@example.net", "policy", "5.3.4", "mesgtoobig"]]),
  "exim-unrouteable.eml": dsn("4-3-os6mgswipl", 3, [["max.mustermann@example.com", "hard", "5.0.0", "userunknown"]], 4),
  "exim-mailbox-full.eml": dsn("4-4-vvogv64ozl", 4, [["voll@example.com", "soft", "5.2.2", "mailboxfull"]], 4),
  "exim-text-only.eml": dsn("3-v-vxeq2nbnpx", 31, [["sophie.wagner@example.org", "hard", "5.1.1", "userunknown"]]),
  "qmail-user-unknown.eml": dsn("3-u-a3smug3ocl", 30, [["paul.becker@example.com", "hard", "5.1.1", "userunknown"]]),
  "sendmail-user-unknown.eml": dsn("3-w-dtzdu6jxxm", 32, [["lukas.hoffmann@example.com", "hard", "5.1.1", "userunknown"]]),
  "yahoo-user-unknown.eml": dsn("3-x-jdvydhwynx", 33, [["mia.schulz@example.net", "hard", "5.1.1", "userunknown"]]),
  "exchange-de-recipient-not-found.eml": dsn("3-y-fyc4ivzwzp", 34, [["jana.koch@example.org", "hard", "5.1.1", "userunknown"]]),
  "office365-recipient-not-found.eml": dsn("3-z-2boaw563e7", 35, [["finn.richter@example.com", "hard", "5.1.10", "userunknown"]]),
  "gmail-address-not-found.eml": dsn("3-10-zuilbullpv", 36, [["ben.wolf@example.com", "hard", "5.1.1", "userunknown"]]),
  "outlook-blocklist.eml": dsn("3-11-jntdnw4rdy", 37, [["nora.klein@example.com", "policy", "5.7.1", "blocked"]]),
  "amazon-ses-mailbox-full.eml": dsn("3-12-maetz27q6m", 38, [["emma.fischer@example.com", "soft", "5.2.2", "mailboxfull"]]),
  "gmx-de-user-unknown.eml": dsn("3-13-p5tly2olkh", 39, [["felix.neumann@example.com", "hard", "5.1.1", "userunknown"]]),
  "webde-mailbox-full.eml": dsn("3-14-makunfczsm", 40, [["marie.schroeder@example.net", "soft", null, "mailboxfull"]]),
  "t-online-de-user-unknown.eml": dsn("3-15-65f5wi6mli", 41, [["lea.braun@example.org", "hard", null, "userunknown"]]),
  "auto-reply-de-abwesenheit.eml": {
    kind: "auto-reply",
    recipients: [["katrin.vogel@example.com", "none", null, "vacation"]],
    originalMessageId: id(3, 42, "3-16-xgplg5y4ej"),
    reportTo: verp("3-16-xgplg5y4ej"),
  },
  "auto-reply-outlook-ooo.eml": {
    kind: "auto-reply",
    recipients: [["jonas.weber@example.org", "none", null, "vacation"]],
    originalMessageId: id(3, 43, "3-17-huavbjyant"),
    reportTo: verp("3-17-huavbjyant"),
  },
  "arf-abuse-yahoo.eml": {
    kind: "arf",
    recipients: [["tim.zimmermann@example.com", "complaint", null, "feedback"]],
    originalMessageId: id(3, 44, "3-18-kna6sfb2hf"),
    reportTo: "fbl@koepfe.test",
  },
  // the original is inline (mailparser shows it as text without its Message-ID); the recipient comes from its To line
  "arf-redacted-aol.eml": {
    kind: "arf",
    recipients: [["lisa.krueger@example.net", "complaint", null, "feedback"]],
    originalMessageId: null,
    reportTo: "fbl@koepfe.test",
  },
  // the recipient with a BEL after its address and the one with "not an address" are dropped
  "hostile-control-characters.eml": dsn("3-1a-33vu3hzred", 46, [["noah.schwarz@example.net", "hard", "5.1.1", "userunknown"]]),
  "hostile-huge-diagnostic.eml": dsn("3-1b-h6adncbyhp", 47, [["clara.lange@example.net", "soft", "5.2.2", "mailboxfull"]]),
};

export async function readFixture(file: string): Promise<BounceReport> {
  const result = await readReport(readFileSync(path.join(FIXTURES, file)));
  if (!result.ok) throw new Error(`${file}: ${result.code} ${result.message}`);
  return result.report;
}
