/**
 * `koepfe send --due` with a fixed clock against a real SMTP server on 127.0.0.1: due and not-due
 * issues, a late issue refused, a half-sent issue resumed, two runs started together, the cron wrapper.
 */
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runCli, spawnBin, jsonLines } from "../helpers/cli.js";
import { startSmtp, type TestSmtp } from "../helpers/smtp.js";
import { confirmed, sendEdition, sendEnv, stateFile } from "../helpers/send.js";
import { Ledger } from "../../src/send/ledger/ledger.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(() => smtp.close());

const lines = jsonLines;
const count = (domain: string) => smtp.received.filter((r) => r.to.endsWith(`@${domain}`)).length;

describe("koepfe send --due with a fixed clock", () => {
  it("sends nothing before the first issue's time: exit 0 and one log line", async () => {
    const dir = sendEdition(confirmed(3, "due-early.test"));
    const r = await runCli(["send", "--due", dir, "--now", "2024-12-02T06:59"], sendEnv(smtp.url));
    expect(r.code).toBe(0);
    expect(lines(r.stdout)).toEqual([expect.objectContaining({ event: "nothing-due", next: { number: 1, action: "wait", inMinutes: 1 } })]);
    expect(count("due-early.test")).toBe(0);
  });

  it("sends the due issue, leaves the next one waiting, and a second run sends nothing", async () => {
    const dir = sendEdition(confirmed(3, "due-now.test"));
    const env = sendEnv(smtp.url);
    const r = await runCli(["send", "--due", dir, "--now", "2024-12-02T07:05"], env);
    expect(r.code).toBe(0);
    expect(lines(r.stdout)[0]).toMatchObject({ event: "due", number: 1, action: "send", lateByMinutes: 5 });
    expect(count("due-now.test")).toBe(3);
    const subjects = await Promise.all(
      smtp.received
        .map((_, i) => i)
        .filter((i) => smtp.received[i]?.to.endsWith("@due-now.test"))
        .map((i) => smtp.parse(i)),
    );
    expect(new Set(subjects.map((m) => m.subject))).toEqual(new Set(["100 Köpfe 2024: Plätze 6 bis 4"]));

    const again = await runCli(["send", "--due", dir, "--now", "2024-12-02T07:10"], env);
    expect(again.code).toBe(0);
    expect(lines(again.stdout)).toEqual([expect.objectContaining({ event: "nothing-due" })]);
    expect(count("due-now.test")).toBe(3);
  });

  it("refuses an issue more than max_delay_hours late (exit 3), which can still be sent by hand", async () => {
    const dir = sendEdition(confirmed(2, "due-late.test"), { max_delay_hours: 6 });
    const env = sendEnv(smtp.url);
    const r = await runCli(["send", "--due", dir, "--now", "2024-12-02T13:01"], env);
    expect(r.code).toBe(3);
    expect(lines(r.stdout)).toEqual([expect.objectContaining({ event: "due", number: 1, action: "late" })]);
    expect(count("due-late.test")).toBe(0);
    expect((await runCli(["send", "1", dir], env)).code).toBe(0);
    expect(count("due-late.test")).toBe(2);
  });

  it("resumes a half-sent issue without sending twice to those already done", async () => {
    const dir = sendEdition(confirmed(4, "due-resume.test"));
    const ledger = new Ledger(stateFile(dir));
    ledger.freezeAudience(
      1,
      confirmed(4, "due-resume.test").map(([email, firstName]) => ({ email, firstName, messageId: `<m-${email}@example.org>` })),
    );
    await ledger.claim(1, "r1@due-resume.test");
    await ledger.record(1, "r1@due-resume.test", { kind: "sent", response: "250 ok" });
    ledger.close();
    const r = await runCli(["send", "--due", dir, "--now", "2024-12-02T08:00"], sendEnv(smtp.url));
    expect(r.code).toBe(0);
    expect(lines(r.stdout)[0]).toMatchObject({ event: "due", number: 1, action: "resume" });
    expect(smtp.countFor("r1@due-resume.test")).toBe(0);
    for (const n of [2, 3, 4]) expect(smtp.countFor(`r${n}@due-resume.test`)).toBe(1);
  });

  it("rejects an unreadable --now and --now without --due", async () => {
    const dir = sendEdition(confirmed(1, "due-usage.test"));
    expect((await runCli(["send", "--due", dir, "--now", "morgen"], sendEnv(smtp.url))).code).toBe(2);
    expect((await runCli(["send", "1", dir, "--now", "2024-12-02T07:00"], sendEnv(smtp.url))).code).toBe(2);
  });
});

describe("one run at a time", () => {
  it("two send --due processes started together: one sends, the other exits 0 naming the holder; nobody gets two", async () => {
    const slow = await startSmtp({ dataDelayMs: 100 });
    try {
      const dir = sendEdition(confirmed(15, "due-twice.test"), { concurrency: 1 });
      const env = sendEnv(slow.url);
      const args = ["send", "--due", dir, "--now", "2024-12-02T07:05"];
      const [a, b] = await Promise.all([spawnBin(args, env).done, spawnBin(args, env).done]);
      expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
      const locked = [a, b].filter((r) => lines(r.stdout).some((l) => l["event"] === "locked"));
      expect(locked).toHaveLength(1);
      expect(lines(locked[0]?.stdout ?? "")[0]?.["message"]).toMatch(/another send is running \(pid \d+ on .+, "send --due"/);
      for (let n = 1; n <= 15; n++) expect(slow.countFor(`r${n}@due-twice.test`), `r${n}`).toBe(1);
    } finally {
      await slow.close();
    }
  });
});

describe("scripts/send-due.sh (the scheduled job)", () => {
  const wrapper = (env: NodeJS.ProcessEnv) =>
    new Promise<{ code: number; stderr: string }>((resolve) => {
      const child = spawn("bash", [path.join(ROOT, "scripts/send-due.sh")], {
        env: { PATH: process.env["PATH"] ?? "", ...env },
      });
      let stderr = "";
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      child.on("close", (code) => resolve({ code: code ?? -1, stderr }));
    });
  const jobEnv = (domain: string, settings: Record<string, string>) => {
    const dir = sendEdition(confirmed(2, domain));
    const work = mkdtempSync(path.join(tmpdir(), "koepfe-cron-"));
    const envFile = path.join(work, "koepfe.env");
    const env = sendEnv(smtp.url);
    writeFileSync(envFile, `KOEPFE_SECRET=${env["KOEPFE_SECRET"] ?? ""}\nKOEPFE_SMTP_URL=${smtp.url}\n`);
    return {
      dir,
      work,
      log: path.join(work, "log", "send.log"),
      env: {
        KOEPFE_ENV_FILE: envFile,
        KOEPFE_EDITION: dir,
        KOEPFE_LOG: path.join(work, "log", "send.log"),
        KOEPFE_SMTP_CA_FILE: env["KOEPFE_SMTP_CA_FILE"] ?? "",
        ...settings,
      },
    };
  };

  it("publishes the site as of one timestamp, then sends what is due at it, and appends JSON lines to the log", async () => {
    const job = jobEnv("due-cron.test", {});
    const web = path.join(job.work, "www", "public");
    const env = { ...job.env, KOEPFE_WEB_ROOT: web, KOEPFE_AS_OF: "2024-12-02T07:05" };
    const first = await wrapper(env);
    expect(first.code, existsSync(job.log) ? readFileSync(job.log, "utf8") : first.stderr).toBe(0);
    // issue 1's places are on the site when its mail goes out, issue 2's are not
    const built = readFileSync(path.join(web, "index.html"), "utf8");
    expect(built).toContain("Als Nächstes");
    expect(existsSync(path.join(web, "newsletter/1/index.html"))).toBe(true);
    expect(existsSync(path.join(web, "newsletter/2/index.html"))).toBe(false);
    expect((await wrapper(env)).code).toBe(0);
    const events = readFileSync(job.log, "utf8")
      .trim()
      .split("\n")
      .map((l) => (JSON.parse(l) as { event: string }).event);
    expect(events).toEqual([
      "cron-start",
      "built",
      "due",
      "issue",
      "published",
      "audience",
      ...events.slice(6, events.indexOf("cron-end")),
      "cron-end",
      "cron-start",
      "built",
      "nothing-due",
      "cron-end",
    ]);
    expect(events.filter((e) => e === "summary")).toHaveLength(1);
    expect(count("due-cron.test")).toBe(2);
  });

  it("sends nothing when the site cannot be built: issue N never arrives with dead links", async () => {
    const job = jobEnv("due-cron-nosite.test", {});
    const blocked = path.join(job.work, "a-file");
    writeFileSync(blocked, "not a folder");
    const r = await wrapper({ ...job.env, KOEPFE_WEB_ROOT: path.join(blocked, "public"), KOEPFE_AS_OF: "2024-12-02T07:05" });
    expect(r.code).toBe(1);
    expect(readFileSync(job.log, "utf8")).toContain("error[E_FILESYSTEM]: cannot mkdir");
    const last = JSON.parse(readFileSync(job.log, "utf8").trim().split("\n").at(-1) ?? "{}") as Record<string, unknown>;
    expect(last).toMatchObject({ event: "cron-end", step: "build" });
    expect(count("due-cron-nosite.test")).toBe(0);
  });

  it("refuses to run without KOEPFE_WEB_ROOT or with a missing env file, sending nothing", async () => {
    const job = jobEnv("due-cron-unset.test", { KOEPFE_AS_OF: "2024-12-02T07:05" });
    const unset = await wrapper(job.env);
    expect([unset.code, unset.stderr]).toEqual([2, expect.stringContaining("set KOEPFE_WEB_ROOT")]);
    const missing = await wrapper({ ...job.env, KOEPFE_WEB_ROOT: "-", KOEPFE_ENV_FILE: "/nonexistent/koepfe.env" });
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining("/nonexistent/koepfe.env not found")]);
    expect(count("due-cron-unset.test")).toBe(0);
  });
});

describe("systemd units", () => {
  it.skipIf(!existsSync("/usr/bin/systemd-analyze"))("pass systemd-analyze verify", async () => {
    const result = await new Promise<{ code: number; out: string }>((resolve) => {
      const child = spawn("systemd-analyze", ["verify", "--man=no", "koepfe-send.service", "koepfe-send.timer"], {
        cwd: path.join(ROOT, "scripts/systemd"),
      });
      let out = "";
      child.stdout.on("data", (d: Buffer) => (out += d.toString()));
      child.stderr.on("data", (d: Buffer) => (out += d.toString()));
      child.on("close", (code) => resolve({ code: code ?? -1, out }));
    });
    expect(result.out.split("\n").filter((l) => /koepfe-send/.test(l))).toEqual([]);
    expect(result.code).toBe(0);
  });
});
