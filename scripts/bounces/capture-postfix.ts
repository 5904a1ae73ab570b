/**
 * Produces the REAL Postfix delivery status notifications of test/fixtures/bounces/postfix-*.eml.
 *
 * Runs a throwaway Postfix instance (Debian's postfix, `postfix -c <dir>`, everything under a temp
 * folder, listening on 127.0.0.1:2525 only), a scripted remote MX on 127.0.0.1:2526 (smtp-server),
 * sends the scenarios below through it and captures the notifications Postfix returns to the VERP
 * sender (a pipe transport writes them to files, with Delivered-To and X-Original-To as a mailbox
 * would have them). Needs root (Postfix's master runs as root) and Debian's postfix installed.
 *
 *   npx tsx scripts/bounces/capture-postfix.ts [out-dir]    (default test/fixtures/bounces)
 */
import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";
import { deliveryTag, verpAddress } from "../../src/bounce/verp.js";

const OUT = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, "../../test/fixtures/bounces"));
const SECRET = "fixture-secret-not-for-production";
const LIST_ID = "koepfe-2026";
const BOUNCES = "bounces@koepfe.test";

const root = mkdtempSync(path.join(tmpdir(), "koepfe-postfix-"));
const etc = path.join(root, "etc");
const captured = path.join(root, "captured");
const vmail = path.join(root, "vmail");
for (const d of [etc, captured, vmail, path.join(root, "spool"), path.join(root, "data")]) mkdirSync(d, { recursive: true });
execFileSync("chown", ["postfix", path.join(root, "data")]);
chmodSync(root, 0o755);
chmodSync(captured, 0o1777);
chmodSync(vmail, 0o1777);
// a mailbox that is already nearly at virtual_mailbox_limit: the next message makes it overflow
writeFileSync(path.join(vmail, "voll"), `${"x".repeat(11900)}\n`);
execFileSync("chown", ["65534:65534", path.join(vmail, "voll")]);

writeFileSync(
  path.join(etc, "main.cf"),
  `compatibility_level = 3.6
queue_directory = ${root}/spool
data_directory = ${root}/data
myhostname = mx.koepfe.test
mydomain = koepfe.test
myorigin = koepfe.test
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
mydestination = example.com
local_recipient_maps =
alias_maps =
alias_database =
smtpd_reject_unlisted_recipient = no
virtual_mailbox_domains = example.org
virtual_mailbox_base = ${vmail}
virtual_mailbox_maps = inline:{ anna.schmidt@example.org=anna, voll@example.org=voll }
virtual_uid_maps = static:65534
virtual_gid_maps = static:65534
message_size_limit = 12000
virtual_mailbox_limit = 12000
mailbox_size_limit = 12000
transport_maps = inline:{ example.net=smtp:[127.0.0.1]:2526, koepfe.test=capture: }
smtp_dns_support_level = disabled
maximal_queue_lifetime = 0
bounce_queue_lifetime = 0
queue_run_delay = 1s
minimal_backoff_time = 1s
maximal_backoff_time = 2s
delay_warning_time = 0
maillog_file_prefixes = ${root}
maillog_file = ${root}/maillog
`,
);
const master = readFileSync("/etc/postfix/master.cf", "utf8")
  .split("\n")
  .map((line) => line.replace(/^smtp(\s+)inet/, "127.0.0.1:2525$1inet"))
  // no chroot: the instance lives in a temp folder without the files a chroot needs
  .map((line) =>
    /^\S+\s+(unix|inet|fifo|pass|unix-dgram)\s/.test(line) ? line.replace(/^(\S+\s+\S+\s+\S+\s+\S+\s+)y(\s)/, "$1n$2") : line,
  )
  .join("\n");
writeFileSync(
  path.join(etc, "master.cf"),
  `${master}\npostlog   unix-dgram n  -       n       -       1       postlogd\ncapture   unix  -       n       n       -       -       pipe\n  flags=DOR user=nobody argv=/bin/dd of=${captured}/\${queue_id}.eml status=none\n`,
);

type Reply = { code: number; message: string } | null;
/** The scripted remote MX: its answer per recipient local part (null accepts). */
const rcptReplies: Record<string, Reply> = {
  blocked: {
    code: 554,
    message:
      "5.7.1 Service unavailable; Client host [127.0.0.1] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/127.0.0.1",
  },
  "postfach.voll": { code: 452, message: "4.2.2 <postfach.voll@example.net>: Recipient address rejected: Mailbox full" },
  "graue.liste": {
    code: 450,
    message: "4.2.0 <graue.liste@example.net>: Recipient address rejected: Greylisted, see https://postgrey.example.net/",
  },
};
const mx = new SMTPServer({
  authOptional: true,
  hideDSN: true,
  size: 6000,
  banner: "mx.example.net ESMTP",
  onRcptTo(address, _session, callback) {
    const reply = rcptReplies[address.address.split("@")[0] ?? ""];
    if (reply) return callback(Object.assign(new Error(reply.message), { responseCode: reply.code }));
    return callback();
  },
  onData(stream, session, callback) {
    stream.resume();
    stream.on("end", () => {
      if (session.envelope.rcptTo.some((r) => r.address.startsWith("spam.check@"))) {
        return callback(Object.assign(new Error("5.7.1 Message rejected as spam by Content Filtering."), { responseCode: 550 }));
      }
      return callback();
    });
  },
});
await new Promise<void>((resolve) => mx.listen(2526, "127.0.0.1", resolve));

const postfix = (...args: string[]) => execFileSync("postfix", ["-c", etc, ...args], { stdio: "inherit" });
postfix("check");
postfix("start");

interface Scenario {
  name: string;
  to: string[];
  issue: number;
  position: number;
  notify?: ("success" | "failure" | "delay")[];
  bodyBytes?: number;
}
const scenarios: Scenario[] = [
  { name: "postfix-user-unknown", to: ["max.mustermann@example.com"], issue: 3, position: 17 },
  { name: "postfix-mailbox-full", to: ["voll@example.org"], issue: 3, position: 18 },
  { name: "postfix-two-recipients", to: ["erika.musterfrau@example.com", "voll@example.org"], issue: 3, position: 19 },
  { name: "postfix-delivered", to: ["anna.schmidt@example.org"], issue: 3, position: 20, notify: ["success", "failure"] },
  { name: "postfix-relayed", to: ["jonas@example.net"], issue: 3, position: 21, notify: ["success", "failure"] },
  { name: "postfix-spamhaus-blocked", to: ["blocked@example.net"], issue: 3, position: 22 },
  { name: "postfix-spam-content", to: ["spam.check@example.net"], issue: 3, position: 23 },
  { name: "postfix-expired-greylist", to: ["graue.liste@example.net"], issue: 3, position: 24 },
  { name: "postfix-remote-mailbox-full", to: ["postfach.voll@example.net"], issue: 3, position: 25 },
  { name: "postfix-message-too-big", to: ["lena@example.net"], issue: 3, position: 26, bodyBytes: 7000 },
];

const transport = nodemailer.createTransport({ host: "127.0.0.1", port: 2525, secure: false, ignoreTLS: true });
const sent = new Map<string, string>();
for (const s of scenarios) {
  const tag = deliveryTag(SECRET, LIST_ID, s.issue, s.position);
  const body = `Hallo,\n\nhier sind die Plätze 100 bis 91 der 100 Köpfe 2026.\n${"Laudatio. ".repeat(Math.ceil((s.bodyBytes ?? 0) / 10))}\n`;
  const info = await transport.sendMail({
    envelope: { from: verpAddress(BOUNCES, tag), to: s.to },
    from: '"Die 100 Köpfe" <newsletter@koepfe.test>',
    to: s.to.join(", "),
    subject: "Die 100 Köpfe 2026: Plätze 100–91",
    messageId: `<issue-${s.issue}.${s.position}.${tag}@koepfe.test>`,
    text: body,
    ...(s.notify ? { dsn: { notify: s.notify, ret: "HDRS" as const, id: `koepfe-${s.issue}-${s.position}` } } : {}),
  });
  sent.set(info.messageId, s.name);
}

// wait until every scenario has a notification (Postfix retries the greylisted one a few times)
const deadline = Date.now() + 60_000;
const byScenario = new Map<string, string>();
while (Date.now() < deadline && byScenario.size < scenarios.length) {
  for (const f of readdirSync(captured)) {
    const text = readFileSync(path.join(captured, f), "latin1");
    for (const [id, name] of sent) if (text.includes(id)) byScenario.set(name, f);
  }
  await new Promise((r) => setTimeout(r, 500));
}
postfix("stop");
mx.close();

mkdirSync(OUT, { recursive: true });
for (const s of scenarios) {
  const f = byScenario.get(s.name);
  if (f === undefined) {
    process.stderr.write(`no notification for ${s.name}\n`);
    continue;
  }
  copyFileSync(path.join(captured, f), path.join(OUT, `${s.name}.eml`));
  process.stdout.write(`${s.name}.eml\n`);
}
process.stdout.write(`instance and maillog left in ${root}\n`);
