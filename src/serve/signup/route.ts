/**
 * The sign-up pages of `koepfe serve`: `GET /anmelden` (the form), `POST /anmelden` (always the same
 * "Bitte bestätigen Sie …" page, unless the person can fix something: then the form again, 400),
 * and `/bestaetigen/<token>` (GET shows a button and changes nothing — mail scanners follow links —,
 * POST confirms). A forged, expired or used link gets a German 400 page. Query strings are ignored:
 * nothing is prefilled or stored from a GET.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { DateTime } from "luxon";
import { BodyTooLarge, decodeSegment, mediaType, readBody } from "../http.js";
import type { Consent } from "../../subscribe/model.js";
import { MAX_SIGN_UP_BYTES, readSignUp } from "../../subscribe/request.js";
import { formPage } from "../../subscribe/form-pages.js";
import { acceptedPage, confirmPage, confirmedPage, invalidTokenPage } from "../../subscribe/answer-pages.js";
import { errorPage } from "../unsubscribe/pages.js";
import type { SignUpDesk } from "../../subscribe/desk.js";

export interface SignUpRoute {
  /** null: no relay configured, sign-up answers 503 (unsubscribing still works). */
  desk: SignUpDesk | null;
  listTitle: string;
  consent: Consent;
  ttlHours: number;
  /** Where the form posts (newsletter.subscribe_url). */
  action: string;
  privacyUrl?: string;
  nextIssueAt: () => DateTime | null;
  log: (event: string, fields: Record<string, unknown>) => void;
  /** Settles when a sign-up's confirmation mail was handed over (tests). */
  onMail?: (mail: Promise<void>) => void;
  /** `serve --trust-proxy`: a request from this machine carries the client's address in X-Forwarded-For. */
  trustProxy?: boolean;
}

const HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-store",
  "referrer-policy": "no-referrer",
  "x-content-type-options": "nosniff",
  "content-security-policy":
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' https:; frame-ancestors 'none'; base-uri 'none'",
};

function send(res: ServerResponse, status: number, body: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...HEADERS, "content-length": String(Buffer.byteLength(body)), ...extra });
  res.end(res.req?.method === "HEAD" ? undefined : body);
}

export function isSignUpPath(pathname: string): boolean {
  return pathname === "/anmelden" || pathname === "/anmelden/" || pathname.startsWith("/bestaetigen/");
}

const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

/**
 * The client's address: the connection's, or — behind our own reverse proxy (`--trust-proxy`, and
 * only for connections from this machine) — the last entry of X-Forwarded-For, the one the proxy
 * added itself (earlier entries are whatever the client claimed).
 */
function clientOf(req: IncomingMessage, trustProxy: boolean) {
  const socket = req.socket.remoteAddress;
  const forwarded = req.headers["x-forwarded-for"];
  const last = (Array.isArray(forwarded) ? forwarded.join(",") : (forwarded ?? "")).split(",").at(-1)?.trim();
  const ip = trustProxy && socket !== undefined && LOOPBACK.test(socket) && last ? last : socket;
  return { ip, userAgent: typeof req.headers["user-agent"] === "string" ? req.headers["user-agent"] : undefined };
}

export async function handleSignUp(req: IncomingMessage, res: ServerResponse, pathname: string, r: SignUpRoute): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD" && req.method !== "POST") {
    return send(res, 405, errorPage("Nicht erlaubt", "Diese Anfrage ist nicht erlaubt."), { allow: "GET, POST" });
  }
  if (r.desk === null) {
    return send(
      res,
      503,
      errorPage("Anmeldung nicht möglich", "Die Anmeldung ist gerade nicht möglich. Bitte versuchen Sie es später noch einmal."),
    );
  }
  const desk = r.desk;
  const view = { listTitle: r.listTitle, consent: r.consent, action: r.action, ...(r.privacyUrl ? { privacyUrl: r.privacyUrl } : {}) };
  if (!pathname.startsWith("/bestaetigen/")) {
    if (req.method !== "POST") return send(res, 200, formPage({ ...view, formToken: desk.formToken() }));
    let body: Buffer;
    try {
      body = await readBody(req, MAX_SIGN_UP_BYTES);
    } catch (e) {
      if (!(e instanceof BodyTooLarge)) throw e;
      r.log("signup-refused", { reason: "too-large" });
      send(res, 200, acceptedPage({ listTitle: r.listTitle, ttlHours: r.ttlHours }), { connection: "close" });
      req.destroy();
      return;
    }
    const contentType = typeof req.headers["content-type"] === "string" ? req.headers["content-type"] : undefined;
    const signUp = readSignUp({ body, contentType, consentVersion: r.consent.version });
    if (signUp.kind === "fixable") {
      return send(res, 400, formPage({ ...view, formToken: desk.formToken(), values: signUp.values, errors: signUp.errors }));
    }
    if (signUp.kind === "refused") r.log("signup-refused", { reason: signUp.reason, ...(signUp.detail ? { detail: signUp.detail } : {}) });
    else {
      // the mail goes out after the answer: its timing must not tell who is subscribed
      const { mail } = desk.signUp(signUp, clientOf(req, r.trustProxy === true));
      r.onMail?.(mail);
    }
    return send(res, 200, acceptedPage({ listTitle: r.listTitle, ttlHours: r.ttlHours }));
  }

  const token = /^\/bestaetigen\/([^/]{1,600})\/?$/.exec(pathname)?.[1];
  const decoded = token === undefined ? null : decodeSegment(token);
  if (decoded === null) return send(res, 400, invalidTokenPage("malformed", r.action));
  if (req.method !== "POST") {
    const check = desk.check(decoded);
    if (!check.ok) return send(res, 400, invalidTokenPage(check.reason, r.action));
    return send(res, 200, confirmPage({ listTitle: r.listTitle, action: pathname }));
  }
  const type = mediaType(req);
  if (type !== "" && !FORM_TYPES.has(type)) {
    r.log("confirm-refused", { reason: "content type", type: type.slice(0, 100) });
    return send(res, 415, errorPage("Ungültige Anfrage", "Bitte bestätigen Sie mit dem Knopf auf der Bestätigungsseite."));
  }
  await readBody(req, 1024).catch(() => Buffer.alloc(0));
  const confirmed = desk.confirm(decoded, clientOf(req, r.trustProxy === true));
  if (!confirmed.ok) return send(res, 400, invalidTokenPage(confirmed.reason, r.action));
  return send(res, 200, confirmedPage({ listTitle: r.listTitle, nextIssueAt: r.nextIssueAt() }));
}
