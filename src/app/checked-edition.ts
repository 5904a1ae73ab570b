/**
 * The edition as every use case starts from it: loaded once, checked once — the cross-file checks
 * of check/ and the checks each later stage contributes (ranking, newsletter plan, schedule, site).
 * A command that goes on after checking (start, build, send) uses this one result, never a reload.
 */
import { loadEdition, type LoadOptions } from "../edition/load.js";
import type { Edition } from "../edition/model.js";
import { crossChecks } from "../check/check.js";
import { rankingProblems } from "../rank/validate.js";
import { newsletterProblems } from "../render/newsletter/validate.js";
import { siteProblems } from "../render/site/validate.js";
import { scheduleProblems } from "../schedule/plan-check.js";
import { hasErrors, sortProblems, type Problem } from "../lib/problem.js";
import { EditionInvalidError, stopIfInterrupted } from "../lib/errors.js";

export interface CheckedEdition {
  valid: boolean;
  /** Every problem, sorted by file, line and column. */
  problems: Problem[];
  /** Files that were read, for the report's summary. */
  files: string[];
  /** The edition as loaded (null when a required file could not be read at all). */
  edition: Edition | null;
}

/** A checked edition that is fit to go on with, and its warnings. */
export interface ValidEdition {
  edition: Edition;
  warnings: Problem[];
}

const STAGE_CHECKS: readonly ((edition: Edition) => Problem[])[] = [
  crossChecks,
  rankingProblems,
  newsletterProblems,
  scheduleProblems,
  siteProblems,
];

/** Loads and checks an edition folder; the report of `koepfe check`. */
export async function checkEdition(dir: string, options: LoadOptions = {}): Promise<CheckedEdition> {
  const loaded = await loadEdition(dir, options);
  stopIfInterrupted(options.signal, "stopped after reading the edition, before checking it");
  const problems = [...loaded.problems];
  if (loaded.edition) for (const check of STAGE_CHECKS) problems.push(...check(loaded.edition));
  return { valid: !hasErrors(problems), problems: sortProblems(problems), files: loaded.files, edition: loaded.edition };
}

/** The edition of a check without errors, or EditionInvalidError (exit 1) with the whole report. */
export function requireValid(checked: CheckedEdition): ValidEdition {
  if (!checked.valid || !checked.edition) throw new EditionInvalidError(checked.problems);
  return { edition: checked.edition, warnings: checked.problems };
}

/** Loads, checks and requires a valid edition: the start of every command that goes on. */
export async function loadValidEdition(dir: string, options: LoadOptions = {}): Promise<ValidEdition> {
  return requireValid(await checkEdition(dir, options));
}
