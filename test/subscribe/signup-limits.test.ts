/**
 * What the sign-up of the real `koepfe serve` tells a stranger (nothing: the same page for a new, a
 * pending, a confirmed and a suppressed address), its limits and bot checks (answered alike, nothing
 * sent), the bad requests (a German 400 where a person can fix something, else the same answer, and
 * nothing stored) and the links that do not work (forged, expired, used: a German 400 page).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { runBin } from "../helpers/cli.js";
import { startSmtp, type TestSmtp } from "../helpers/smtp.js";
import { SECRET, confirmed, sendEdition, sendEnv } from "../helpers/send.js";
import { NEWSLETTER } from "../helpers/newsletter.js";
import { startServe, stopServers, waitFor, type RunningServe } from "../helpers/serve.js";
import { consentFor } from "../../src/subscribe/consent.js";
import { confirmToken, formToken, newNonce } from "../../src/subscribe/token.js";

let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(() => smtp.close());
afterEach(stopServers);

const VERSION = consentFor("100 Köpfe 2024").version;
/** A form served a minute ago, as a person sends it. */
const fields = (email: string, extra: Record<string, string> = {}) => ({
  email,
  first_name: "",
  consent: "ja",
  consent_version: VERSION,
  form_token: formToken(SECRET, Math.floor(Date.now() / 1000) - 60),
  homepage: "",
  ...extra,
});
const post = (s: RunningServe, body: string | Buffer, type = "application/x-www-form-urlencoded") =>
  fetch(s.url("/anmelden"), {
    method: "POST",
    body: typeof body === "string" ? body : new Uint8Array(body),
    headers: { "content-type": type },
  });
const signUp = async (s: RunningServe, email: string, extra: Record<string, string> = {}) => {
  const r = await post(s, new URLSearchParams(fields(email, extra)).toString());
  return { status: r.status, body: await r.text() };
};
const mailsTo = (domain: string) => smtp.received.filter((m) => m.to.endsWith(`@${domain}`)).length;
const known = (dir: string, env: NodeJS.ProcessEnv) =>
  (JSON.parse(runBin(["subscribers", dir, "--json"], { env }).stdout) as { email: string; source: string }[]).filter(
    (s) => s.source === "signup",
  );
/** The server logged its decision: every request has been handled when this many sign-up events are in. */
const decided = (s: RunningServe, n: number) =>
  waitFor(() => s.log().filter((l) => /^signup-|^confirmation-/.test(String(l["event"]))).length >= n, `${n} sign-up events`);

describe("what the sign-up tells a stranger", () => {
  it("the same page for a new, a pending, a confirmed and a suppressed address; one mail, to the new one only", async () => {
    // r1@same.test is confirmed in subscribers.csv
    const dir = sendEdition(confirmed(1, "same.test"));
    const env = sendEnv(smtp.url);
    runBin(["suppress", "weg@same.test", "--dir", dir], { env });
    const s = await startServe(dir, env);
    const first = await signUp(s, "neu@same.test");
    await waitFor(() => mailsTo("same.test") === 1, "the confirmation mail");
    const answers = [first, await signUp(s, "neu@same.test"), await signUp(s, "r1@same.test"), await signUp(s, "weg@same.test")];
    expect(new Set(answers.map((a) => `${a.status} ${a.body}`)).size).toBe(1);
    expect(first.status).toBe(200);
    await decided(s, 5);
    // pending again within ten minutes, confirmed already, suppressed: no second mail, none for the others
    expect(mailsTo("same.test")).toBe(1);
    expect(
      s
        .log()
        .map((l) => l["reason"])
        .filter(Boolean),
    ).toEqual(["address-too-soon", "confirmed-already", "suppressed"]);
    expect(JSON.stringify(s.log())).not.toContain("@same.test");
  }, 60_000);

  it("limits and bots: honeypot, too fast, forged timing, per client and the hourly cap — same answer, nothing sent or stored", async () => {
    const dir = sendEdition(confirmed(1, "limits.test"), { signup_limits: { per_client_per_hour: 3, mails_per_hour: 2 } });
    const env = sendEnv(smtp.url);
    const s = await startServe(dir, env);
    const accepted = (await signUp(s, "a@limits.test")).body;
    const tries = [
      await signUp(s, "bot1@limits.test", { homepage: "https://spam.example" }),
      await signUp(s, "bot2@limits.test", { form_token: formToken(SECRET, Math.floor(Date.now() / 1000)) }),
      await signUp(s, "bot3@limits.test", { form_token: "1.AAAAAAAAAAAAAAAAAAAAAA" }),
      await signUp(s, "b@limits.test"),
      await signUp(s, "c@limits.test"), // the third mail of the hour
      await signUp(s, "d@limits.test"), // the fourth request of this client (bots are not counted)
    ];
    expect(tries.map((t) => [t.status, t.body === accepted])).toEqual(tries.map(() => [200, true]));
    await waitFor(() => mailsTo("limits.test") === 2, "two confirmation mails");
    await decided(s, 9);
    expect(
      smtp.received
        .filter((m) => m.to.endsWith("@limits.test"))
        .map((m) => m.to)
        .sort(),
    ).toEqual(["a@limits.test", "b@limits.test"]);
    expect(s.log().flatMap((l) => (l["reason"] ? [l["reason"]] : []))).toEqual([
      "honeypot",
      "too-fast",
      "form-token",
      "global-hourly-cap",
      "ip-rate",
    ]);
    expect(known(dir, env).map((k) => k.email)).toEqual(["a@limits.test", "b@limits.test"]);
  }, 60_000);
});

describe("behind the reverse proxy", () => {
  it("--trust-proxy takes the client from the proxy's own X-Forwarded-For entry; without it the header is ignored", async () => {
    const dir = sendEdition(confirmed(1, "proxy.test"), { signup_limits: { per_client_per_hour: 1, mails_per_hour: 100 } });
    const env = sendEnv(smtp.url);
    const viaProxy = (s: RunningServe, email: string, forwarded: string) =>
      fetch(s.url("/anmelden"), {
        method: "POST",
        body: new URLSearchParams(fields(email)).toString(),
        headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": forwarded },
      });
    const trusted = await startServe(dir, env, ["--trust-proxy"]);
    await viaProxy(trusted, "one@proxy.test", "198.51.100.1");
    await viaProxy(trusted, "two@proxy.test", "198.51.100.2");
    // a client claiming another address: the proxy appends the real one, which is what counts
    await viaProxy(trusted, "three@proxy.test", "203.0.113.9, 198.51.100.1");
    await waitFor(() => mailsTo("proxy.test") === 2, "two confirmation mails");
    await decided(trusted, 5);
    expect(trusted.log().flatMap((l) => (l["reason"] ? [l["reason"]] : []))).toEqual(["ip-rate"]);
    expect(JSON.parse(runBin(["consent", "two@proxy.test", dir, "--json"], { env }).stdout)).toMatchObject({
      signup: { request_ip: "198.51.100.0" },
    });
    stopServers();

    const direct = await startServe(dir, env);
    await viaProxy(direct, "four@proxy.test", "198.51.100.4");
    await viaProxy(direct, "five@proxy.test", "198.51.100.5");
    await decided(direct, 3);
    expect(direct.log().flatMap((l) => (l["reason"] ? [l["reason"]] : []))).toEqual(["ip-rate"]);
  }, 60_000);
});

describe("bad requests", () => {
  it("a German 400 form for what a person can fix; the same answer and nothing stored for the rest", async () => {
    const dir = sendEdition(confirmed(1, "bad.test"));
    const env = sendEnv(smtp.url);
    const s = await startServe(dir, env);
    const accepted = (await signUp(s, "ok@bad.test")).body;

    const invalid = await signUp(s, "anna.mueller@");
    expect(invalid.status).toBe(400);
    expect(invalid.body).toContain("Bitte geben Sie eine gültige E-Mail-Adresse ein");
    expect(invalid.body).toContain('value="anna.mueller@"');
    const overlong = await signUp(s, `${"a".repeat(70)}@bad.test`);
    expect(overlong.status).toBe(400);
    const noConsent = await post(s, new URLSearchParams({ ...fields("x@bad.test"), consent: "" }).toString().replace("consent=&", ""));
    expect([noConsent.status, await noConsent.text()]).toEqual([400, expect.stringContaining("Bitte setzen Sie das Häkchen")]);

    const quiet = [
      await post(s, new URLSearchParams(fields("inj@bad.test", { first_name: "Eve\r\nBcc: all@example.org" })).toString()),
      await post(s, `${new URLSearchParams(fields("extra@bad.test")).toString()}&admin=1`),
      await post(
        s,
        Buffer.concat([
          Buffer.from("email=w%FCrg@bad.test&"),
          Buffer.from(new URLSearchParams(fields("x")).toString().replace(/^email=x&/, "")),
        ]),
      ),
      await post(s, new URLSearchParams(fields("plain@bad.test")).toString(), "text/plain"),
      await post(s, `email=big@bad.test&first_name=${"x".repeat(1024 * 1024)}`),
      await fetch(s.url("/anmelden?email=get@bad.test&consent=ja")),
    ];
    expect(await Promise.all(quiet.slice(0, 5).map(async (r) => [r.status, (await r.text()) === accepted]))).toEqual(
      quiet.slice(0, 5).map(() => [200, true]),
    );
    expect(quiet[5]?.status).toBe(200);
    await waitFor(() => mailsTo("bad.test") === 1, "one confirmation mail");
    expect(known(dir, env).map((k) => k.email)).toEqual(["ok@bad.test"]);
    expect(
      s
        .log()
        .filter((l) => l["event"] === "signup-refused")
        .map((l) => l["reason"]),
    ).toEqual(["header-injection", "unknown-field", "not-utf8", "content-type", "too-large"]);
  }, 60_000);

  it("a forged, an expired and a used confirmation link get a German 400 page and confirm nothing", async () => {
    const dir = sendEdition(confirmed(1, "links.test"), { confirm_ttl_hours: 1 });
    const env = sendEnv(smtp.url);
    const s = await startServe(dir, env);
    await signUp(s, "p@links.test");
    await waitFor(() => mailsTo("links.test") === 1, "the confirmation mail");
    const now = Math.floor(Date.now() / 1000);
    const forged = confirmToken("another-secret-0123456789", NEWSLETTER.list_id, "p@links.test", now, newNonce());
    const expired = confirmToken(SECRET, NEWSLETTER.list_id, "p@links.test", now - 2 * 3600, newNonce());
    const stale = confirmToken(SECRET, NEWSLETTER.list_id, "p@links.test", now, newNonce()); // not the pending nonce
    for (const [token, says] of [
      [forged, "ungültig"],
      [expired, "abgelaufen"],
      [stale, "gilt nicht mehr"],
      ["%E0%A4%A", "ungültig"],
    ] as const) {
      for (const method of ["GET", "POST"]) {
        const r = await fetch(s.url(`/bestaetigen/${token}`), {
          method,
          ...(method === "POST" ? { body: "", headers: { "content-type": "application/x-www-form-urlencoded" } } : {}),
        });
        const text = await r.text();
        expect([token.slice(0, 12), method, r.status, text.includes('lang="de"')]).toEqual([token.slice(0, 12), method, 400, true]);
        expect(text.toLowerCase()).toContain(says);
      }
    }
    expect(known(dir, env)).toEqual([expect.objectContaining({ email: "p@links.test", state: "pending" })]);
  }, 60_000);
});
