import { describe, it, expect, beforeAll, afterAll } from "vitest";
import type { AddressInfo } from "node:net";
import { request } from "node:http";
import { parse } from "parse5";
import { createUnsubscribeServer, type SuppressionStore } from "../../../src/serve/unsubscribe/server.js";
import { unsubscribeToken } from "../../../src/lib/token.js";

const SECRET = "test-secret-0123456789abcdef";
const LIST = "koepfe-2024.example.org";

class MemoryStore implements SuppressionStore {
  readonly suppressed = new Map<string, string>();
  suppress(email: string, reason: string): boolean {
    if (this.suppressed.has(email)) return false;
    this.suppressed.set(email, reason);
    return true;
  }
}

const store = new MemoryStore();
const server = createUnsubscribeServer({ secret: SECRET, listId: LIST, listTitle: "100 Köpfe 2024", store, maxBodyBytes: 1024 });
let base = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const oneClick = (token: string, body = "List-Unsubscribe=One-Click", type = "application/x-www-form-urlencoded") =>
  fetch(`${base}/u/${token}`, { method: "POST", headers: { "content-type": type }, body });

function textOf(html: string): string {
  const out: string[] = [];
  const walk = (n: { nodeName: string; value?: string; childNodes?: unknown[] }) => {
    if (n.nodeName === "#text" && n.value) out.push(n.value);
    for (const c of (n.childNodes ?? []) as (typeof n)[]) walk(c);
  };
  walk(parse(html) as unknown as { nodeName: string });
  return out.join(" ");
}

describe("koepfe serve: one-click unsubscribe", () => {
  it("answers /healthz", async () => {
    const r = await fetch(`${base}/healthz`);
    expect([r.status, await r.text()]).toEqual([200, "ok\n"]);
  });

  it("GET shows a German confirmation page with a button and does not unsubscribe", async () => {
    const token = unsubscribeToken(SECRET, LIST, "anna.mueller@example.org");
    const r = await fetch(`${base}/u/${token}`);
    const html = await r.text();
    expect(r.status).toBe(200);
    expect(html).toContain('lang="de"');
    expect(textOf(html)).toContain("a…r@example.org");
    expect(html).toMatch(/<form method="post"[^>]*>.*<button type="submit">Jetzt abmelden<\/button>/s);
    expect(store.suppressed.has("anna.mueller@example.org")).toBe(false);
  });

  it("POST List-Unsubscribe=One-Click suppresses at once, and again is still 200 (idempotent)", async () => {
    const token = unsubscribeToken(SECRET, LIST, "bernd@Example.ORG");
    const first = await oneClick(token);
    expect(first.status).toBe(200);
    expect(textOf(await first.text())).toContain("Sie sind abgemeldet");
    expect(store.suppressed.get("bernd@example.org")).toBe("unsubscribe");
    const again = await oneClick(token);
    expect(again.status).toBe(200);
    expect(store.suppressed.size).toBe(1);
  });

  it("accepts the multipart body some mail clients send", async () => {
    const token = unsubscribeToken(SECRET, LIST, "clara@example.net");
    const body = '--XyZ\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--XyZ--\r\n';
    const r = await oneClick(token, body, "multipart/form-data; boundary=XyZ");
    expect(r.status).toBe(200);
    expect(store.suppressed.has("clara@example.net")).toBe(true);
  });

  it("rejects forged, truncated and foreign-list tokens with a 400 page that names no address", async () => {
    const good = unsubscribeToken(SECRET, LIST, "dora@example.org");
    const forged = `${Buffer.from("eve@example.org").toString("base64url")}.${good.split(".")[1] ?? ""}`;
    const foreign = unsubscribeToken(SECRET, "other-list.example.org", "dora@example.org");
    const otherSecret = unsubscribeToken("another-secret-0123456789", LIST, "dora@example.org");
    for (const token of [forged, good.slice(0, -3), foreign, otherSecret, "%00", "x".repeat(650)]) {
      const r = await oneClick(token);
      const html = await r.text();
      expect(r.status, token).toBe(400);
      expect(html).not.toContain("@");
    }
    expect([...store.suppressed.keys()]).not.toContain("dora@example.org");
    expect([...store.suppressed.keys()]).not.toContain("eve@example.org");
  });

  it("rejects a POST without the one-click body", async () => {
    const r = await oneClick(unsubscribeToken(SECRET, LIST, "emil@example.org"), "foo=bar");
    expect(r.status).toBe(400);
    expect(store.suppressed.has("emil@example.org")).toBe(false);
  });

  it("refuses an oversized body with 413 and does not unsubscribe", async () => {
    const token = unsubscribeToken(SECRET, LIST, "fritz@example.org");
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${base}/u/${token}`,
        { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      req.write(`List-Unsubscribe=One-Click&pad=${"x".repeat(5000)}`);
      req.end();
    });
    expect(status).toBe(413);
    expect(store.suppressed.has("fritz@example.org")).toBe(false);
  });

  it("sends no referrer and no caching for pages that carry a token", async () => {
    const r = await fetch(`${base}/u/${unsubscribeToken(SECRET, LIST, "gina@example.org")}`);
    expect(r.headers.get("referrer-policy")).toBe("no-referrer");
    expect(r.headers.get("cache-control")).toBe("no-store");
  });

  it("answers 404 elsewhere and 405 for other methods", async () => {
    expect((await fetch(`${base}/etc/passwd`)).status).toBe(404);
    expect((await fetch(`${base}/u/${unsubscribeToken(SECRET, LIST, "h@example.org")}`, { method: "DELETE" })).status).toBe(405);
  });
});
