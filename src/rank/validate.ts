/** Ranking checks contributed to `koepfe check` (config, conflicts of interest, quorum). */
import type { Edition } from "../edition/model.js";
import type { Problem } from "../lib/problem.js";

export function rankingProblems(_edition: Edition): Problem[] {
  return [];
}
