/**
 * Crash safety: a sending process is killed with SIGKILL at random points, again and again, then the
 * send is resumed. Every recipient must get the issue exactly once, except deliveries reported
 * `unknown` (in flight at a kill: at most `concurrency` per kill), and nobody may get it twice.
 */
import { describe, it, expect } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { Ledger } from "../../src/send/ledger/ledger.js";
import { startSmtp } from "../helpers/smtp.js";
// seeded, so a failing run can be repeated with its seed
import { mulberry32 } from "../../scripts/generate/random.js";
import { tempLedgerFile } from "../helpers/send.js";

const CHILD = path.join(import.meta.dirname, "crash-child.ts");
const RECIPIENTS = 1000;
const CONCURRENCY = 4;
const KILLS = 12;

interface Started {
  child: ChildProcess;
  /** The start event (with the unknowns found from the previous kill), or null when the child ended first. */
  started: Promise<{ unknownAfterCrash: number; pending: number } | null>;
  exited: Promise<number | null>;
}

function startChild(file: string, url: string): Started {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD, file, url, String(RECIPIENTS), String(CONCURRENCY)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const started = new Promise<{ unknownAfterCrash: number; pending: number } | null>((resolve) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (line) => {
      const e = JSON.parse(line) as { event: string; unknownAfterCrash: number; pending: number };
      if (e.event === "start") resolve(e);
    });
    void exited.then(() => resolve(null));
  });
  return { child, started, exited };
}

describe("crash safety", () => {
  it(`survives ${KILLS} SIGKILLs at random points without a duplicate or a silent gap`, async () => {
    const seed = Date.now() % 100_000;
    const random = mulberry32(seed);
    // a slow relay keeps messages in flight, so kills land in the middle of transactions
    const smtp = await startSmtp({ dataDelayMs: 8 });
    const file = tempLedgerFile();
    const unknownPerKill: number[] = [];
    let killedMidSend = 0;
    try {
      for (let k = 0; k < KILLS; k++) {
        const run = startChild(file, smtp.url);
        const start = await run.started;
        if (start === null) break;
        if (k > 0) unknownPerKill.push(start.unknownAfterCrash);
        await new Promise((r) => setTimeout(r, 20 + random() * 150));
        if (run.child.exitCode === null) {
          killedMidSend++;
          run.child.kill("SIGKILL");
        }
        await run.exited;
      }
      const final = startChild(file, smtp.url);
      const start = await final.started;
      if (start) unknownPerKill.push(start.unknownAfterCrash);
      expect([0, 3]).toContain(await final.exited);
    } finally {
      await smtp.close();
    }

    const ledger = new Ledger(file);
    const deliveries = ledger.deliveries(1);
    ledger.close();
    const context = `seed ${seed}, unknown per kill ${JSON.stringify(unknownPerKill)}`;
    expect(killedMidSend, context).toBeGreaterThanOrEqual(10);
    expect(deliveries, context).toHaveLength(RECIPIENTS);
    for (const n of unknownPerKill) expect(n, context).toBeLessThanOrEqual(CONCURRENCY);
    const unknown = deliveries.filter((d) => d.state === "unknown");
    expect(unknown.length, context).toBe(unknownPerKill.reduce((a, b) => a + b, 0));
    for (const d of deliveries) {
      const got = smtp.countFor(d.email);
      expect(got, `${d.email} ${d.state} (${context})`).toBeLessThanOrEqual(1);
      if (d.state === "sent") expect(got, `${d.email} (${context})`).toBe(1);
      else expect(d.state, `${d.email} (${context})`).toBe("unknown");
    }
  }, 180_000);
});
