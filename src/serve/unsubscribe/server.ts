/**
 * The one-click unsubscribe server (RFC 8058). GET shows a confirmation page (link scanners follow
 * GETs, so a GET never unsubscribes); POST with `List-Unsubscribe=One-Click` suppresses the address
 * at once and idempotently. Tokens are verified in constant time; invalid ones reveal nothing.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { verifyUnsubscribeToken } from "../../lib/token.js";
import { confirmPage, donePage, errorPage, invalidPage } from "./pages.js";

export interface SuppressionStore {
  /** Adds the address to the suppression list; returns false when it was already there. */
  suppress(email: string, reason: string, source: string): boolean;
}

export interface UnsubscribeServerOptions {
  secret: string;
  listId: string;
  listTitle: string;
  store: SuppressionStore;
  /** Largest accepted request body; RFC 8058 bodies are ~30 bytes. */
  maxBodyBytes?: number;
  /** Whole-request time limit. */
  requestTimeoutMs?: number;
  log?: (line: Record<string, unknown>) => void;
}

const HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-store",
  "referrer-policy": "no-referrer",
  "x-content-type-options": "nosniff",
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

class BodyTooLarge extends Error {}

function send(res: ServerResponse, status: number, body: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...HEADERS, "content-length": String(Buffer.byteLength(body)), ...extra });
  res.end(body);
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > limit) return reject(new BodyTooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.removeAllListeners("data");
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** RFC 8058 body, urlencoded or multipart (mail clients send either). */
export function isOneClickBody(body: string, contentType: string): boolean {
  if (contentType.startsWith("multipart/form-data")) {
    return /name="?List-Unsubscribe"?\s*\r?\n\r?\n\s*One-Click\b/i.test(body);
  }
  return new URLSearchParams(body.trim()).get("List-Unsubscribe") === "One-Click";
}

export function createUnsubscribeServer(opts: UnsubscribeServerOptions): Server {
  const limit = opts.maxBodyBytes ?? 4096;
  const log = opts.log ?? (() => undefined);
  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (e instanceof BodyTooLarge) {
        send(res, 413, errorPage("Anfrage zu groß", "Die Anfrage ist zu groß."), { connection: "close" });
        req.destroy();
        return;
      }
      log({ event: "error", message: e instanceof Error ? e.message : String(e) });
      if (!res.headersSent) send(res, 500, errorPage("Fehler", "Bitte versuchen Sie es später noch einmal."));
    });
  });
  server.requestTimeout = opts.requestTimeoutMs ?? 10_000;
  server.headersTimeout = Math.min(server.requestTimeout, 5_000);
  server.keepAliveTimeout = 5_000;
  server.maxHeadersCount = 50;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname === "/healthz") {
      res.writeHead(200, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
      res.end("ok\n");
      return;
    }
    const match = /^\/u\/([^/]{1,700})\/?$/.exec(url.pathname);
    if (!match) return send(res, 404, errorPage("Nicht gefunden", "Diese Seite gibt es nicht."));
    const token = decodeURIComponent(match[1] ?? "");
    if (req.method !== "GET" && req.method !== "POST" && req.method !== "HEAD") {
      return send(res, 405, errorPage("Nicht erlaubt", "Diese Anfrage ist nicht erlaubt."), { allow: "GET, POST" });
    }
    const body = req.method === "POST" ? await readBody(req, limit) : "";
    const email = verifyUnsubscribeToken(opts.secret, opts.listId, token);
    if (email === null) {
      log({ event: "invalid-token", method: req.method });
      return send(res, 400, invalidPage());
    }
    if (req.method !== "POST") return send(res, 200, confirmPage(opts.listTitle, email, url.pathname));
    if (!isOneClickBody(body, String(req.headers["content-type"] ?? ""))) {
      return send(res, 400, errorPage("Ungültige Anfrage", "Zum Abmelden bitte den Knopf auf der Abmeldeseite verwenden."));
    }
    const added = opts.store.suppress(email, "unsubscribe", "one-click");
    log({ event: "unsubscribed", new: added });
    send(res, 200, donePage(opts.listTitle));
  }

  return server;
}
