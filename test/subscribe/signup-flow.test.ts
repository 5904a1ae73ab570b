/**
 * Sign-up through the real `koepfe serve` and a real SMTP server on 127.0.0.1: the form, the one
 * confirmation mail, a GET that confirms nothing, the POST that does, the record that proves it, the
 * next issue reaching the person, the way out, forgetting, and a stale CSV row that stays out.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { simpleParser } from "mailparser";
import { runBin, spawnBin } from "../helpers/cli.js";
import { startSmtp, type TestSmtp } from "../helpers/smtp.js";
import { confirmed, sendEdition, sendEnv, subscribersCsv } from "../helpers/send.js";
import { startServe, stopServers, waitFor } from "../helpers/serve.js";
import { tempOut } from "../helpers/site.js";
import { all, attr } from "../helpers/html.js";
import { parse } from "parse5";

let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(() => smtp.close());
afterEach(stopServers);

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const hidden = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? "";

/** The confirmation link of the latest mail to `to`, as a path on our server. */
async function confirmLink(to: string): Promise<{ path: string; mail: Awaited<ReturnType<typeof simpleParser>>; raw: string }> {
  await waitFor(() => smtp.received.some((m) => m.to === to), `the confirmation mail to ${to}`);
  const raw = [...smtp.received].reverse().find((m) => m.to === to)?.raw ?? Buffer.alloc(0);
  const mail = await simpleParser(raw);
  const link = /https:\/\/koepfe\.example\.org(\/bestaetigen\/[A-Za-z0-9_.-]+)/.exec(mail.text ?? "")?.[1];
  if (link === undefined) throw new Error(`no confirmation link in:\n${mail.text}`);
  return { path: link, mail, raw: raw.toString("utf8") };
}

describe("sign-up with double opt-in", () => {
  it("form → one mail → GET confirms nothing → POST confirms → the proof → the next issue → unsubscribe → forget → a stale row stays out", async () => {
    const dir = sendEdition(confirmed(1, "bestand.test"));
    const env = sendEnv(smtp.url);
    const server = await startServe(dir, env);

    const page = await fetch(server.url("/anmelden?email=vorbelegt@example.org"));
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain("<h1>Newsletter abonnieren</h1>");
    expect(html).not.toContain("vorbelegt@example.org");
    // a person takes more than three seconds to fill in a form
    await new Promise((r) => setTimeout(r, 3100));
    const body = form({
      email: "Nina.Neu@Signup.TEST",
      first_name: "Nina",
      consent: "ja",
      consent_version: hidden(html, "consent_version"),
      form_token: hidden(html, "form_token"),
      homepage: "",
    });
    const answer = await fetch(server.url("/anmelden"), {
      method: "POST",
      body,
      headers: { "content-type": "application/x-www-form-urlencoded", "user-agent": "Testbrowser/1.0" },
    });
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain("Bitte bestätigen Sie Ihre Anmeldung");

    const { path: link, mail, raw } = await confirmLink("Nina.Neu@signup.test");
    expect(mail.subject).toBe("Bitte bestätigen: Ihre Anmeldung zum Newsletter „100 Köpfe 2024“");
    expect(mail.text).toContain("Hallo Nina,");
    expect(raw).toMatch(/^List-ID: .*<koepfe-2024\.example\.org>/m);
    expect(raw).toMatch(/^List-Unsubscribe: <https:\/\/koepfe\.example\.org\/u\//m);
    expect(raw).toMatch(/^From: .*<koepfe@example\.org>/m);
    expect(mail.html).toContain("Anmeldung bestätigen");

    // a mail scanner follows the link: nothing happens
    const shown = await fetch(server.url(link));
    expect([shown.status, await shown.text()]).toEqual([200, expect.stringContaining("Anmeldung bestätigen")]);
    expect(JSON.parse(runBin(["consent", "nina.neu@signup.test", dir, "--json"], { env }).stdout)).toMatchObject({
      signup: { state: "pending" },
    });

    const done = await fetch(server.url(link), {
      method: "POST",
      body: "",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(done.status).toBe(200);
    // the plan of this edition lies in the past: no date to promise
    expect(await done.text()).toContain("Ihre Anmeldung ist bestätigt");
    const again = await fetch(server.url(link), {
      method: "POST",
      body: "",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(again.status).toBe(400);

    const proof = JSON.parse(runBin(["consent", "Nina.Neu@signup.test", dir, "--json"], { env }).stdout) as Record<string, unknown>;
    expect(proof).toMatchObject({
      email: "Nina.Neu@signup.test",
      signup: {
        state: "confirmed",
        first_name: "Nina",
        consent_version: hidden(html, "consent_version"),
        consent_text: expect.stringContaining("Ja, ich möchte den Newsletter „100 Köpfe 2024“ per E-Mail erhalten."),
        requested_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        request_ip: "127.0.0.0",
        user_agent: "Testbrowser/1.0",
        confirmation_mail: { message_id: mail.messageId, sent_at: expect.stringMatching(/^\d{4}-/) },
        confirmed_at: expect.stringMatching(/^\d{4}-/),
        confirm_ip: "127.0.0.0",
      },
      csv: [],
    });
    const printed = runBin(["consent", "nina.neu@signup.test", dir], { env }).stdout;
    expect(printed).toContain("Einwilligungsnachweis für Nina.Neu@signup.test");
    const list = JSON.parse(runBin(["subscribers", dir, "--json"], { env }).stdout) as { email: string; source: string; state: string }[];
    expect(list.map((s) => [s.email, s.source, s.state])).toEqual([
      ["r1@bestand.test", "csv", "confirmed"],
      ["Nina.Neu@signup.test", "signup", "confirmed"],
    ]);

    // the next issue reaches her, with her name
    const sent = await spawnBin(["send", "1", dir], env).done;
    expect(sent.code, sent.stderr).toBe(0);
    const issue = smtp.received.filter((m) => m.to === "Nina.Neu@signup.test").at(-1);
    const issueMail = await simpleParser(issue?.raw ?? Buffer.alloc(0));
    expect(issueMail.text).toContain("Hallo Nina,");

    // one click in her mail client ends the subscription
    const oneClick = /<(https:\/\/koepfe\.example\.org\/u\/[^>]+)>/.exec(issue?.raw.toString("utf8") ?? "")?.[1] ?? "";
    const unsubscribed = await fetch(server.url(new URL(oneClick).pathname), {
      method: "POST",
      body: "List-Unsubscribe=One-Click",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(unsubscribed.status).toBe(200);
    expect(JSON.parse(runBin(["consent", "nina.neu@signup.test", dir, "--json"], { env }).stdout)).toMatchObject({
      signup: { state: "unsubscribed", unsubscribed_at: expect.stringMatching(/^\d{4}-/) },
      suppressed: "unsubscribe",
    });

    const forgot = runBin(["forget", "nina.neu@signup.test", dir], { env });
    expect(forgot.code, forgot.stderr).toBe(0);
    expect(forgot.stdout).toMatch(
      /^forgot nina\.neu@signup\.test: deleted the sign-up with its consent record, 1 confirmation mail record, the address and name in 1 delivery .*, the suppression entry/,
    );
    const nothing = runBin(["consent", "nina.neu@signup.test", dir], { env });
    expect([nothing.code, nothing.stderr]).toEqual([1, expect.stringContaining("error[E_NOTHING_HELD]")]);
    // not in the database file, nor in its write-ahead log (the server still has it open)
    for (const file of ["state.sqlite", "state.sqlite-wal"]) {
      const bytes = existsSync(path.join(dir, ".koepfe", file)) ? readFileSync(path.join(dir, ".koepfe", file)) : Buffer.alloc(0);
      expect([file, bytes.toString("latin1").toLowerCase().includes("nina.neu")]).toEqual([file, false]);
    }

    // an old export brings her back into subscribers.csv: she still gets nothing
    writeFileSync(
      path.join(dir, "subscribers.csv"),
      subscribersCsv([...confirmed(1, "bestand.test"), ["nina.neu@signup.test", "Nina", "confirmed", "2024-01-05T10:00:00Z"]]),
    );
    const stale = runBin(["forget", "nina.neu@signup.test", dir], { env });
    expect(stale.stdout).toContain("subscribers.csv still lists it (line 3)");
    const before = smtp.received.length;
    const second = await spawnBin(["send", "2", dir], env).done;
    expect(second.code, second.stderr).toBe(0);
    expect(smtp.received.slice(before).map((m) => m.to)).toEqual(["r1@bestand.test"]);
    expect(JSON.parse(runBin(["subscribers", dir, "--json"], { env }).stdout)).toHaveLength(1);
  }, 120_000);

  it("the form on the site (index block and embed/anmelden.html) posts what the server reads: a mail goes out", async () => {
    const dir = sendEdition(confirmed(1, "site.test"), { privacy_url: "https://koepfe.example.org/datenschutz/" });
    const env = sendEnv(smtp.url);
    const out = tempOut();
    expect(runBin(["build", dir, "--out", out], { env }).code).toBe(0);
    const server = await startServe(dir, env);
    for (const [file, email] of [
      ["index.html", "index@site.test"],
      ["embed/anmelden.html", "embed@site.test"],
    ] as const) {
      const doc = parse(readFileSync(path.join(out, file), "utf8"));
      const formEl = all(doc, (e) => e.nodeName === "form")[0];
      if (formEl === undefined) throw new Error(`no form in ${file}`);
      expect(attr(formEl, "action")).toBe("https://koepfe.example.org/anmelden");
      expect(readFileSync(path.join(out, file), "utf8")).toContain("https://koepfe.example.org/datenschutz/");
      // what a browser sends: every named input, the email typed in, the box ticked, the honeypot empty
      const sent = new URLSearchParams();
      for (const input of all(formEl, (e) => e.nodeName === "input")) {
        const name = attr(input, "name") ?? "";
        const type = attr(input, "type");
        if (type === "email") sent.append(name, email);
        else if (type === "checkbox") sent.append(name, attr(input, "value") ?? "on");
        else sent.append(name, attr(input, "value") ?? "");
      }
      const r = await fetch(server.url("/anmelden"), {
        method: "POST",
        body: sent.toString(),
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      expect([file, r.status]).toEqual([file, 200]);
      await waitFor(() => smtp.received.some((m) => m.to === email), `the confirmation mail to ${email}`);
    }
    // without the secret the build leaves the form out and says so
    const bare = runBin(["build", dir, "--out", tempOut()], { env: { ...env, KOEPFE_SECRET: "" } });
    expect(bare.stdout).toContain("no sign-up form on the site: KOEPFE_SECRET is not set");
  }, 120_000);
});
