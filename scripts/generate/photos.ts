/**
 * Portrait placeholders: a 400×500 JPEG with a soft background gradient and a head-and-shoulders
 * silhouette. A handful of colour variants is rendered once and copied per nominee, which keeps the
 * sample's photos/ folder small (and a 10,000-nominee edition points at the shared files instead).
 */
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";

/** Every nominee its own file (small editions), a few files shared by all (large ones), or none. */
export type PhotoPlan = { kind: "per-nominee" } | { kind: "shared"; files: readonly string[] } | { kind: "none" };

const WIDTH = 400;
const HEIGHT = 500;
const QUALITY = 60;

type Rgb = readonly [number, number, number];
/** Background top, background bottom, silhouette: muted editorial colours. */
type Palette = readonly [top: Rgb, bottom: Rgb, figure: Rgb];

const PALETTES: readonly Palette[] = [
  [
    [214, 222, 230],
    [150, 168, 186],
    [62, 74, 89],
  ],
  [
    [236, 226, 210],
    [196, 170, 140],
    [90, 70, 56],
  ],
  [
    [220, 232, 220],
    [150, 182, 160],
    [48, 78, 64],
  ],
  [
    [232, 218, 226],
    [186, 150, 170],
    [86, 56, 74],
  ],
  [
    [226, 226, 236],
    [160, 160, 196],
    [60, 60, 96],
  ],
  [
    [238, 232, 214],
    [200, 186, 130],
    [96, 84, 40],
  ],
];
export const VARIANTS = PALETTES.length;

function portraitPixels([top, bottom, figure]: Palette): Buffer {
  const pixels = Buffer.alloc(WIDTH * HEIGHT * 3);
  for (let y = 0; y < HEIGHT; y++) {
    const t = y / (HEIGHT - 1);
    for (let x = 0; x < WIDTH; x++) {
      const head = ((x - 200) / 78) ** 2 + ((y - 190) / 92) ** 2 <= 1;
      const shoulders = y > 300 && ((x - 200) / 175) ** 2 + ((y - 520) / 210) ** 2 <= 1;
      const o = (y * WIDTH + x) * 3;
      for (let c = 0; c < 3; c++) {
        pixels[o + c] = head || shoulders ? (figure[c] ?? 0) : Math.round((top[c] ?? 0) * (1 - t) + (bottom[c] ?? 0) * t);
      }
    }
  }
  return pixels;
}

/** Renders the colour variants once; variant i is `jpegs[i]`. */
export async function renderPortraits(): Promise<Buffer[]> {
  return Promise.all(
    PALETTES.map((p) =>
      sharp(portraitPixels(p), { raw: { width: WIDTH, height: HEIGHT, channels: 3 } })
        .jpeg({ quality: QUALITY })
        .toBuffer(),
    ),
  );
}

/** Writes each photo (a path relative to the edition → a variant number) and returns how many. */
export function writePhotos(dir: string, photos: ReadonlyMap<string, number>, jpegs: readonly Buffer[]): number {
  for (const [photo, variant] of photos) {
    const jpeg = jpegs[variant % jpegs.length];
    if (!jpeg) throw new Error(`no portrait variant ${variant} (rendered ${jpegs.length})`);
    fs.mkdirSync(path.dirname(path.join(dir, photo)), { recursive: true });
    fs.writeFileSync(path.join(dir, photo), jpeg);
  }
  return photos.size;
}
