import { afterEach, describe, expect, it } from "vitest";
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { get, request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import type { PreviewServer } from "../../../src/serve/preview/server.js";
import { preview as startPreview } from "../../../src/app/preview.js";
import { TEMPLATES_ROOT } from "../../../src/serve/preview/server.js";
import { writeEdition } from "../../helpers/edition.js";
import { attr, byTag, first, nomineesWith, text } from "../../helpers/site.js";
import { parse } from "parse5";
import { freePort } from "../../helpers/net.js";
import { Writable } from "node:stream";
import { previewCommand } from "../../../src/commands/preview.js";
import { runCli } from "../../helpers/cli.js";

let server: PreviewServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

interface Events {
  /** Resolves on the next "reload" event. */
  reload: () => Promise<void>;
  close: () => void;
}

/** Subscribes to the preview's Server-Sent Events; resolves once the server has registered the stream. */
function connected(origin: string): Promise<Events> {
  return new Promise((resolve, reject) => {
    let buffer = "";
    let waiting: (() => void) | null = null;
    const req = get(`${origin}/_koepfe/events`, (res) => {
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        buffer += chunk;
        if (buffer.includes(": connected")) {
          buffer = buffer.replace(": connected", "");
          resolve(events);
        }
        if (buffer.includes("event: reload") && waiting) {
          buffer = "";
          waiting();
          waiting = null;
        }
      });
    });
    req.on("error", reject);
    const events: Events = { reload: () => new Promise<void>((r) => (waiting = r)), close: () => req.destroy() };
  });
}

describe("koepfe preview", () => {
  it("serves the built site with the reload script, the editors' page and explanations, from .koepfe/preview", async () => {
    const dir = writeEdition();
    server = await startPreview({ dir, port: 0 });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/2024\/$/);
    const index = await fetch(server.url);
    expect(index.status).toBe(200);
    const html = await index.text();
    expect(html).toContain('<script src="/_koepfe/reload.js" defer></script></body>');
    // links to the published site point into the preview instead
    expect(html).not.toContain("https://koepfe.example.org/2024/");
    expect(html).toContain('<link rel="canonical" href="/2024/">');
    expect(existsSync(path.join(dir, ".koepfe/preview/index.html"))).toBe(true);
    expect(readFileSync(path.join(dir, ".koepfe/preview/index.html"), "utf8")).not.toContain("/_koepfe/");

    const origin = new URL(server.url).origin;
    const dashboard = parse(await (await fetch(`${origin}/_koepfe/`)).text());
    const rankingRows = byTag(
      first(dashboard, (e) => attr(e, "id") === "rangliste"),
      "tr",
    ).slice(1);
    expect(rankingRows.map((r) => text(byTag(r, "td")[3] ?? r))).toEqual([
      "Deniz Özdemir",
      "Dr. Anna Müller",
      "Bernd Schäfer",
      "Clara Weiß",
      "Eva Lang",
      "Frank Ober",
    ]);
    const explain = await fetch(`${origin}/_koepfe/explain/anna-mueller`);
    expect(explain.status).toBe(200);
    expect(text(byTag(parse(await explain.text()), "pre")[0] ?? dashboard)).toContain("anna-mueller");
    expect((await fetch(`${origin}/_koepfe/explain/nobody`)).status).toBe(404);
    expect((await fetch(`${server.url}nobody/`)).status).toBe(404);
  });

  it("rebuilds after a change in the edition, shows the errors of a broken edition instead of the site, and recovers", async () => {
    const dir = writeEdition();
    server = await startPreview({ dir, port: 0, debounceMs: 50 });
    const origin = new URL(server.url).origin;
    const events = await connected(origin);
    try {
      let reloaded = events.reload();
      writeFileSync(path.join(dir, "nominees.csv"), nomineesWith({ "anna-mueller": { name: "Dr. Anna Müller-Neu" } }));
      await reloaded;
      expect(byTag(parse(await (await fetch(`${server.url}anna-mueller/`)).text()), "h1").map(text)).toEqual(["Dr. Anna Müller-Neu"]);

      const config = readFileSync(path.join(dir, "edition.json"), "utf8");
      reloaded = events.reload();
      writeFileSync(path.join(dir, "edition.json"), config.replace('"year": 2024', '"year": "zweitausend"'));
      await reloaded;
      const broken = await fetch(`${server.url}anna-mueller/`);
      expect(broken.status).toBe(503);
      const page = parse(await broken.text());
      expect(byTag(page, "h1").map(text)).toEqual(["koepfe: Vorschau"]);
      expect(
        byTag(
          first(page, (e) => attr(e, "id") === "probleme"),
          "td",
        ).map(text),
      ).toContain("edition.json");
      expect((await fetch(`${origin}/_koepfe/`)).status).toBe(503);

      reloaded = events.reload();
      writeFileSync(path.join(dir, "edition.json"), config);
      await reloaded;
      expect((await fetch(`${server.url}anna-mueller/`)).status).toBe(200);
    } finally {
      events.close();
    }
  });

  it("rebuilds after a change in the templates", async () => {
    const templates = mkdtempSync(path.join(tmpdir(), "koepfe-preview-templates-"));
    cpSync(TEMPLATES_ROOT, templates, { recursive: true });
    server = await startPreview({ dir: writeEdition(), port: 0, templatesRoot: templates, debounceMs: 50 });
    const events = await connected(new URL(server.url).origin);
    try {
      const file = path.join(templates, "site/pages/404.hbs");
      const reloaded = events.reload();
      writeFileSync(file, readFileSync(file, "utf8").replace("Fehler 404", "Fehler 404 (geändert)"));
      await reloaded;
      expect(await (await fetch(`${server.url}nobody/`)).text()).toContain("Fehler 404 (geändert)");
    } finally {
      events.close();
    }
  });

  it("answers only on 127.0.0.1 and only to its own host name; a taken port is a clear error", async () => {
    server = await startPreview({ dir: writeEdition(), port: 0 });
    const { port } = new URL(server.url);
    const status = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request({ host: "127.0.0.1", port: Number(port), path: "/2024/", headers: { Host: host } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on("error", reject);
        req.end();
      });
    expect(await status(`127.0.0.1:${port}`)).toBe(200);
    expect(await status(`localhost:${port}`)).toBe(200);
    expect(await status(`attacker.example:${port}`)).toBe(403);
    await expect(startPreview({ dir: writeEdition(), port: Number(port) })).rejects.toMatchObject({ code: "E_PORT_IN_USE" });
  });

  it("stops cleanly: no more connections after close", async () => {
    const preview = await startPreview({ dir: writeEdition(), port: 0 });
    const origin = new URL(preview.url).origin;
    const events = await connected(origin);
    await preview.close();
    events.close();
    await expect(fetch(`${origin}/_koepfe/`)).rejects.toThrow();
  });
});

describe("koepfe preview (the command)", () => {
  it("prints the address, serves until the signal aborts, then stops and exits 0", async () => {
    const port = await freePort();
    let stdout = "";
    let announced: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => (announced = resolve));
    const out = new Writable({
      write(chunk: Buffer, _enc, cb) {
        stdout += chunk.toString();
        if (stdout.includes("Ctrl-C")) announced();
        cb();
      },
    });
    const controller = new AbortController();
    const running = previewCommand.run(
      { positionals: [writeEdition()], values: { port: String(port) } },
      { stdout: out, stderr: new Writable({ write: (_c, _e, cb) => cb() }), env: {}, signal: controller.signal },
    );
    await ready;
    expect(stdout).toContain(`preview: http://127.0.0.1:${port}/2024/ (editors' page: http://127.0.0.1:${port}/_koepfe/)`);
    expect((await fetch(`http://127.0.0.1:${port}/2024/`)).status).toBe(200);
    controller.abort();
    expect(await running).toBe(0);
    expect(stdout).toContain("preview: stopped");
    await expect(fetch(`http://127.0.0.1:${port}/2024/`)).rejects.toThrow();
  });

  it("rejects a port that is not a number", async () => {
    const r = await runCli(["preview", writeEdition(), "--port", "abc"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--port must be a number from 1 to 65535, not "abc"');
  });
});
