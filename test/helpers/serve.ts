/**
 * `koepfe serve` as a real process for the tests of its public pages: started on a free port,
 * killed after the test; `url(path)` on 127.0.0.1, `log()` its JSON lines so far.
 */
import type { ChildProcess } from "node:child_process";
import { spawnBin } from "./cli.js";

export interface RunningServe {
  origin: string;
  url(path: string): string;
  /** The JSON lines the server logged so far. */
  log(): Record<string, unknown>[];
  child: ChildProcess;
}

const running: ChildProcess[] = [];

/** Kills every server this file started (call in afterEach). */
export function stopServers(): void {
  for (const c of running.splice(0)) c.kill("SIGKILL");
}

export async function waitFor(ok: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function startServe(dir: string, env: NodeJS.ProcessEnv, args: string[] = []): Promise<RunningServe> {
  const run = spawnBin(["serve", dir, "--port", "0", ...args], env);
  running.push(run.child);
  const lines = () =>
    run
      .output()
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  await waitFor(() => lines().some((l) => l["event"] === "listening") || run.child.exitCode !== null, "the server");
  const listening = lines().find((l) => l["event"] === "listening");
  if (listening === undefined) throw new Error(`koepfe serve did not start:\n${run.output()}`);
  const origin = `http://127.0.0.1:${String(listening["port"])}`;
  return { origin, url: (path) => `${origin}${path}`, log: lines, child: run.child };
}
