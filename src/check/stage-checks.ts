/**
 * The checks each later stage contributes to `koepfe check`: the ranking (config, conflicts, quorum)
 * and the newsletter plan (issues, schedule). They live with their stage; this list wires them in.
 */
import type { Edition } from "../edition/model.js";
import type { Problem } from "../lib/problem.js";
import { rankingProblems } from "../rank/validate.js";
import { newsletterProblems } from "../render/newsletter/validate.js";
import { scheduleProblems } from "../schedule/plan-check.js";
import { siteProblems } from "../render/site/validate.js";

export const stageChecks: readonly ((edition: Edition) => Problem[])[] = [
  rankingProblems,
  newsletterProblems,
  scheduleProblems,
  siteProblems,
];
