/**
 * The site stage's I/O edge in two halves: compile the templates and publish assets and photos (pages
 * need their names and sizes), then stream the rendered pages to disk with bounded concurrency.
 */
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Edition } from "../../edition/model.js";
import { KoepfeError } from "../../lib/errors.js";
import type { Ranking } from "../../rank/model.js";
import type { PublishedPhoto, SiteAssets, SiteInput, SiteIssue } from "./model.js";
import { writeAssets } from "./assets.js";
import { publishPhotos, type PhotoCache } from "./photos.js";
import { sitePages, type Shard } from "./pages.js";
import { writeFiles } from "./pool.js";
import { DEFAULT_TEMPLATES_DIR, loadSiteTemplates, type SiteTemplates } from "./templates.js";
import type { ShardReply, ShardTask } from "./render-worker.js";

export interface SiteOptions {
  /** Defaults to the package's templates/site/. */
  templatesDir?: string;
  /** Resized photos by content, kept between builds by the preview server. */
  photoCache?: PhotoCache;
}

export type SiteKind = "page" | "embed" | "meta" | "asset" | "photo";

export interface SiteResult {
  files: Record<SiteKind, number>;
  bytes: Record<SiteKind, number>;
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
  const result: SiteResult = {
    files: { page: 0, embed: 0, meta: 0, asset: 0, photo: 0 },
    bytes: { page: 0, embed: 0, meta: 0, asset: 0, photo: 0 },
  };
  const { assets, files } = await writeAssets(outDir, templates.css, edition.config.title, edition.config.year);
  result.files.asset = files.length;
  result.bytes.asset = files.reduce((sum, f) => sum + f.bytes, 0);
  const photos = await publishPhotos(edition, outDir, options.photoCache);
  result.files.photo = photos.files;
  result.bytes.photo = photos.bytes;
  return { templates, templatesDir, assets, photos: photos.photos, result };
}

/** Below this many entries one thread renders faster than starting workers. */
const WORKER_THRESHOLD = 2000;

/** The worker from dist/; when running from the TypeScript sources (tests, tsx) it loads through tsx. */
function startWorker(task: ShardTask): Worker {
  const script = new URL(`./render-worker${path.extname(fileURLToPath(import.meta.url))}`, import.meta.url);
  if (script.pathname.endsWith(".js")) return new Worker(script, { workerData: task });
  const boot = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(script.href)}); })`;
  return new Worker(boot, { eval: true, workerData: task });
}

function runShard(task: ShardTask): Promise<SiteResult> {
  const worker = startWorker(task);
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
  edition: Edition,
  ranking: Ranking,
  issues: readonly SiteIssue[],
  outDir: string,
  workers?: number,
): Promise<SiteResult> {
  const result: SiteResult = { files: { ...prepared.result.files }, bytes: { ...prepared.result.bytes } };
  const input = { edition, ranking, issues, photos: prepared.photos, assets: prepared.assets };
  const count = workers ?? (ranking.entries.length >= WORKER_THRESHOLD ? Math.min(availableParallelism(), 4) : 1);
  if (count <= 1) {
    await writeFiles(outDir, sitePages(input, prepared.templates), (f, bytes) => {
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
      runShard({ input: shared, templatesDir: prepared.templatesDir, outDir, shard: { next, first: i === 0 ? 1 : 0 } satisfies Shard }),
    ),
  );
  for (const s of shards) if (s.status === "rejected") throw s.reason;
  for (const s of shards) if (s.status === "fulfilled") add(result, s.value);
  return result;
}
