import { describe, it, expect, beforeAll } from "vitest";
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runBin, runCli } from "../helpers/cli.js";
import { writeEdition, baseFiles } from "../helpers/edition.js";

describe("koepfe check through the compiled binary", () => {
  let broken: string;
  beforeAll(() => {
    broken = writeEdition({ "votes.csv": `${String(baseFiles()["votes.csv"])}niemand,4\n` });
  });

  it("exits 0 on a valid edition with a summary line", () => {
    const r = runBin(["check", writeEdition()]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split("\n").pop()).toMatch(/^no problems in \d+ files$/);
  });

  it("prints compiler-style lines and exits 1 on errors", () => {
    const r = runBin(["check", broken]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('votes.csv:8:1: error[unknown-nominee]: nominee_id "niemand" is not in nominees.csv');
    expect(r.stdout.trim().split("\n").pop()).toBe("1 error, 0 warnings in 1 file");
  });

  it("prints the JSON report with --json", () => {
    const r = runBin(["check", broken, "--json"]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { valid: boolean; problems: Record<string, unknown>[] };
    expect(report.valid).toBe(false);
    expect(report.problems).toEqual([
      {
        file: "votes.csv",
        line: 8,
        column: 1,
        field: "nominee_id",
        code: "unknown-nominee",
        severity: "error",
        message: expect.stringContaining("niemand"),
        value: "niemand",
      },
    ]);
  });

  it("exits 2 on an unknown flag, a missing folder or a file instead of a folder, without a stack trace", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "koepfe-")), "x.txt");
    writeFileSync(file, "x");
    for (const args of [["check", "--jsno"], ["check", "/nonexistent/edition"], ["check", file], ["chek"]]) {
      const r = runBin(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(/^koepfe: error\[E_USAGE\]/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("prints help with every command", async () => {
    const r = await runCli(["--help"]);
    expect(r.code).toBe(0);
    for (const name of ["check", "rank", "build", "send", "status", "serve", "preview"]) expect(r.stdout).toContain(`koepfe ${name}`);
  });
});
