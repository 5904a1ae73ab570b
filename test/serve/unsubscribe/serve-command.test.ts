/**
 * `koepfe serve` as a process next to a running `koepfe send`, sharing the ledger (WAL): a one-click
 * unsubscribe stops mail to that address from the next message on.
 */
import { describe, it, expect, afterEach } from "vitest";
import type { ChildProcess } from "node:child_process";
import { runCli, spawnBin } from "../../helpers/cli.js";
import { startSmtp } from "../../helpers/smtp.js";
import { confirmed, sendEdition, sendEnv, SECRET, NEWSLETTER } from "../../helpers/send.js";
import { unsubscribeToken } from "../../../src/lib/token.js";

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill("SIGKILL");
});

function start(args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string; exited: Promise<number> } {
  const run = spawnBin(args, env);
  children.push(run.child);
  return { child: run.child, output: run.output, exited: run.done.then((r) => r.code) };
}

async function waitFor(what: string, ok: () => boolean, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("koepfe serve", () => {
  it("refuses to start without KOEPFE_SECRET", async () => {
    const r = await runCli(["serve", sendEdition(confirmed(1, "serve-nosecret.test"))], { KOEPFE_SECRET: "" });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error[E_NO_SECRET]: KOEPFE_SECRET is not set");
  });

  it("honours an unsubscribe made during a running send from the next message on", async () => {
    let unsubscribeAfter: (() => void) | null = null;
    const smtp = await startSmtp({ dataDelayMs: 120, onAccepted: (to) => to === "r2@serve-during.test" && unsubscribeAfter?.() });
    try {
      const dir = sendEdition(confirmed(8, "serve-during.test"), { concurrency: 1 });
      const env = sendEnv(smtp.url);
      const server = start(["serve", dir, "--port", "0"], env);
      await waitFor("the server", () => server.output().includes('"event":"listening"'));
      const port = (JSON.parse(server.output().split("\n")[0] ?? "{}") as { port: number }).port;

      let answered: Promise<number> | null = null;
      unsubscribeAfter = () => {
        const token = unsubscribeToken(SECRET, NEWSLETTER.list_id, "r6@serve-during.test");
        answered = fetch(`http://127.0.0.1:${port}/u/${token}`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: "List-Unsubscribe=One-Click",
        }).then((r) => r.status);
      };
      const send = start(["send", "1", dir], env);
      expect(await send.exited).toBe(0);
      expect(await (answered as Promise<number> | null)).toBe(200);
      expect(smtp.countFor("r6@serve-during.test")).toBe(0);
      for (const n of [1, 2, 3, 4, 5, 7, 8]) expect(smtp.countFor(`r${n}@serve-during.test`), `r${n}`).toBe(1);

      const status = JSON.parse((await runCli(["status", dir, "--json"], env)).stdout) as {
        issues: { number: number; progress: { counts: { suppressed: number; sent: number } } | null }[];
      };
      expect(status.issues[0]?.progress?.counts).toMatchObject({ sent: 7, suppressed: 1 });
      server.child.kill("SIGINT");
      expect(await server.exited).toBe(0);
    } finally {
      await smtp.close();
    }
  });
});
