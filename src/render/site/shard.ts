/** What the site build and its worker threads (render-worker.ts) hand each other. */
import type { SiteInput } from "./model.js";
import type { Shard } from "./pages.js";

export type SiteKind = "page" | "embed" | "meta" | "asset" | "photo";

export interface SiteResult {
  files: Record<SiteKind, number>;
  bytes: Record<SiteKind, number>;
}

export interface ShardTask {
  input: SiteInput;
  templatesDir: string;
  outDir: string;
  /** The build cache's folder (rendered pages), or null. */
  cacheRoot: string | null;
  shard: Shard;
}

export type ShardReply = { ok: true; result: SiteResult } | { ok: false; code: string | null; message: string };

export function emptySiteResult(): SiteResult {
  return { files: { page: 0, embed: 0, meta: 0, asset: 0, photo: 0 }, bytes: { page: 0, embed: 0, meta: 0, asset: 0, photo: 0 } };
}
