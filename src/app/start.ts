/** `koepfe start` (npm start): the main job on an edition — check, rank and build — with one load and one check. */
import { rankEdition } from "../rank/rank.js";
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

export async function start(dir: string, out: string, signal?: AbortSignal): Promise<StartResult> {
  const checked = await checkEdition(dir, { signal });
  if (!checked.valid) return { checked, ranking: null, build: null };
  const valid = requireValid(checked);
  stopIfInterrupted(signal, "stopped after the check");
  const ranking = rankEdition(valid.edition);
  const build = await buildChecked(valid, ranking, { out, ...(signal === undefined ? {} : { signal }) });
  return { checked, ranking, build };
}
