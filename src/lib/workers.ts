/**
 * Starting a worker thread from a typed module. The compiled tree (dist/, what users run) starts the
 * `.js` module directly; the TypeScript sources (vitest, tsx) cannot be run by Node 20 itself, so
 * there a small boot file registers tsx's loader in the new thread and imports the `.ts` module.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";

const TS_BOOT = new URL("../../scripts/ts-worker.mjs", import.meta.url);

/**
 * `module` is the worker's own URL as seen from the caller, e.g.
 * `new URL("./delivery-worker.js", import.meta.url)`; from the sources it ends in `.ts`.
 */
export function startWorker(callerUrl: string, name: string, options: WorkerOptions): Worker {
  const fromSources = path.extname(fileURLToPath(callerUrl)) === ".ts";
  const module = new URL(`./${name}${fromSources ? ".ts" : ".js"}`, callerUrl);
  if (!fromSources) return new Worker(module, options);
  return new Worker(TS_BOOT, { ...options, argv: [module.href] });
}
