/**
 * A worker thread that renders and writes one shard of a large site. Blocking writes are fine here
 * (the main thread stays free) and cost far less per file than promises, so two workers use both
 * cores of a small server for the 10,000 profile pages and 20,000 embeds.
 */
import { parentPort, workerData } from "node:worker_threads";
import { KoepfeError } from "../../lib/errors.js";
import { emitSync } from "./emit.js";
import { siteJobs } from "./pages.js";
import { loadSiteTemplates } from "./templates.js";
import { emptySiteResult, type ShardReply, type ShardTask, type SiteResult } from "./shard.js";

async function renderShard(task: ShardTask): Promise<SiteResult> {
  const templates = await loadSiteTemplates(task.templatesDir);
  const result: SiteResult = emptySiteResult();
  const made = new Set<string>();
  const target = { outDir: task.outDir, templates, cacheRoot: task.cacheRoot };
  for (const job of siteJobs(task.input, task.shard)) {
    const bytes = emitSync(job, target, made);
    result.files[job.kind]++;
    result.bytes[job.kind] += bytes;
  }
  return result;
}

renderShard(workerData as ShardTask).then(
  (result) => parentPort?.postMessage({ ok: true, result } satisfies ShardReply),
  (e: unknown) =>
    parentPort?.postMessage({
      ok: false,
      code: e instanceof KoepfeError ? e.code : null,
      message: e instanceof Error ? (e.stack ?? e.message) : String(e),
    } satisfies ShardReply),
);
