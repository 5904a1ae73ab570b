/**
 * What every koepfe HTTP server shares (the unsubscribe/sign-up server and the preview): limits that
 * hold, one way to listen, and safe decoding of what a client sent. Node checks its header and
 * request timeouts only every `connectionsCheckingInterval` (30 s by default), so a slow client was
 * held ~26 s against a 5 s limit; the interval here is one second.
 */
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { EXIT, KoepfeError, UsageError } from "../lib/errors.js";

export interface Limits {
  /** Time to receive the request headers. */
  headersTimeoutMs: number;
  /** Time to receive the whole request, body included. */
  requestTimeoutMs: number;
  /** Open connections at most; more are refused at once. */
  maxConnections: number;
  keepAliveTimeoutMs: number;
}

export const PUBLIC_LIMITS: Limits = { headersTimeoutMs: 5_000, requestTimeoutMs: 10_000, maxConnections: 256, keepAliveTimeoutMs: 5_000 };

export function createLimitedServer(handler: RequestListener, limits: Limits): Server {
  const server = createServer(
    {
      connectionsCheckingInterval: 1_000,
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      maxHeaderSize: 16 * 1024,
    },
    handler,
  );
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxHeadersCount = 50;
  server.maxConnections = limits.maxConnections;
  return server;
}

/** Listens; a port in use or an address not of this machine is the user's mistake (exit 2). */
export function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once("error", (e: NodeJS.ErrnoException) =>
      reject(
        e.code === "EADDRINUSE"
          ? new KoepfeError("E_PORT_IN_USE", `port ${port} on ${host} is in use: choose another with --port`, { exitCode: EXIT.usage })
          : e.code === "EADDRNOTAVAIL"
            ? new UsageError(`cannot listen on ${host}: not an address of this machine`)
            : e,
      ),
    );
    server.listen(port, host, () => resolve(server.address() as AddressInfo));
  });
}

/** Closes the server: idle connections at once, the rest when their response is done. */
export function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}

/** A path segment as the client meant it, or null when its percent-encoding is broken ("%E0%A4%A"). */
export function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** The request's path, or null when the request target is not a path. */
export function requestPath(req: IncomingMessage): string | null {
  try {
    return new URL(req.url ?? "/", "http://localhost").pathname;
  } catch {
    return null;
  }
}

export class BodyTooLarge extends Error {}

/** The request body, at most `limit` bytes (413 otherwise, checked before and while reading). */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > limit) {
      reject(new BodyTooLarge());
      return;
    }
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
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** The media type of the request, lower-cased, without parameters ("" when none was sent). */
export function mediaType(req: IncomingMessage): string {
  return (
    String(req.headers["content-type"] ?? "")
      .split(";")[0]
      ?.trim()
      .toLowerCase() ?? ""
  );
}

export type Respond = (res: ServerResponse, status: number, body: string, extra?: Record<string, string>) => void;
