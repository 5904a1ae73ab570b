/**
 * `koepfe send --due` with a fixed clock against a real SMTP server on 127.0.0.1: due and not-due
 * issues, a late issue refused, a half-sent issue resumed, two runs started together, the cron wrapper.
 */
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runCli, spawnBin } from "../helpers/cli.js";
import { startSmtp, type TestSmtp } from "../helpers/smtp.js";
import { confirmed, sendEdition, sendEnv, stateFile } from "../helpers/send.js";
import { Ledger } from "../../src/send/ledger/ledger.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(() => smtp.close());

const lines = (stdout: string) =>
  stdout
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
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

describe("scripts/send-due.sh (the cron wrapper)", () => {
  it("loads the env file, runs send --due with --now, and appends JSON lines to the log", async () => {
    const dir = sendEdition(confirmed(2, "due-cron.test"));
    const work = mkdtempSync(path.join(tmpdir(), "koepfe-cron-"));
    const envFile = path.join(work, "koepfe.env");
    const log = path.join(work, "log", "send.log");
    const env = sendEnv(smtp.url);
    writeFileSync(envFile, `KOEPFE_SECRET=${env["KOEPFE_SECRET"] ?? ""}\nKOEPFE_SMTP_URL=${smtp.url}\n`);
    const run = () =>
      new Promise<number>((resolve) => {
        const child = spawn("bash", [path.join(ROOT, "scripts/send-due.sh"), "--now", "2024-12-02T07:05"], {
          env: { PATH: process.env["PATH"] ?? "", KOEPFE_ENV_FILE: envFile, KOEPFE_EDITION: dir, KOEPFE_LOG: log },
        });
        child.on("close", (code) => resolve(code ?? -1));
      });
    expect(await run()).toBe(0);
    expect(await run()).toBe(0);
    const events = readFileSync(log, "utf8")
      .trim()
      .split("\n")
      .map((l) => (JSON.parse(l) as { event: string }).event);
    expect(events).toEqual([
      "cron-start",
      "due",
      "audience",
      ...events.slice(3, events.indexOf("cron-end")),
      "cron-end",
      "cron-start",
      "nothing-due",
      "cron-end",
    ]);
    expect(events.filter((e) => e === "summary")).toHaveLength(1);
    expect(count("due-cron.test")).toBe(2);
  });

  it("fails with a message when the named env file is missing", async () => {
    const code = await new Promise<number>((resolve) => {
      const child = spawn("bash", [path.join(ROOT, "scripts/send-due.sh")], {
        env: { PATH: process.env["PATH"] ?? "", KOEPFE_ENV_FILE: "/nonexistent/koepfe.env" },
      });
      child.on("close", (c) => resolve(c ?? -1));
    });
    expect(code).toBe(1);
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
