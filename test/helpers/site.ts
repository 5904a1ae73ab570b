/**
 * Helpers for the site, build and preview tests: build an edition into a temp folder, parse the
 * pages with parse5 and walk them, fingerprint an output folder, make test photos with sharp.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse, type DefaultTreeAdapterTypes as P } from "parse5";
import sharp from "sharp";
import { buildEdition, type BuildOptions } from "../../src/app/build.js";
import type { BuildResult } from "../../src/build/result.js";
import { writeEdition } from "./edition.js";
import { all, attr, text, type Node } from "./html.js";
export { nomineesWith, type NomineeCells } from "./edition.js";

export type { Element, Node } from "./html.js";

export const BASE_URL = "https://koepfe.example.org/2024/";

export function tempOut(): string {
  return path.join(mkdtempSync(path.join(tmpdir(), "koepfe-site-")), "public");
}

/** Writes an edition (base files + overrides) and builds it into a fresh temp folder. */
export async function buildFixture(
  overrides: Record<string, string | Buffer | null> = {},
  options: Partial<BuildOptions> = {},
): Promise<{ dir: string; out: string; result: BuildResult }> {
  const dir = writeEdition(overrides);
  const out = options.out ?? tempOut();
  const result = await buildEdition(dir, { out, ...options });
  return { dir, out, result };
}

export function parseFile(file: string): P.Document {
  return parse(readFileSync(file, "utf8"));
}

export { all, attr, byClass, byTag, children, first, isElement, text } from "./html.js";

export function meta(doc: Node, key: string): string | null {
  const m = all(doc, (e) => e.tagName === "meta" && (attr(e, "name") === key || attr(e, "property") === key))[0];
  return m ? attr(m, "content") : null;
}

/** The parsed JSON-LD blocks of a page. */
export function jsonLd(doc: Node): Record<string, unknown>[] {
  return all(doc, (e) => e.tagName === "script" && attr(e, "type") === "application/ld+json").map(
    (s) => JSON.parse(text(s)) as Record<string, unknown>,
  );
}

/** Every file below `dir`, relative, with "/" separators. */
export function listFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import("node:fs").Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
}

/** Path → sha256 of every file: compare before and after to prove a folder was not touched. */
export function fingerprint(dir: string): Record<string, string> {
  return Object.fromEntries(
    listFiles(dir).map((f) => [
      f,
      createHash("sha256")
        .update(readFileSync(path.join(dir, f)))
        .digest("hex"),
    ]),
  );
}

/** URLs a page refers to: href, src and every srcset candidate. */
export function references(doc: Node): string[] {
  const urls: string[] = [];
  for (const e of all(doc)) {
    for (const name of ["href", "src"]) {
      const v = attr(e, name);
      if (v !== null) urls.push(v);
    }
    const srcset = attr(e, "srcset");
    if (srcset !== null) urls.push(...srcset.split(",").map((c) => c.trim().split(/\s+/)[0] ?? ""));
  }
  return urls;
}

/**
 * The output file a reference from `page` lands on, or null for another site. Relative, root-absolute
 * and absolute links all resolve against the page's public URL under base_url.
 */
export function targetFile(page: string, ref: string): string | null {
  const pageUrl = new URL(page.replace(/index\.html$/, ""), BASE_URL);
  const url = new URL(ref, pageUrl);
  if (!url.href.startsWith(BASE_URL)) return null;
  const rel = decodeURIComponent(url.pathname.slice(new URL(BASE_URL).pathname.length));
  return rel === "" || rel.endsWith("/") ? `${rel}index.html` : rel;
}

/** A JPEG of the given size (a gradient, so it has real content to resize). */
export async function jpeg(width: number, height: number): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++) pixels.set([i % 256, (i >> 8) % 256, 128], i * 3);
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg()
    .toBuffer();
}

/** The countdown part of a site input for a list shown whole (no issue pending, no correction). */
export function wholeList(entries: number): import("../../src/render/site/model.js").SiteCountdown {
  return { total: entries, next: null, upcoming: new Map(), corrections: new Map() };
}
