/**
 * Regression tests of the hardening review: `koepfe serve` and `koepfe preview` as processes (the
 * real binary), their limits and their answers to requests a client cannot have meant.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { ChildProcess } from "node:child_process";
import { connect } from "node:net";
import { spawnBin } from "../helpers/cli.js";
import { freePort } from "../helpers/net.js";
import { writeEdition } from "../helpers/edition.js";
import { confirmed, sendEdition, SECRET, NEWSLETTER } from "../helpers/send.js";
import { unsubscribeToken } from "../../src/lib/token.js";
import { createUnsubscribeServer } from "../../src/serve/unsubscribe/server.js";
import { listen } from "../../src/serve/http.js";

const children: ChildProcess[] = [];
const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) c.kill("SIGKILL");
  for (const close of closers.splice(0)) await close();
});

async function startServe(): Promise<{ base: string; output: () => string }> {
  const port = await freePort();
  const run = spawnBin(["serve", sendEdition(confirmed(1, "srv.test")), "--port", String(port)], { KOEPFE_SECRET: SECRET });
  children.push(run.child);
  const until = Date.now() + 20_000;
  while (!run.output().includes('"event":"listening"')) {
    if (Date.now() > until) throw new Error(`serve did not start: ${run.output()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return { base: `http://127.0.0.1:${port}`, output: run.output };
}

/** Sends `head` and never more; resolves with the seconds until the server closed the connection. */
function holdOpen(port: number, head: string): Promise<number> {
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(head));
    socket.on("data", () => undefined);
    socket.on("close", () => resolve((Date.now() - started) / 1000));
    socket.on("error", () => undefined);
  });
}

describe("koepfe serve", () => {
  it("answers a broken percent-encoding with 400 (it answered 500) and logs what it refused", async () => {
    const { base, output } = await startServe();
    const r = await fetch(`${base}/u/%E0%A4%A`);
    expect(r.status).toBe(400);
    expect(await r.text()).toContain("Dieser Abmeldelink ist ungültig");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(output()).toMatch(/"event":"invalid-token".*"reason":"bad percent-encoding"/);
  });

  it("refuses one-click POSTs that are text/plain or have no content type (415), and unsubscribes nobody", async () => {
    const { base } = await startServe();
    const token = unsubscribeToken(SECRET, NEWSLETTER.list_id, "r1@srv.test");
    for (const headers of [{ "content-type": "text/plain" }, {}]) {
      const r = await fetch(`${base}/u/${token}`, { method: "POST", headers, body: "List-Unsubscribe=One-Click" });
      expect(r.status).toBe(415);
    }
    const ok = await fetch(`${base}/u/${token}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(ok.status).toBe(200);
  });

  it("closes a connection that never finishes its headers within the 5 s limit (it held them ~26 s)", async () => {
    const { base } = await startServe();
    const port = Number(new URL(base).port);
    const seconds = await holdOpen(port, "GET /healthz HTTP/1.1\r\nHost: x\r\n");
    expect(seconds).toBeLessThan(9);
  }, 20_000);

  it("closes a request whose body never arrives within the 10 s limit", async () => {
    const { base } = await startServe();
    const port = Number(new URL(base).port);
    const seconds = await holdOpen(
      port,
      "POST /u/x HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nList=",
    );
    expect(seconds).toBeLessThan(14);
  }, 25_000);
});

describe("the unsubscribe server's limits", () => {
  it("caps concurrent connections: one over the cap is closed at once", async () => {
    const server = createUnsubscribeServer({
      secret: SECRET,
      listId: NEWSLETTER.list_id,
      listTitle: "x",
      store: { suppress: () => true },
      limits: { maxConnections: 3 },
    });
    const { port } = await listen(server, 0, "127.0.0.1");
    closers.push(
      () =>
        new Promise((resolve) => {
          server.closeAllConnections();
          server.close(resolve);
        }),
    );
    const held = Array.from({ length: 3 }, () => connect(port, "127.0.0.1"));
    await Promise.all(held.map((s) => new Promise((resolve) => s.once("connect", resolve))));
    const fourth = await holdOpen(port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    expect(fourth).toBeLessThan(2);
    for (const s of held) s.destroy();
  });

  it("logs the real error text when the store fails, and answers 500 without it", async () => {
    const lines: Record<string, unknown>[] = [];
    const server = createUnsubscribeServer({
      secret: SECRET,
      listId: NEWSLETTER.list_id,
      listTitle: "x",
      store: {
        suppress: () => {
          throw new Error("SQLITE_IOERR: disk I/O error");
        },
      },
      log: (event, fields) => lines.push({ event, ...fields }),
    });
    const { port } = await listen(server, 0, "127.0.0.1");
    closers.push(() => new Promise((resolve) => server.close(resolve)));
    const token = unsubscribeToken(SECRET, NEWSLETTER.list_id, "a@srv.test");
    const r = await fetch(`http://127.0.0.1:${port}/u/${token}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(r.status).toBe(500);
    expect(await r.text()).not.toContain("SQLITE");
    expect(lines).toContainEqual(expect.objectContaining({ event: "error", error: "SQLITE_IOERR: disk I/O error" }));
  });
});

describe("koepfe preview", () => {
  it("answers an explanation with a broken percent-encoding with 400 (it answered 500)", async () => {
    const port = await freePort();
    const run = spawnBin(["preview", writeEdition(), "--port", String(port)]);
    children.push(run.child);
    const until = Date.now() + 30_000;
    while (!run.output().includes("editors' page")) {
      if (Date.now() > until) throw new Error(`preview did not start: ${run.output()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const r = await fetch(`http://127.0.0.1:${port}/_koepfe/explain/%E0%A4%A`);
    expect(r.status).toBe(400);
  }, 40_000);
});
