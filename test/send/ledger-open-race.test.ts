/**
 * Two processes creating the same ledger at the same moment (two cron runs started together, or
 * `serve` and `send` on a fresh edition) must both open it: SQLite's switch to WAL answers "database
 * is locked" at once, without waiting, when both switch a fresh file together.
 */
import { describe, it, expect } from "vitest";
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const CHILD = path.join(import.meta.dirname, "open-child.ts");
const FILES = 100;

function runChild(startAt: number, files: string[]): Promise<Array<{ file: string; ok: boolean; code?: string; message?: string }>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CHILD, String(startAt), ...files], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("close", () =>
      resolve(
        out
          .trim()
          .split("\n")
          .filter(Boolean)
          .map((l) => JSON.parse(l) as { file: string; ok: boolean }),
      ),
    );
  });
}

describe("opening a fresh ledger from two processes at once", () => {
  it(`both processes open each of ${FILES} fresh ledgers`, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "koepfe-open-race-"));
    const files = Array.from({ length: FILES }, (_, i) => path.join(dir, `l${i}`, "state.sqlite"));
    // tsx needs well under 3 s to start both children; they then open each file at the same moment
    const startAt = Date.now() + 3000;
    const [a, b] = await Promise.all([runChild(startAt, files), runChild(startAt, files)]);
    const failures = [...a, ...b].filter((r) => !r.ok);
    expect(failures).toEqual([]);
    expect(a).toHaveLength(FILES);
    expect(b).toHaveLength(FILES);
  });
});
