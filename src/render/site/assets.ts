/**
 * The site's own assets: the stylesheet under a content-hashed name (so it can be cached forever)
 * and a default Open Graph image with the edition's title, for pages without a photo.
 */
import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
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

export async function writeAssets(outDir: string, css: string, title: string, year: number): Promise<AssetFiles> {
  const png = await sharp(Buffer.from(ogImageSvg(title, year)))
    .png({ compressionLevel: 9, palette: true })
    .toBuffer();
  const cssPath = `assets/site-${hash8(css)}.css`;
  const ogPath = `assets/og-${hash8(png)}.png`;
  await mkdir(path.join(outDir, "assets"), { recursive: true });
  await writeFile(path.join(outDir, cssPath), css);
  await writeFile(path.join(outDir, ogPath), png);
  return {
    assets: { css: cssPath, ogImage: ogPath },
    files: [
      { path: cssPath, bytes: Buffer.byteLength(css), kind: "css" },
      { path: ogPath, bytes: png.length, kind: "image" },
    ],
  };
}
