/**
 * A worker thread that renders and writes one shard of a large site. Blocking writes are fine here
 * (the main thread stays free) and cost far less per file than promises, so two workers use both
 * cores of a small server for the 10,000 profile pages and 20,000 embeds.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { KoepfeError } from "../../lib/errors.js";
import { sitePages } from "./pages.js";
import { loadSiteTemplates } from "./templates.js";
import { emptySiteResult, type ShardReply, type ShardTask, type SiteResult } from "./shard.js";

async function renderShard(task: ShardTask): Promise<SiteResult> {
  const templates = await loadSiteTemplates(task.templatesDir);
  const result: SiteResult = emptySiteResult();
  const made = new Set<string>();
  for (const f of sitePages(task.input, templates, task.shard)) {
    const file = path.join(task.outDir, f.path);
    const dir = path.dirname(file);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    const data = Buffer.from(f.content, "utf8");
    writeFileSync(file, data);
    result.files[f.kind]++;
    result.bytes[f.kind] += data.length;
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
