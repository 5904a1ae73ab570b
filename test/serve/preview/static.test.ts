import { describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { lookup, serveSite } from "../../../src/serve/preview/static.js";

/** A site folder next to a secret file that must never be served. */
function site(): { root: string; secret: string } {
  const base = mkdtempSync(path.join(tmpdir(), "koepfe-static-"));
  const root = path.join(base, "public");
  mkdirSync(path.join(root, "anna"), { recursive: true });
  writeFileSync(path.join(root, "index.html"), "<p>index</p>");
  writeFileSync(path.join(root, "anna/index.html"), "<p>anna</p>");
  writeFileSync(path.join(root, "404.html"), "<p>not found</p>");
  writeFileSync(path.join(base, "secret.txt"), "secret");
  symlinkSync(path.join(base, "secret.txt"), path.join(root, "link.txt"));
  return { root, secret: path.join(base, "secret.txt") };
}

describe("preview: static files", () => {
  it("never resolves outside the root: dot segments, encoded slashes, NUL, backslashes, symlinks", async () => {
    const { root } = site();
    expect(await lookup(root, "anna/")).toEqual({ kind: "file", file: path.join(root, "anna/index.html") });
    expect(await lookup(root, "anna")).toEqual({ kind: "redirect", location: "anna/" });
    for (const attack of ["../secret.txt", "..%2fsecret.txt", "%2e%2e/secret.txt", "anna/../../secret.txt", "link.txt"]) {
      expect(await lookup(root, attack), attack).toEqual({ kind: "missing" });
    }
    for (const attack of ["..%5csecret.txt", "index.html%00.txt", "%E0%A4%A"])
      expect(await lookup(root, attack), attack).toEqual({ kind: "bad" });
  });

  it("over HTTP: mounted at the base path, 404 page for the unknown, never the secret", async () => {
    const { root } = site();
    const server = createServer((req, res) => void serveSite(req, res, root, "/2024/"));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as { port: number };
    const at = (p: string) => fetch(`http://127.0.0.1:${port}${p}`, { redirect: "manual" });
    try {
      expect((await at("/")).headers.get("location")).toBe("/2024/");
      expect(await (await at("/2024/anna/")).text()).toBe("<p>anna</p>");
      expect((await at("/2024/anna")).headers.get("location")).toBe("anna/");
      for (const p of ["/2024/..%2fsecret.txt", "/2024/%2e%2e/secret.txt", "/secret.txt", "/2024/link.txt"]) {
        const res = await at(p);
        expect(res.status, p).toBe(404);
        expect(await res.text(), p).toBe("<p>not found</p>");
      }
      expect((await at("/2024/..%5csecret.txt")).status).toBe(400);
    } finally {
      server.close();
    }
  });
});
