/**
 * The site stage's I/O edge in two halves: compile the templates and publish assets and photos (pages
 * need their names and sizes), then stream the rendered pages to disk with bounded concurrency.
 */
import { availableParallelism } from "node:os";
import type { Edition } from "../../edition/model.js";
import { KoepfeError } from "../../lib/errors.js";
import type { PublishedPhoto, SiteAssets, SiteInput } from "./model.js";
import { writeAssets } from "./assets.js";
import { publishPhotos, type PhotoCache } from "./photos.js";
import { siteJobs, type Shard } from "./pages.js";
import { emitAll } from "./emit.js";
import { DEFAULT_TEMPLATES_DIR, loadSiteTemplates, type SiteTemplates } from "./templates.js";
import { emptySiteResult, type ShardReply, type ShardTask, type SiteKind, type SiteResult } from "./shard.js";
import { startWorker } from "../../lib/workers.js";
import { NO_CACHE, type ContentCache } from "../../lib/content-cache.js";

export type { SiteKind, SiteResult };

export interface SiteOptions {
  /** Defaults to the package's templates/site/. */
  templatesDir?: string;
  /** Resized photos by content, kept between builds by the preview server. */
  photoCache?: PhotoCache;
  /** The build cache (photos, pages) in the edition's state folder. */
  cache?: ContentCache;
}

/** Templates compiled, assets and photos published: what every page needs before it can render. */
export interface PreparedSite {
  templates: SiteTemplates;
  templatesDir: string;
  assets: SiteAssets;
  photos: ReadonlyMap<string, PublishedPhoto>;
  result: SiteResult;
}

/**
 * First half of the site stage, independent of the ranking and the newsletters (the build runs it
 * while the newsletters compile): templates (errors surface before any page), assets, photos.
 */
export async function prepareSite(edition: Edition, outDir: string, options: SiteOptions = {}): Promise<PreparedSite> {
  const templatesDir = options.templatesDir ?? DEFAULT_TEMPLATES_DIR;
  const templates = await loadSiteTemplates(templatesDir);
  const result: SiteResult = emptySiteResult();
  const { assets, files } = await writeAssets(outDir, templates.css, edition.config.title, edition.config.year, options.cache);
  result.files.asset = files.length;
  result.bytes.asset = files.reduce((sum, f) => sum + f.bytes, 0);
  const photos = await publishPhotos(edition, outDir, options.photoCache, 4, options.cache);
  result.files.photo = photos.files;
  result.bytes.photo = photos.bytes;
  return { templates, templatesDir, assets, photos: photos.photos, result };
}

/** Below this many entries one thread renders faster than starting workers. */
const WORKER_THRESHOLD = 2000;

function runShard(task: ShardTask): Promise<SiteResult> {
  const worker = startWorker(import.meta.url, "render-worker", { workerData: task });
  return new Promise((resolve, reject) => {
    worker.once("message", (reply: ShardReply) => {
      if (reply.ok) resolve(reply.result);
      else reject(reply.code === null ? new Error(reply.message) : new KoepfeError(reply.code, reply.message));
    });
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the site worker stopped (exit ${code}) before it finished`)));
  });
}

function add(into: SiteResult, more: SiteResult): void {
  for (const k of Object.keys(into.files) as SiteKind[]) {
    into.files[k] += more.files[k];
    into.bytes[k] += more.bytes[k];
  }
}

/**
 * Second half: renders every page, embed and the sitemap into `outDir` (which the build creates fresh
 * and swaps in); large editions in `workers` threads (default: one per core, up to 4). Throws
 * KoepfeError E_TEMPLATE naming the template; the caller discards `outDir` then.
 */
export async function writeSitePages(
  prepared: PreparedSite,
  site: Pick<SiteInput, "edition" | "ranking" | "issues" | "countdown" | "signUp">,
  outDir: string,
  workers?: number,
  cache: ContentCache = NO_CACHE,
): Promise<SiteResult> {
  const { edition, ranking } = site;
  const result: SiteResult = { files: { ...prepared.result.files }, bytes: { ...prepared.result.bytes } };
  const input: SiteInput = { ...site, photos: prepared.photos, assets: prepared.assets };
  const count = workers ?? (ranking.entries.length >= WORKER_THRESHOLD ? Math.min(availableParallelism(), 4) : 1);
  if (count <= 1) {
    await emitAll(siteJobs(input), { outDir, templates: prepared.templates, cacheRoot: cache.root }, (f, bytes) => {
      result.files[f.kind]++;
      result.bytes[f.kind] += bytes;
    });
    return result;
  }
  // the workers need no jury, votes or subscribers: less to copy into each
  const shared: SiteInput = { ...input, edition: { ...edition, jury: null, votes: null, subscribers: null } };
  const next = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
  // one worker starts on the embeds, the others on the pages (the bulk of the rendering)
  const shards = await Promise.allSettled(
    Array.from({ length: count }, (_, i) =>
      runShard({
        input: shared,
        templatesDir: prepared.templatesDir,
        outDir,
        cacheRoot: cache.root,
        shard: { next, first: i === 0 ? 1 : 0 } satisfies Shard,
      }),
    ),
  );
  for (const s of shards) if (s.status === "rejected") throw s.reason;
  for (const s of shards) if (s.status === "fulfilled") add(result, s.value);
  return result;
}
