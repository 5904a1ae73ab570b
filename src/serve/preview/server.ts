/**
 * `koepfe preview`: builds the edition into <DIR>/.koepfe/preview (never the user's public/), serves
 * it on 127.0.0.1 at the path of base_url, rebuilds when the edition or the templates change, and
 * tells open pages to reload (Server-Sent Events). While the edition has errors every page shows
 * them instead of a stale site.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { assertEditionDir } from "../../edition/load.js";
import type { BuildResult } from "../../build/result.js";
import type { PhotoCache } from "../../render/site/photos.js";
import { stateFolder } from "../../lib/state-folder.js";
import { createLimitedServer, decodeSegment, listen, requestPath } from "../http.js";
import { RELOAD_SCRIPT, injectReload, renderDashboard, renderExplain, renderFailed } from "./dashboard.js";
import { failedState, type PreviewState } from "./state.js";
import { serveSite } from "./static.js";
import { watchEdition, type Watcher } from "./watch.js";
import { Rebuilder } from "./rebuilder.js";

const PREVIEW_LIMITS = { headersTimeoutMs: 5_000, requestTimeoutMs: 10_000, maxConnections: 64, keepAliveTimeoutMs: 5_000 };

/** templates/ of the installed package: site and newsletter templates, both watched. */
export const TEMPLATES_ROOT = path.resolve(import.meta.dirname, "../../../templates");

/** What the preview asks of a build (app/preview.ts passes the build use case). */
export interface PreviewBuildRequest {
  out: string;
  siteTemplatesDir: string;
  newsletterTemplatesDir: string;
  photoCache: PhotoCache;
  /** The new pages are in place (the old ones are still being removed): time to reload. */
  onPublished: (result: BuildResult) => void;
}

export interface PreviewOptions {
  dir: string;
  build: (request: PreviewBuildRequest) => Promise<BuildResult>;
  /** 0 picks a free port. */
  port: number;
  /** Folders of templates to watch and build with (tests use copies). */
  templatesRoot?: string;
  debounceMs?: number;
  log?: (line: string) => void;
}

export interface PreviewServer {
  url: string;
  state(): PreviewState;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { "Content-Type": type, "Cache-Control": "no-store", "Content-Length": Buffer.byteLength(body) }).end(body);
}

export async function startPreview(options: PreviewOptions): Promise<PreviewServer> {
  const dir = await assertEditionDir(options.dir);
  const out = path.join(stateFolder(dir), "preview");
  const templatesRoot = options.templatesRoot ?? TEMPLATES_ROOT;
  const log = options.log ?? (() => undefined);
  const photoCache: PhotoCache = new Map();
  const clients = new Set<ServerResponse>();
  let state: PreviewState = { kind: "building" };
  let mount = "/";
  let builds = 0;
  let watcher: Watcher | null = null;

  const rebuilder = new Rebuilder(async () => {
    const build = ++builds;
    let reloaded = false;
    const reload = () => {
      if (reloaded) return;
      reloaded = true;
      watcher?.refresh();
      for (const c of clients) c.write(`event: reload\ndata: ${build}\n\n`);
    };
    const published = (result: BuildResult) => {
      mount = new URL(result.edition.config.base_url).pathname;
      state = { kind: "ok", result, builtAt: new Date(), build };
      log(`built in ${result.summary.seconds.toFixed(2)} s: ${result.summary.pages} pages, ${result.summary.mails} mails`);
      reload();
    };
    try {
      const result = await options.build({
        out,
        siteTemplatesDir: path.join(templatesRoot, "site"),
        newsletterTemplatesDir: path.join(templatesRoot, "newsletter"),
        photoCache,
        // the pages reload as soon as the new ones are in place, not after the old ones are gone
        onPublished: published,
      });
      if (!reloaded) published(result);
    } catch (e) {
      const message = failedState(e, build, new Date());
      // failing after the new pages were in place (the reload sent with them): they stay
      if (reloaded) log(`after the build: ${message.kind === "failed" ? message.message.split("\n")[0] : ""}`);
      else {
        state = message;
        log(`build failed: ${message.kind === "failed" ? message.message.split("\n")[0] : ""}`);
      }
    }
    reload();
  });

  // the editors' own machine: a few browser tabs, not the world
  const server = createLimitedServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, "text/plain; charset=utf-8", `preview error: ${(e as Error).message}\n`);
      else res.destroy();
    });
  }, PREVIEW_LIMITS);
  const { port } = await listen(server, options.port, "127.0.0.1");
  // a web page elsewhere could rebind its own host name to 127.0.0.1 and read the unpublished list
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hosts.has(req.headers.host ?? "")) return send(res, 403, "text/plain; charset=utf-8", "forbidden host\n");
    if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, "text/plain; charset=utf-8", "method not allowed\n");
    const pathname = requestPath(req);
    if (pathname === null) return send(res, 400, "text/plain; charset=utf-8", "bad request\n");
    if (pathname === "/_koepfe/events") {
      res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-store", Connection: "keep-alive" });
      res.write(": connected\n\n");
      clients.add(res);
      req.on("close", () => clients.delete(res));
      return;
    }
    if (pathname === "/_koepfe/reload.js") return send(res, 200, "text/javascript; charset=utf-8", RELOAD_SCRIPT);
    if (pathname === "/_koepfe" || pathname === "/_koepfe/")
      return send(res, state.kind === "ok" ? 200 : 503, "text/html; charset=utf-8", renderDashboard(state, mount));
    if (pathname.startsWith("/_koepfe/explain/")) {
      const id = decodeSegment(pathname.slice("/_koepfe/explain/".length));
      if (id === null) return send(res, 400, "text/plain; charset=utf-8", "bad request: the address is not valid percent-encoding\n");
      const page = renderExplain(state, id);
      return page === null
        ? send(res, 404, "text/plain; charset=utf-8", "not on the list\n")
        : send(res, 200, "text/html; charset=utf-8", page);
    }
    if (state.kind !== "ok") return send(res, 503, "text/html; charset=utf-8", renderFailed(state, mount));
    // absolute links to the published site (newsletter web versions, embeds, 404) stay in the preview
    const base = state.result.edition.config.base_url;
    return serveSite(req, res, out, mount, (html) => injectReload(html.replaceAll(base, mount)));
  }

  await rebuilder.run();
  watcher = watchEdition(dir, templatesRoot, () => rebuilder.request(), options.debounceMs);

  return {
    url: `http://127.0.0.1:${port}${mount}`,
    state: () => state,
    async close() {
      watcher?.close();
      rebuilder.stop();
      await rebuilder.idle();
      for (const c of clients) c.end();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
