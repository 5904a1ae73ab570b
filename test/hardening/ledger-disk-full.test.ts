/**
 * Regression test of the hardening review: the ledger's disk fills up in the middle of a send (a
 * small tmpfs, mounted by the test: it needs root, which CI has). The run must stop with exit 4,
 * nothing may be recorded as sent that the relay did not get, nobody gets two copies, and the same
 * command finishes the issue once there is space again.
 */
import { afterAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { spawnBin } from "../helpers/cli.js";
import { startSmtp } from "../helpers/smtp.js";
import { confirmed, sendEdition, sendEnv } from "../helpers/send.js";
import { Ledger } from "../../src/send/ledger/ledger.js";

const isRoot = process.getuid?.() === 0;
const mountPoint = mkdtempSync(path.join(tmpdir(), "koepfe-full-"));
let mounted = false;
afterAll(() => {
  if (mounted) execFileSync("umount", [mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});

/** Writes zeros until the file system is full; returns the file, to be removed to free the space. */
function fillUp(dir: string): string {
  const file = path.join(dir, "filler");
  const fd = openSync(file, "w");
  const block = Buffer.alloc(64 * 1024);
  try {
    for (;;) writeSync(fd, block);
  } catch {
    // ENOSPC: full
  } finally {
    closeSync(fd);
  }
  return file;
}

describe.runIf(isRoot)("a full disk under the ledger (mounts a tmpfs: needs root)", () => {
  it("stops with exit 4, records nothing as sent that was not, and resumes once space is back", async () => {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=16m", "tmpfs", mountPoint]);
    mounted = true;
    const state = path.join(mountPoint, "state.sqlite");
    let accepted = 0;
    let filler: string | null = null;
    const smtp = await startSmtp({
      dataDelayMs: 5,
      onAccepted: () => {
        accepted++;
        if (accepted === 40) filler = fillUp(mountPoint);
      },
    });
    try {
      const dir = sendEdition(confirmed(300, "full.test"));
      const env = sendEnv(smtp.url, { KOEPFE_STATE: state });
      const first = await spawnBin(["send", "1", dir], env).done;
      expect([first.code, first.stderr]).toEqual([4, ""]);
      expect(first.stdout).toMatch(/"event":"stop".*"kind":"ledger"/);
      expect(filler).not.toBeNull();

      const received = () => smtp.received.map((r) => r.to);
      const sentIn = (ledger: Ledger) =>
        ledger
          .deliveries(1)
          .filter((d) => d.state === "sent")
          .map((d) => d.email);
      let ledger = new Ledger(state);
      expect(sentIn(ledger).filter((e) => !received().includes(e))).toEqual([]);
      ledger.close();

      rmSync(filler as unknown as string);
      const second = await spawnBin(["send", "1", dir], env).done;
      expect([0, 3], second.stdout.slice(-1500) + second.stderr).toContain(second.code);
      ledger = new Ledger(state);
      const progress = ledger.progress(1);
      ledger.close();
      expect(progress?.complete).toBe(true);
      // nobody twice; everybody either got it or is `unknown` (in flight when the disk filled up)
      const counts = new Map<string, number>();
      for (const to of received()) counts.set(to, (counts.get(to) ?? 0) + 1);
      expect([...counts.values()].filter((n) => n > 1)).toEqual([]);
      expect((progress?.counts.sent ?? 0) + (progress?.counts.unknown ?? 0)).toBe(300);
      expect(progress?.counts.sent).toBeGreaterThanOrEqual(received().length - (progress?.counts.unknown ?? 0));
    } finally {
      await smtp.close();
    }
  }, 60_000);
});
