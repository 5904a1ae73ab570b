/**
 * Writing the site's files into the new output folder. A rendered file is cached under the hash of
 * its template and its view (lib/content-cache.ts): when neither changed, the file is a hard link to
 * the cached one and the template does not run. Blocking for the worker threads (many small files,
 * where a blocking call costs less than a promise), promise-based on the main thread.
 */
import { mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { adoptSync, hashKey, linkToSync } from "../../lib/content-cache.js";
import { folderOnce, mapLimit } from "./pool.js";
import { renderJob, type SiteJob } from "./pages.js";
import type { SiteTemplates } from "./templates.js";

export interface EmitTarget {
  outDir: string;
  templates: SiteTemplates;
  /** The cache folder; null builds without cache (`--no-cache`). */
  cacheRoot: string | null;
}

const KIND = "page";

/** The cache key of a templated file; null for a file given as text (cheaper to write than to hash). */
function keyOf(job: SiteJob, digest: string): string | null {
  return "content" in job ? null : hashKey(digest, job.template, JSON.stringify(job.view));
}

/** Writes one job, blocking; returns its size in bytes. */
export function emitSync(job: SiteJob, t: EmitTarget, made: Set<string>): number {
  const file = path.join(t.outDir, job.path);
  const dir = path.dirname(file);
  if (!made.has(dir)) {
    mkdirSync(dir, { recursive: true });
    made.add(dir);
  }
  const key = t.cacheRoot === null ? null : keyOf(job, t.templates.digest);
  if (key !== null && t.cacheRoot !== null && linkToSync(t.cacheRoot, KIND, key, file)) return statSync(file).size;
  const data = Buffer.from(renderJob(job, t.templates), "utf8");
  // never through a link: a file already there may be the cache's own
  rmSync(file, { force: true });
  writeFileSync(file, data);
  if (key !== null && t.cacheRoot !== null) adoptSync(t.cacheRoot, KIND, key, file);
  return data.length;
}

/** Writes the jobs with bounded concurrency on the main thread. */
export async function emitAll(
  jobs: Iterable<SiteJob>,
  t: EmitTarget,
  onWritten: (job: SiteJob, bytes: number) => void,
  limit = 32,
): Promise<void> {
  const folder = folderOnce();
  await mapLimit(jobs, limit, async (job) => {
    const file = path.join(t.outDir, job.path);
    await folder(path.dirname(file));
    const key = t.cacheRoot === null ? null : keyOf(job, t.templates.digest);
    if (key !== null && t.cacheRoot !== null && linkToSync(t.cacheRoot, KIND, key, file)) {
      onWritten(job, (await stat(file)).size);
      return;
    }
    const data = Buffer.from(renderJob(job, t.templates), "utf8");
    await rm(file, { force: true });
    await writeFile(file, data);
    if (key !== null && t.cacheRoot !== null) adoptSync(t.cacheRoot, KIND, key, file);
    onWritten(job, data.length);
  });
}
