/**
 * Regression tests of the hardening review, each named after what broke, through the real binary:
 * files an edition names or holds that are not what they claim to be, and values check let through.
 */
import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync } from "node:fs";
import path from "node:path";
import { runBin, spawnBin } from "../helpers/cli.js";
import { configWith, csv, writeEdition } from "../helpers/edition.js";
import { newsletterConfig } from "../helpers/newsletter.js";
import { tempOut } from "../helpers/site.js";

const withIntro = () =>
  writeEdition({
    "edition.json": newsletterConfig({
      issues: [
        { number: 1, send_at: "2024-12-02T07:00", subject: "Plätze 6 bis 1", preheader: "Alle.", ranks: [1, 6], intro: "newsletter/01.md" },
      ],
    }),
    "newsletter/01.md": "Willkommen zum **Countdown**.",
  });

describe("files the edition names", () => {
  it("an intro that is a symbolic link to /etc/passwd is refused by check and build, and nothing of it is published", () => {
    const dir = withIntro();
    const intro = path.join(dir, "newsletter/01.md");
    unlinkSync(intro);
    symlinkSync("/etc/passwd", intro);
    const check = runBin(["check", dir]);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(
      /edition\.json: error\[outside-edition\]: newsletter\.issues\[0\]\.intro: "newsletter\/01\.md" resolves to \/etc\/passwd, outside the edition folder/,
    );
    const out = tempOut();
    const build = runBin(["build", dir, "--out", out]);
    expect(build.code).toBe(1);
    expect(build.stderr).toContain("E_EDITION_INVALID");
    expect(() => readdirSync(out)).toThrow();
    expect(check.stdout + build.stdout + build.stderr).not.toContain("root:x:0:0");
  });

  it("nominees.csv as a FIFO does not hang check: it is refused at once, with the file", () => {
    const dir = writeEdition();
    rmSync(path.join(dir, "nominees.csv"));
    execFileSync("mkfifo", [path.join(dir, "nominees.csv")]);
    const r = runBin(["check", dir], { timeout: 20_000 });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("nominees.csv: error[not-a-file]: nominees.csv is a named pipe (FIFO), not a file");
  });

  it("nominees.csv as a symbolic link to /dev/urandom does not grow check without bound: it is refused as a device", () => {
    const dir = writeEdition();
    rmSync(path.join(dir, "nominees.csv"));
    symlinkSync("/dev/urandom", path.join(dir, "nominees.csv"));
    const r = runBin(["check", dir], { timeout: 20_000 });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("nominees.csv: error[not-a-file]: nominees.csv is a device, not a file");
  });

  it("a folder or a symbolic link loop where a file belongs is the user's mistake (exit 1 with the path), not an internal error", () => {
    const dir = withIntro();
    for (const name of ["nominees.csv", "edition.json"]) {
      rmSync(path.join(dir, name));
      mkdirSync(path.join(dir, name));
    }
    rmSync(path.join(dir, "authors.csv"));
    symlinkSync("authors.csv", path.join(dir, "authors.csv"));
    const r = runBin(["check", dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("edition.json: error[not-a-file]: edition.json is a folder, not a file");
    expect(r.stdout).toContain("nominees.csv: error[not-a-file]: nominees.csv is a folder, not a file");
    expect(r.stdout).toContain("authors.csv: error[not-a-file]: authors.csv is a symbolic link that points to itself (a loop)");
    expect(r.stderr).not.toContain("internal error");

    const intro = withIntro();
    rmSync(path.join(intro, "newsletter/01.md"));
    mkdirSync(path.join(intro, "newsletter/01.md"));
    const i = runBin(["check", intro]);
    expect([i.code, i.stderr]).toEqual([1, ""]);
    expect(i.stdout).toContain('error[not-a-file]: newsletter.issues[0].intro: "newsletter/01.md" is a folder, not a file');
  });

  it("--subscribers naming a folder is reported with its path, exit 1", () => {
    const dir = writeEdition();
    const r = runBin(["check", dir, "--subscribers", dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`error[not-a-file]: ${dir} is a folder, not a file`);
    expect(r.stderr).not.toContain("internal error");
  });

  it("--eml-dir naming a file is a usage error (exit 2) with the path, before the edition is read", () => {
    const dir = writeEdition();
    const file = path.join(dir, "edition.json");
    const r = runBin(["send", "1", dir, "--dry-run", "--eml-dir", file], { env: { KOEPFE_SECRET: "test-secret-0123456789abcdef" } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--eml-dir ${file} is a file: give a new or empty folder`);
  });

  it("a SIGTERM stops a long check between two files (exit 130, no stack trace)", async () => {
    const rows = Array.from({ length: 600_000 }, (_, i) => `leser${i}@example.net,Leser,confirmed,2024-01-05T10:00:00Z`);
    const dir = writeEdition({
      "subscribers.csv": `email,first_name,status,confirmed_at\n${rows.join("\n")}\n`,
      "votes.csv": csv([["nominee_id", "votes"]]),
    });
    const run = spawnBin(["check", dir]);
    // the signal must come while the 600,000 rows are being read: the process has them in memory then
    const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${run.child.pid}/status`, "utf8"))?.[1] ?? 0);
    const until = Date.now() + 30_000;
    while (rss() < 250_000) {
      if (Date.now() > until) throw new Error("the check never got to reading the big file");
      await new Promise((r) => setTimeout(r, 20));
    }
    run.child.kill("SIGTERM");
    const r = await run.done;
    expect(r.code).toBe(130);
    expect(r.stderr).toContain("error[E_INTERRUPTED]");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("values check let through", () => {
  it('a subject with U+2028 or U+0085, a title with a line break, a From with two addresses and URLs with ", <, https:\\\\ or https:/ are errors', () => {
    const dir = writeEdition({
      "edition.json": configWith((c) => {
        c["title"] = "100 Köpfe\r\nBcc: victim@example.com";
        c["base_url"] = 'https://koepfe.example.org/"x/';
        c["newsletter"] = {
          from: "100 Köpfe <a@example.org>, b@example.org",
          list_id: "koepfe-2024.example.org",
          unsubscribe_url: "https:\\\\koepfe.example.org/u/",
          unsubscribe_mailto: "unsubscribe@example.org",
          issues: [{ number: 1, send_at: "2024-12-02T07:00", subject: "Plätze\u2028Bcc: x\u0085y", preheader: "p", ranks: [1, 6] }],
        };
      }),
      "nominees.csv": csv([
        ["id", "name", "role", "company", "category", "author_id", "laudation", "website", "linkedin"],
        [
          "anna-mueller",
          "Anna Müller",
          "CEO",
          "A",
          "marketing",
          "lbeispiel",
          "x".repeat(220),
          "https:/koepfe.example.org",
          "https://x.example/<script>",
        ],
      ]),
    });
    const r = runBin(["check", dir, "--json"]);
    expect(r.code).toBe(1);
    const problems = (JSON.parse(r.stdout) as { problems: { field: string | null; code: string }[] }).problems.map(
      (p) => `${p.field} ${p.code}`,
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        "title control-character",
        "base_url invalid-url",
        "newsletter.from invalid-email",
        "newsletter.unsubscribe_url invalid-url",
        "newsletter.issues[0].subject control-character",
        "website invalid-url",
        "linkedin invalid-url",
      ]),
    );
  });

  it("a nominees.csv with its header and no rows says so once, at the file, and nothing cascades from it", () => {
    const dir = writeEdition({ "nominees.csv": "id,name,role,company,category,author_id,laudation\n" });
    const r = runBin(["check", dir, "--json"]);
    expect(r.code).toBe(1);
    const problems = (JSON.parse(r.stdout) as { problems: { file: string; code: string; line: number | null }[] }).problems;
    expect(problems[0]).toMatchObject({ file: "nominees.csv", line: 1, code: "no-rows" });
    expect(problems.map((p) => p.code)).not.toContain("unknown-nominee");
  });
});
