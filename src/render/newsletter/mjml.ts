/**
 * MJML 5 with the options every koepfe mail needs: strict validation, no web fonts (the default list
 * loads fonts.googleapis.com, a GDPR problem in Germany; the font stack is set with mj-all in the
 * layout), and MJML's own minifier off: loading it (htmlnano and its plugins) cost 0.35–0.5 s on the
 * first compile of every build, which is most of a rebuild after one changed laudation; collapsing
 * the whitespace here gives a smaller mail (44.7 kB vs 44.9 kB for the sample's issue 1) in 1 ms.
 */
import type { Worker } from "node:worker_threads";
import type { MJMLParseError, MJMLParsingOptions } from "mjml-core";
import { startWorker } from "../../lib/workers.js";

export const MJML_OPTIONS: MJMLParsingOptions = {
  validationLevel: "strict",
  minify: false,
  fonts: {},
  keepComments: false,
};

/**
 * MJML is loaded on the first compile, not at start-up: it costs ~0.4 s and ~60 MB of memory, which
 * `check`, `rank`, `status` and every `send --due` run with nothing due would pay for nothing.
 */
let loaded: Promise<typeof import("mjml")> | null = null;
const mjml = () => (loaded ??= import("mjml").then((m) => m.default));

export type MjmlResult = { ok: true; html: string } | { ok: false; errors: MJMLParseError[] };

/** Compiles MJML; validation errors are returned with their line in `source`, never thrown. */
export function mjmlToHtml(source: string): Promise<MjmlResult> {
  return helper === null ? compileHere(source) : helper.compile(source);
}

/** The compile itself, on this thread (also the helper thread's, mjml-worker.ts). */
export async function compileHere(source: string): Promise<MjmlResult> {
  try {
    const mjml2html = await mjml();
    const result = await mjml2html(source, MJML_OPTIONS);
    return result.errors.length > 0 ? { ok: false, errors: result.errors } : { ok: true, html: collapseWhitespace(result.html) };
  } catch (e) {
    const errors = (e as { errors?: MJMLParseError[] }).errors;
    if (Array.isArray(errors) && errors.length > 0) return { ok: false, errors };
    throw e;
  }
}

/**
 * Runs of whitespace as HTML renders them anyway: one containing a line break becomes that line
 * break (short lines suit quoted-printable), others one space. Only where whitespace is meaningful
 * (pre, textarea, a white-space style) is the mail left as it is.
 */
export function collapseWhitespace(html: string): string {
  if (/<pre\b|<textarea\b|white-space\s*:\s*pre/i.test(html)) return html;
  return html.replace(/[ \t]*\r?\n[ \t\r\n]*/g, "\n").replace(/[ \t]{2,}/g, " ");
}

/**
 * A helper thread that loads MJML while the build loads and checks the edition (`koepfe build`
 * starts it first thing): the ~0.5 s of loading MJML then costs the build no time. Every compile goes
 * there while it runs; `stopMjmlThread` ends it (also when the build finds every issue current).
 */
interface Helper {
  compile(source: string): Promise<MjmlResult>;
  stop(): Promise<void>;
}
let helper: Helper | null = null;

export function startMjmlThread(): void {
  if (helper !== null) return;
  const worker: Worker = startWorker(import.meta.url, "mjml-worker", {});
  const pending = new Map<number, { source: string; resolve: (r: MjmlResult) => void; reject: (e: unknown) => void }>();
  let seq = 0;
  /** The thread is gone (an error, or stopped): what it still had to compile is compiled here. */
  const orphan = () => {
    if (helper === self) helper = null;
    for (const p of pending.values()) compileHere(p.source).then(p.resolve, p.reject);
    pending.clear();
  };
  // the thread keeps the process alive only while a compile waits for it
  worker.unref();
  worker.on("message", (m: { id: number; result?: MjmlResult; error?: string }) => {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (pending.size === 0) worker.unref();
    if (m.result) p?.resolve(m.result);
    else p?.reject(new Error(m.error ?? "the MJML thread failed"));
  });
  worker.on("error", orphan);
  worker.on("exit", orphan);
  const self: Helper = {
    compile(source) {
      const id = seq++;
      worker.ref();
      worker.postMessage({ id, source });
      return new Promise((resolve, reject) => pending.set(id, { source, resolve, reject }));
    },
    async stop() {
      await worker.terminate();
      orphan();
    },
  };
  helper = self;
}

export const mjmlThreadRunning = () => helper !== null;

export async function stopMjmlThread(): Promise<void> {
  const h = helper;
  helper = null;
  await h?.stop();
}
