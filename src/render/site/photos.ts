/**
 * The I/O edge for photos: each distinct local photo is published at photos/<file> (the newsletter
 * links to that address; a copy at most 1200 px wide) and resized once into webp variants next to
 * it, named "<file>@<width>.webp" — "@" never occurs in an edition's photo path, so no variant can
 * overwrite another photo. Browsers without webp get the published copy. A cache keyed by content
 * lets the preview skip unchanged photos.
 */
import { createHash } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Sharp } from "sharp";
import { hashKey, NO_CACHE, parseCached, type ContentCache } from "../../lib/content-cache.js";
import type { Edition } from "../../edition/model.js";
import { isHttpsUrl, isSafePhotoPath } from "../../edition/fields.js";
import { KoepfeError } from "../../lib/errors.js";
import { LIMITS, readRegularFile } from "../../lib/read-file.js";
import type { PublishedPhoto } from "./model.js";
import { mapLimit } from "./pool.js";

/** Widths for thumbnails (80–96 px at 2x), the profile photo (up to 352 px at 2–3x) and sharing. */
export const PHOTO_WIDTHS = [160, 320, 640, 960] as const;
/** Mails show photos at up to 600 px; twice that covers high-density screens. */
export const MAX_PUBLISHED_WIDTH = 1200;

interface Rendered {
  width: number;
  height: number;
  /** The copy published at the photo's own path (the original bytes when small enough). */
  published: Buffer;
  variants: { suffix: string; width: number; data: Buffer }[];
}
export type PhotoCache = Map<string, Rendered>;

export interface PhotoResult {
  photos: Map<string, PublishedPhoto>;
  files: number;
  bytes: number;
}

function widthsFor(width: number): number[] {
  const below = PHOTO_WIDTHS.filter((w) => w < width);
  const top = Math.min(width, PHOTO_WIDTHS[PHOTO_WIDTHS.length - 1] ?? width);
  return [...new Set([...below, top])];
}

/** Everything that decides the files made from a photo: a change here must not reuse old ones. */
const PIPELINE = `photos 1: widths ${PHOTO_WIDTHS.join(",")}, max ${MAX_PUBLISHED_WIDTH}, webp q72 effort 2`;

/** sharp is loaded on the first photo to render: a build whose photos are all cached never needs it. */
let sharpModule: Promise<(input: Buffer, options: { failOn: "error" }) => Sharp> | null = null;
const loadSharp = () => (sharpModule ??= import("sharp").then((m) => m.default));

/** What the disk cache keeps of a rendered photo besides its files. */
interface PhotoMeta {
  width: number;
  height: number;
  /** Bytes of the published copy. */
  bytes: number;
  suffixes: { suffix: string; width: number; bytes: number }[];
}

async function render(bytes: Buffer): Promise<Rendered> {
  const sharp = await loadSharp();
  const image = sharp(bytes, { failOn: "error" }).rotate();
  const meta = await image.metadata();
  const width = meta.autoOrient?.width ?? meta.width;
  const height = meta.autoOrient?.height ?? meta.height;
  if (!width || !height) throw new Error("the image has no size");
  const oversized = width > MAX_PUBLISHED_WIDTH || (meta.orientation ?? 1) !== 1;
  // sharp reads AVIF as "heif" but writes it as "avif"
  const format = meta.format === "heif" ? "avif" : meta.format;
  const published = oversized
    ? await image
        .clone()
        .resize({ width: Math.min(width, MAX_PUBLISHED_WIDTH) })
        .toFormat(format)
        .toBuffer()
    : bytes;
  // effort 2 of 6: a few percent larger files at two thirds of the encoding time
  const variants = await Promise.all(
    widthsFor(width).map((w) =>
      image
        .clone()
        .resize({ width: w })
        .webp({ quality: 72, effort: 2 })
        .toBuffer()
        .then((data) => ({ suffix: `@${w}.webp`, width: w, data })),
    ),
  );
  return { width, height, published, variants };
}

/** Every photo value used by a nominee or an author, once. */
function photoValues(edition: Edition): string[] {
  const values = [...edition.nominees.map((n) => n.photo), ...edition.authors.map((a) => a.photo)];
  return [...new Set(values.filter((v): v is string => v !== undefined))];
}

/** Links a photo's files from the disk cache into the output; null when any is missing. */
async function fromDisk(disk: ContentCache, metaKey: string, value: string, outDir: string): Promise<PhotoMeta | null> {
  const meta = parseCached<PhotoMeta>(await disk.text("photo-meta", metaKey));
  if (meta === null) return null;
  await mkdir(path.dirname(path.join(outDir, value)), { recursive: true });
  for (const { suffix } of [{ suffix: "" }, ...meta.suffixes]) {
    if (!(await disk.linkTo("photo", hashKey(metaKey, suffix), path.join(outDir, `${value}${suffix}`)))) return null;
  }
  return meta;
}

export async function publishPhotos(
  edition: Edition,
  outDir: string,
  cache: PhotoCache = new Map(),
  concurrency = 4,
  disk: ContentCache = NO_CACHE,
): Promise<PhotoResult> {
  const photos = new Map<string, PublishedPhoto>();
  let files = 0;
  let bytes = 0;
  const write = async (rel: string, data: Buffer) => {
    const file = path.join(outDir, rel);
    await mkdir(path.dirname(file), { recursive: true });
    // a link to a cache entry left by a lookup that failed half-way: never write through it
    if (disk.enabled) await rm(file, { force: true });
    await writeFile(file, data);
    files++;
    bytes += data.length;
  };
  const used = new Set<string>();
  await mapLimit(photoValues(edition), concurrency, async (value) => {
    if (!isSafePhotoPath(value)) {
      if (isHttpsUrl(value)) photos.set(value, { kind: "remote", url: value });
      return;
    }
    // check reports a missing file; a page then simply shows no photo
    if (!edition.photoFiles.has(value)) return;
    const read = await readRegularFile(path.join(edition.dir, value), { maxBytes: LIMITS.photo, within: edition.dir });
    if (!read.ok) throw new KoepfeError("E_PHOTO", `${value} ${read.message}; replace it with a JPEG, PNG or WebP file`);
    const original = read.bytes;
    const sha = createHash("sha256").update(original).digest("hex");
    const key = `${value}:${sha}`;
    used.add(key);
    const metaKey = hashKey(PIPELINE, sha);
    const cached = cache.has(key) ? null : await fromDisk(disk, metaKey, value, outDir);
    if (cached !== null) {
      files += 1 + cached.suffixes.length;
      bytes += cached.bytes + cached.suffixes.reduce((sum, v) => sum + v.bytes, 0);
      const variants = cached.suffixes.map((v) => ({ path: `${value}${v.suffix}`, width: v.width }));
      photos.set(value, { kind: "local", path: value, width: cached.width, height: cached.height, variants });
      return;
    }
    let rendered = cache.get(key);
    if (rendered === undefined) {
      try {
        rendered = await render(original);
      } catch (e) {
        throw new KoepfeError(
          "E_PHOTO",
          `${value}: cannot read the image (${(e as Error).message}); replace the file with a JPEG, PNG or WebP`,
          { cause: e },
        );
      }
      cache.set(key, rendered);
    }
    await write(value, rendered.published);
    for (const v of rendered.variants) await write(`${value}${v.suffix}`, v.data);
    if (disk.enabled) {
      for (const suffix of ["", ...rendered.variants.map((v) => v.suffix)])
        await disk.adopt("photo", hashKey(metaKey, suffix), path.join(outDir, `${value}${suffix}`));
      const meta: PhotoMeta = {
        width: rendered.width,
        height: rendered.height,
        bytes: rendered.published.length,
        suffixes: rendered.variants.map((v) => ({ suffix: v.suffix, width: v.width, bytes: v.data.length })),
      };
      await disk.putText("photo-meta", metaKey, JSON.stringify(meta));
    }
    const variants = rendered.variants.map((v) => ({ path: `${value}${v.suffix}`, width: v.width }));
    photos.set(value, { kind: "local", path: value, width: rendered.width, height: rendered.height, variants });
  });
  // the preview keeps its cache across builds: photos no longer in the edition leave it
  for (const key of cache.keys()) if (!used.has(key)) cache.delete(key);
  return { photos, files, bytes };
}
