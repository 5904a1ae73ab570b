/**
 * ESP webhooks through `koepfe serve`: Postmark (HTTP Basic) and Mailgun (HMAC) through the real
 * binary, Amazon SES through SNS in-process with a locally made signing certificate (the server
 * cannot reach AWS from a test). A verified event is recorded and acted on before the 2xx; a forged,
 * replayed or unconfigured one changes nothing.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ChildProcess } from "node:child_process";
import { createHmac } from "node:crypto";
import { runBin, spawnBin } from "../helpers/cli.js";
import { startSmtp, type TestSmtp } from "../helpers/smtp.js";
import { sentIssue } from "../helpers/bounces.js";
import { basicAuth, fixtureText } from "../helpers/webhooks.js";
import { CERT_URL, TOPIC_ARN, createSnsSigner, snsConfirmation, snsNotification } from "../helpers/sns.js";
import { serve } from "../../src/app/serve.js";

const POSTMARK = "koepfe:0123456789abcdef0123456789";
const MAILGUN = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0";

let smtp: TestSmtp;
const children: ChildProcess[] = [];
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(() => smtp.close());
afterEach(() => {
  for (const c of children.splice(0)) c.kill("SIGKILL");
});

async function waitFor(ok: () => boolean, what: string): Promise<void> {
  const until = Date.now() + 20_000;
  while (!ok()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** `koepfe serve` as a process; resolves with its origin once it listens. */
async function startServe(dir: string, env: NodeJS.ProcessEnv): Promise<{ origin: string; output: () => string }> {
  const run = spawnBin(["serve", dir, "--port", "0"], env);
  children.push(run.child);
  await waitFor(() => run.output().includes('"event":"listening"'), "the server");
  const listening = JSON.parse(run.output().split("\n")[0] ?? "{}") as { port: number; webhooks: string[] };
  expect(listening.webhooks).toEqual(["postmark", "mailgun"]);
  return { origin: `http://127.0.0.1:${listening.port}`, output: run.output };
}

const hook = (origin: string, provider: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${origin}/hooks/${provider}`, { method: "POST", body, headers: { "content-type": "application/json", ...headers } });

/** A Mailgun event signed now, as Mailgun signs it: hex HMAC-SHA256(key, timestamp + token). */
function mailgunEvent(name: string, email: string, token: string, key = MAILGUN): string {
  const event = JSON.parse(fixtureText("mailgun", name).replace(/karl\.klage@example\.com/g, email)) as Record<string, unknown>;
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = createHmac("sha256", key)
    .update(timestamp + token)
    .digest("hex");
  return JSON.stringify({ ...event, signature: { timestamp, token, signature } });
}

const suppressed = (dir: string, env: NodeJS.ProcessEnv) =>
  runBin(["suppressions", dir], { env })
    .stdout.split("\n")
    .filter((l) => l.includes("@"));

describe("POST /hooks/<provider> on koepfe serve", () => {
  it("Postmark and Mailgun: verified events suppress once (2xx after the record), forged and replayed ones change nothing", async () => {
    const s = await sentIssue(smtp, 3, "hooks.test");
    const env = { ...s.env, KOEPFE_WEBHOOK_POSTMARK_AUTH: POSTMARK, KOEPFE_WEBHOOK_MAILGUN_KEY: MAILGUN };
    const { origin } = await startServe(s.dir, env);
    const bounce = fixtureText("postmark", "bounce-hard.json").replace(/paul\.platzhalter@example\.com/g, "r1@hooks.test");

    const refused = await hook(origin, "postmark", bounce, { authorization: basicAuth("koepfe:wrong-password-0000000") });
    expect([refused.status, await refused.text()]).toEqual([401, "webhook-unauthorized\n"]);
    expect(suppressed(s.dir, env)).toEqual([]);

    for (let i = 0; i < 2; i++) {
      const ok = await hook(origin, "postmark", bounce, { authorization: basicAuth(POSTMARK) });
      expect([ok.status, await ok.text()]).toEqual([200, "ok\n"]);
    }
    expect(suppressed(s.dir, env)).toEqual([expect.stringMatching(/r1@hooks\.test.*bounce: 5\.1\.1/)]);

    const complaint = mailgunEvent("complained.json", "r2@hooks.test", "a".repeat(50));
    expect((await hook(origin, "mailgun", complaint)).status).toBe(200);
    const replayed = await hook(origin, "mailgun", complaint);
    expect([replayed.status, await replayed.text()]).toEqual([403, "webhook-replay\n"]);
    const forged = await hook(
      origin,
      "mailgun",
      mailgunEvent("complained.json", "r3@hooks.test", "b".repeat(50), "key-not-the-real-one-000000000"),
    );
    expect([forged.status, await forged.text()]).toEqual([403, "webhook-bad-signature\n"]);
    expect(suppressed(s.dir, env)).toEqual([expect.stringContaining("r1@hooks.test"), expect.stringMatching(/r2@hooks\.test.*complaint/)]);

    // not configured, not a POST, too large: refused without reading or acting
    expect((await hook(origin, "ses", "{}")).status).toBe(403);
    expect((await fetch(`${origin}/hooks/postmark`)).status).toBe(405);
    const big = await hook(origin, "postmark", "x".repeat(2 * 1024 * 1024), { authorization: basicAuth(POSTMARK) }).catch(() => null);
    expect(big === null || big.status === 413).toBe(true);

    const status = runBin(["status", s.dir], { env }).stdout;
    expect(status).toContain("issue 1 after the send: 1 hard bounces (33.3 %), 0 soft, 1 complaints (33.3 %)");
    expect(status).toContain("bounce reports: 2 recorded");
  }, 90_000);

  it("Amazon SES through SNS: confirms the subscription, records a signed bounce, answers 503 while the certificate is unreachable", async () => {
    const s = await sentIssue(smtp, 2, "ses-hooks.test");
    const signer = createSnsSigner();
    const fetched: string[] = [];
    let certificateReachable = false;
    const httpsGet = async (url: string) => {
      fetched.push(url);
      if (url === CERT_URL && certificateReachable) return signer.certificatePem;
      if (url.includes("Action=ConfirmSubscription")) return "<ConfirmSubscriptionResponse/>";
      throw new Error("unreachable");
    };
    const lines: string[] = [];
    const stop = new AbortController();
    const running = serve(
      { dir: s.dir, host: "127.0.0.1", port: 0, httpsGet },
      {
        env: { ...s.env, KOEPFE_WEBHOOK_SES_TOPICS: TOPIC_ARN },
        signal: stop.signal,
        out: { write: (t: string) => lines.push(t) },
        err: { write: () => true },
        clock: Date.now,
      },
    );
    try {
      await waitFor(() => lines.some((l) => l.includes('"event":"listening"')), "the server");
      const port = (JSON.parse(lines.find((l) => l.includes('"listening"')) ?? "{}") as { port: number }).port;
      const post = (envelope: Record<string, string>) =>
        fetch(`http://127.0.0.1:${port}/hooks/ses`, {
          method: "POST",
          body: JSON.stringify(envelope),
          headers: { "content-type": "text/plain; charset=UTF-8", "x-amz-sns-message-type": envelope["Type"] ?? "" },
        });
      const message = fixtureText("ses", "bounce-permanent.json").replace(/Lena\.Beispiel@Example\.COM/g, "r1@ses-hooks.test");
      const notification = snsNotification(message, Date.now(), signer, { messageId: "9a1b2c3d-0000-4000-8000-000000000001" });

      expect((await post(notification)).status).toBe(503); // the certificate is not reachable yet: SNS retries
      certificateReachable = true;
      expect((await post(snsConfirmation("SubscriptionConfirmation", Date.now(), signer))).status).toBe(200);
      expect(fetched.some((u) => u.includes("Action=ConfirmSubscription"))).toBe(true);
      expect((await post(notification)).status).toBe(200);
      expect(suppressed(s.dir, s.env)).toEqual([expect.stringContaining("r1@ses-hooks.test")]);
      const tampered = { ...notification, Message: message.replace("r1@ses-hooks.test", "r2@ses-hooks.test") };
      expect((await post(tampered)).status).toBe(403);
      expect(suppressed(s.dir, s.env)).toHaveLength(1);
    } finally {
      stop.abort();
      await running;
    }
  }, 90_000);
});
