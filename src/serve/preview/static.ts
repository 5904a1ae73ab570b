/**
 * Static files of a built site, safe against path traversal: the URL path is decoded once, must not
 * contain NUL or backslashes, is normalised, and the resolved file (symlinks followed) must lie
 * inside the root. Folders serve their index.html; a folder without its trailing slash redirects, so
 * the site's relative links resolve as they do on a real host.
 */
import { createReadStream } from "node:fs";
import { readFile, realpath, stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { inside } from "../../lib/paths.js";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".mjml": "text/plain; charset=utf-8",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".png": "image/png",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".gif": "image/gif",
  ".svg": "image/svg+xml",
};

export type Lookup = { kind: "file"; file: string } | { kind: "redirect"; location: string } | { kind: "missing" } | { kind: "bad" };

/** Maps a URL path below the mount point (without it, e.g. "anna/") to a file under `root`. */
export async function lookup(root: string, relUrlPath: string): Promise<Lookup> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relUrlPath);
  } catch {
    return { kind: "bad" };
  }
  if (decoded.includes("\0") || decoded.includes("\\")) return { kind: "bad" };
  const normal = path.posix.normalize(`/${decoded}`);
  const candidate = path.join(root, normal);
  if (!inside(root, candidate)) return { kind: "bad" };
  const realRoot = await realpath(root).catch(() => null);
  const real = await realpath(candidate).catch(() => null);
  if (realRoot === null || real === null || !inside(realRoot, real)) return { kind: "missing" };
  const st = await stat(real);
  if (st.isDirectory()) {
    if (!normal.endsWith("/")) return { kind: "redirect", location: `${path.posix.basename(normal)}/` };
    const index = path.join(real, "index.html");
    const ist = await stat(index).catch(() => null);
    return ist?.isFile() ? { kind: "file", file: index } : { kind: "missing" };
  }
  return st.isFile() ? { kind: "file", file: real } : { kind: "missing" };
}

export function contentType(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
}

/**
 * Sends a looked-up file. HTML goes through `transformHtml` when given (the preview adds its reload
 * script), everything else is streamed.
 */
export async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: string,
  status: number,
  transformHtml?: (html: string) => string,
): Promise<void> {
  const type = contentType(file);
  res.setHeader("Content-Type", type);
  res.setHeader("Cache-Control", "no-store");
  res.setHeader("X-Content-Type-Options", "nosniff");
  if (transformHtml && type.startsWith("text/html")) {
    const body = Buffer.from(transformHtml(await readFile(file, "utf8")));
    res.writeHead(status, { "Content-Length": body.length });
    res.end(req.method === "HEAD" ? undefined : body);
    return;
  }
  const size = (await stat(file)).size;
  res.writeHead(status, { "Content-Length": size });
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const stream = createReadStream(file);
    stream.on("error", reject);
    res.on("close", () => {
      stream.destroy();
      resolve();
    });
    stream.pipe(res);
  });
}

/**
 * Serves the built site at `mount` (the path of base_url, e.g. "/2024/", so links behave as in
 * production): "/" redirects there, unknown paths get the site's 404.html with status 404.
 */
export async function serveSite(
  req: IncomingMessage,
  res: ServerResponse,
  root: string,
  mount: string,
  transformHtml?: (html: string) => string,
): Promise<void> {
  const pathname = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
  if (!pathname.startsWith(mount)) {
    if (mount.startsWith(pathname)) {
      res.writeHead(302, { Location: mount }).end();
      return;
    }
    return notFound(req, res, root, transformHtml);
  }
  const found = await lookup(root, pathname.slice(mount.length));
  if (found.kind === "file") return sendFile(req, res, found.file, 200, transformHtml);
  if (found.kind === "redirect") {
    res.writeHead(301, { Location: found.location }).end();
    return;
  }
  if (found.kind === "bad") {
    res.writeHead(400, { "Content-Type": "text/plain; charset=utf-8" }).end("bad request\n");
    return;
  }
  return notFound(req, res, root, transformHtml);
}

async function notFound(req: IncomingMessage, res: ServerResponse, root: string, transformHtml?: (html: string) => string): Promise<void> {
  const page = path.join(root, "404.html");
  if ((await stat(page).catch(() => null))?.isFile()) return sendFile(req, res, page, 404, transformHtml);
  res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("not found\n");
}
