/**
 * The one-click unsubscribe server (RFC 8058). GET shows a confirmation page (link scanners follow
 * GETs, so a GET never unsubscribes); POST with `List-Unsubscribe=One-Click`, urlencoded or
 * multipart as RFC 8058 says, suppresses the address at once and idempotently. Tokens are verified
 * in constant time; invalid ones reveal nothing. A request the server cannot read (a broken
 * percent-encoding, another content type) is the client's mistake: 400 or 415, never 500.
 */
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { verifyUnsubscribeToken } from "../../lib/token.js";
import { BodyTooLarge, PUBLIC_LIMITS, createLimitedServer, decodeSegment, mediaType, readBody, requestPath, type Limits } from "../http.js";
import { confirmPage, donePage, errorPage, invalidPage } from "./pages.js";

export interface SuppressionStore {
  /** Adds the address to the suppression list; returns false when it was already there. */
  suppress(email: string, reason: string, source: string): boolean;
}

/** More paths the same public server answers (webhooks, sign-up), each checked before the unsubscribe paths. */
export interface Route {
  matches(pathname: string): boolean;
  handle(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void>;
}

export interface UnsubscribeServerOptions {
  secret: string;
  listId: string;
  listTitle: string;
  store: SuppressionStore;
  /** Largest accepted request body; RFC 8058 bodies are ~30 bytes. */
  maxBodyBytes?: number;
  limits?: Partial<Limits>;
  log?: (event: string, fields: Record<string, unknown>) => void;
  routes?: readonly Route[];
}

const HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-store",
  "referrer-policy": "no-referrer",
  "x-content-type-options": "nosniff",
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

function send(res: ServerResponse, status: number, body: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...HEADERS, "content-length": String(Buffer.byteLength(body)), ...extra });
  res.end(body);
}

const ONE_CLICK_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);

/** RFC 8058 body, urlencoded or multipart (mail clients send either). */
export function isOneClickBody(body: string, contentType: string): boolean {
  if (contentType === "multipart/form-data") {
    return /name="?List-Unsubscribe"?\s*\r?\n\r?\n\s*One-Click\b/i.test(body);
  }
  return new URLSearchParams(body.trim()).get("List-Unsubscribe") === "One-Click";
}

export function createUnsubscribeServer(opts: UnsubscribeServerOptions): Server {
  const limit = opts.maxBodyBytes ?? 4096;
  const log = opts.log ?? (() => undefined);
  const server = createLimitedServer(
    (req, res) => {
      handle(req, res).catch((e: unknown) => {
        if (e instanceof BodyTooLarge) {
          send(res, 413, errorPage("Anfrage zu groß", "Die Anfrage ist zu groß."), { connection: "close" });
          req.destroy();
          return;
        }
        log("error", { error: e instanceof Error ? e.message : String(e), path: req.url ?? "" });
        if (!res.headersSent) send(res, 500, errorPage("Fehler", "Bitte versuchen Sie es später noch einmal."));
      });
    },
    { ...PUBLIC_LIMITS, ...opts.limits },
  );

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const pathname = requestPath(req);
    if (pathname === null) return send(res, 400, errorPage("Ungültige Anfrage", "Diese Adresse kann nicht gelesen werden."));
    if (pathname === "/healthz") {
      res.writeHead(200, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
      res.end("ok\n");
      return;
    }
    const route = opts.routes?.find((r) => r.matches(pathname));
    if (route !== undefined) return route.handle(req, res, pathname);
    const match = /^\/u\/([^/]{1,700})\/?$/.exec(pathname);
    if (!match) return send(res, 404, errorPage("Nicht gefunden", "Diese Seite gibt es nicht."));
    if (req.method !== "GET" && req.method !== "POST" && req.method !== "HEAD") {
      return send(res, 405, errorPage("Nicht erlaubt", "Diese Anfrage ist nicht erlaubt."), { allow: "GET, POST" });
    }
    const token = decodeSegment(match[1] ?? "");
    if (token === null) {
      log("invalid-token", { method: req.method, reason: "bad percent-encoding" });
      return send(res, 400, invalidPage());
    }
    const type = mediaType(req);
    if (req.method === "POST" && !ONE_CLICK_TYPES.has(type)) {
      log("refused", { method: req.method, reason: "content type", type: type.slice(0, 100) });
      return send(res, 415, errorPage("Ungültige Anfrage", "Zum Abmelden bitte den Knopf auf der Abmeldeseite verwenden."));
    }
    const body = req.method === "POST" ? (await readBody(req, limit)).toString("utf8") : "";
    const email = verifyUnsubscribeToken(opts.secret, opts.listId, token);
    if (email === null) {
      log("invalid-token", { method: req.method });
      return send(res, 400, invalidPage());
    }
    if (req.method !== "POST") return send(res, 200, confirmPage(opts.listTitle, email, pathname));
    if (!isOneClickBody(body, type)) {
      return send(res, 400, errorPage("Ungültige Anfrage", "Zum Abmelden bitte den Knopf auf der Abmeldeseite verwenden."));
    }
    const added = opts.store.suppress(email, "unsubscribe", "one-click");
    log("unsubscribed", { new: added });
    send(res, 200, donePage(opts.listTitle));
  }

  return server;
}
