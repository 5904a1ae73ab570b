/** A photo as a <picture>: a webp srcset of the resized variants, intrinsic size against layout shift. */
import type { PublishedPhoto } from "./model.js";
import { absolute } from "../shared/urls.js";

export interface PictureView {
  /** The published photo: what browsers without webp show. */
  src: string;
  srcset: string | null;
  width: number | null;
  height: number | null;
  alt: string;
  sizes: string;
  /** The page's main photo loads eagerly with high priority (it is the largest paint). */
  priority: boolean;
}

export function pictureView(photo: PublishedPhoto, root: string, alt: string, sizes: string, priority = false): PictureView {
  if (photo.kind === "remote") return { src: photo.url, srcset: null, width: null, height: null, alt, sizes, priority };
  const srcset = photo.variants.map((v) => `${root}${v.path} ${v.width}w`).join(", ");
  return { src: `${root}${photo.path}`, srcset: srcset || null, width: photo.width, height: photo.height, alt, sizes, priority };
}

/** The absolute URL of a photo for Open Graph, JSON-LD, embeds and mails: the published copy. */
export function photoUrl(photo: PublishedPhoto, baseUrl: string): string {
  return photo.kind === "remote" ? photo.url : absolute(baseUrl, photo.path);
}
