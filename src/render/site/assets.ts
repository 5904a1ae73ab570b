/**
 * The site's own assets: the stylesheet under a content-hashed name (so it can be cached forever)
 * and a default Open Graph image with the edition's title, for pages without a photo.
 */
import { createHash } from "node:crypto";
import { mkdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { hashKey, NO_CACHE, type ContentCache } from "../../lib/content-cache.js";
import type { SiteAssets } from "./model.js";
import { xml } from "./sitemap.js";

const hash8 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex").slice(0, 8);

/** 1200×630, the size Open Graph consumers crop to; system fonts only. */
export function ogImageSvg(title: string, year: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630" viewBox="0 0 1200 630">
<rect width="1200" height="630" fill="#f7f3ec"/>
<rect x="0" y="0" width="24" height="630" fill="#9b1c1c"/>
<text x="96" y="250" font-family="DejaVu Serif, Georgia, serif" font-size="96" font-weight="700" fill="#1a1a1a">${xml(title)}</text>
<text x="96" y="340" font-family="DejaVu Sans, Arial, sans-serif" font-size="40" fill="#4a4a4a">Die Macherinnen und Macher des Jahres ${year}</text>
<rect x="96" y="400" width="160" height="8" fill="#9b1c1c"/>
</svg>`;
}

export interface AssetFiles {
  assets: SiteAssets;
  files: { path: string; bytes: number; kind: "css" | "image" }[];
}

/** The share image, drawn by sharp (loaded only when the image is not cached yet). */
async function ogImagePng(svg: string): Promise<Buffer> {
  const sharp = (await import("sharp")).default;
  return sharp(Buffer.from(svg)).png({ compressionLevel: 9, palette: true }).toBuffer();
}

export async function writeAssets(
  outDir: string,
  css: string,
  title: string,
  year: number,
  cache: ContentCache = NO_CACHE,
): Promise<AssetFiles> {
  const svg = ogImageSvg(title, year);
  const cssPath = `assets/site-${hash8(css)}.css`;
  // named by what it shows: the same title and year make the same file, cached or not
  const ogPath = `assets/og-${hash8(svg)}.png`;
  await mkdir(path.join(outDir, "assets"), { recursive: true });
  await writeFile(path.join(outDir, cssPath), css);
  const ogFile = path.join(outDir, ogPath);
  const key = hashKey("og 1", svg);
  if (!(await cache.linkTo("asset", key, ogFile))) {
    await writeFile(ogFile, await ogImagePng(svg));
    await cache.adopt("asset", key, ogFile);
  }
  const pngBytes = (await stat(ogFile)).size;
  return {
    assets: { css: cssPath, ogImage: ogPath },
    files: [
      { path: cssPath, bytes: Buffer.byteLength(css), kind: "css" },
      { path: ogPath, bytes: pngBytes, kind: "image" },
    ],
  };
}
