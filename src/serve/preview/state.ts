/** What the preview knows after its latest build: a site to serve, or the reason there is none. */
import type { BuildResult } from "../../build/result.js";
import { KoepfeError } from "../../lib/errors.js";
import type { Problem } from "../../lib/problem.js";

export type PreviewState =
  | { kind: "building" }
  | { kind: "ok"; result: BuildResult; builtAt: Date; build: number }
  /** The edition has check errors, a template failed, a mail is over budget …: nothing stale is shown. */
  | { kind: "failed"; code: string; message: string; problems: readonly Problem[]; builtAt: Date; build: number };

/** Turns a build's failure into the state the pages show; a bug keeps its stack for the editor's report. */
export function failedState(e: unknown, build: number, now: Date): PreviewState {
  if (e instanceof KoepfeError) return { kind: "failed", code: e.code, message: e.message, problems: e.problems, builtAt: now, build };
  const err = e instanceof Error ? e : new Error(String(e));
  return {
    kind: "failed",
    code: "E_INTERNAL",
    message: `internal error (a bug in koepfe, not in your data): ${err.message}\n${err.stack ?? ""}`,
    problems: [],
    builtAt: now,
    build,
  };
}
