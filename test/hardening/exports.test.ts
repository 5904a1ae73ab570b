/**
 * Regression tests of the hardening review: what koepfe writes besides the site — CSV exports and
 * the ledger — through the real binary.
 */
import { describe, expect, it } from "vitest";
import { chmodSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runBin } from "../helpers/cli.js";
import { writeEdition } from "../helpers/edition.js";
import { confirmed, sendEdition, sendEnv } from "../helpers/send.js";
import { Ledger } from "../../src/send/ledger/ledger.js";

const mode = (file: string) => statSync(file).mode & 0o777;

describe("CSV exports", () => {
  it("suppressions --csv and rank --csv keep an existing file's 0600 instead of making it 0644; new exports are 0600", () => {
    const dir = sendEdition(confirmed(1, "exp1.test"));
    const env = sendEnv("");
    expect(runBin(["suppress", "a@exp1.test", "--dir", dir], { env }).code).toBe(0);
    const folder = mkdtempSync(path.join(tmpdir(), "koepfe-export-"));
    const existing = path.join(folder, "suppressions.csv");
    writeFileSync(existing, "old");
    chmodSync(existing, 0o600);
    expect(runBin(["suppressions", dir, "--csv", existing], { env }).code).toBe(0);
    expect(mode(existing)).toBe(0o600);
    const fresh = path.join(folder, "ranking.csv");
    expect(runBin(["rank", writeEdition(), "--csv", fresh]).code).toBe(0);
    expect(mode(fresh)).toBe(0o600);
    const shared = path.join(folder, "shared.csv");
    writeFileSync(shared, "old");
    chmodSync(shared, 0o640);
    expect(runBin(["rank", writeEdition(), "--csv", shared]).code).toBe(0);
    expect(mode(shared)).toBe(0o640);
  });

  it("suppressions --csv /dev/full and rank --csv to a folder are refused (exit 2) and /dev/full stays a device", () => {
    const dir = sendEdition(confirmed(1, "exp2.test"));
    const r = runBin(["suppressions", dir, "--csv", "/dev/full"], { env: sendEnv("") });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error[E_WRITE_TARGET]: /dev/full is not a regular file");
    expect(statSync("/dev/full").isCharacterDevice()).toBe(true);
    const folder = mkdtempSync(path.join(tmpdir(), "koepfe-export-"));
    const rank = runBin(["rank", writeEdition(), "--csv", folder]);
    expect([rank.code, rank.stderr]).toEqual([2, expect.stringContaining(`${folder} is a folder`)]);
  });
});

describe("the ledger", () => {
  it("is created in a 0700 folder as 0600 files, the WAL and shared-memory files too", () => {
    const dir = sendEdition(confirmed(1, "exp3.test"));
    expect(runBin(["suppress", "a@exp3.test", "--dir", dir], { env: sendEnv("") }).code).toBe(0);
    const state = path.join(dir, ".koepfe");
    expect(mode(state)).toBe(0o700);
    // while a connection is open the WAL and shared-memory files exist: both private too
    const ledger = new Ledger(path.join(state, "state.sqlite"));
    ledger.suppressAll(["b@exp3.test"], "test", "test");
    try {
      expect(["state.sqlite", "state.sqlite-wal", "state.sqlite-shm"].map((f) => [f, mode(path.join(state, f))])).toEqual([
        ["state.sqlite", 0o600],
        ["state.sqlite-wal", 0o600],
        ["state.sqlite-shm", 0o600],
      ]);
    } finally {
      ledger.close();
    }
  });

  it("tightens a ledger an older koepfe left readable to everybody", () => {
    const dir = sendEdition(confirmed(1, "exp4.test"));
    expect(runBin(["suppress", "a@exp4.test", "--dir", dir], { env: sendEnv("") }).code).toBe(0);
    chmodSync(path.join(dir, ".koepfe"), 0o755);
    chmodSync(path.join(dir, ".koepfe", "state.sqlite"), 0o644);
    expect(runBin(["suppressions", dir], { env: sendEnv("") }).code).toBe(0);
    expect(mode(path.join(dir, ".koepfe"))).toBe(0o700);
    expect(mode(path.join(dir, ".koepfe", "state.sqlite"))).toBe(0o600);
  });
});
