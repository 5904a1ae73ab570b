/** `koepfe start` (npm start): the main job on an edition — check, rank and build — with one load and one check. */
import type { Ranking } from "../rank/model.js";
import type { BuildResult } from "../build/result.js";
import { buildChecked } from "./build.js";
import { checkEdition, requireValid, type CheckedEdition } from "./checked-edition.js";
import { stopIfInterrupted } from "../lib/errors.js";

export interface StartResult {
  checked: CheckedEdition;
  /** null when the check found errors: nothing was ranked or built. */
  ranking: Ranking | null;
  build: BuildResult | null;
}

export async function start(dir: string, out: string, io: { signal?: AbortSignal; env?: NodeJS.ProcessEnv } = {}): Promise<StartResult> {
  const checked = await checkEdition(dir, io);
  if (!checked.valid) return { checked, ranking: null, build: null };
  const valid = requireValid(checked);
  stopIfInterrupted(io.signal, "stopped after the check");
  const build = await buildChecked(valid, { out, signal: io.signal, env: io.env });
  return { checked, ranking: build.ranking, build };
}
