/** `check`: load the edition, run every file-level and cross-file check, report all problems at once. */
import { loadEdition, type LoadOptions } from "../edition/load.js";
import type { Edition } from "../edition/model.js";
import { referenceProblems } from "./references.js";
import { duplicatePeople, editorialRules } from "./people.js";
import { stageChecks } from "./stage-checks.js";
import { hasErrors, sortProblems, type Problem } from "../lib/problem.js";
import { EditionInvalidError } from "../lib/errors.js";

export interface CheckResult {
  valid: boolean;
  problems: Problem[];
  files: string[];
  /** The edition as loaded (null when a required file could not be read at all). */
  edition: Edition | null;
}

/** Cross-file checks on a loaded edition (pure). */
export function crossChecks(edition: Edition): Problem[] {
  return [referenceProblems, duplicatePeople, editorialRules, ...stageChecks].flatMap((check) => check(edition));
}

export async function checkEdition(dir: string, options: LoadOptions = {}): Promise<CheckResult> {
  const loaded = await loadEdition(dir, options);
  const problems = [...loaded.problems];
  if (loaded.edition) problems.push(...crossChecks(loaded.edition));
  return { valid: !hasErrors(problems), problems: sortProblems(problems), files: loaded.files, edition: loaded.edition };
}

/** For commands that need a valid edition: the edition and its warnings, or EditionInvalidError. */
export async function requireValidEdition(dir: string, options: LoadOptions = {}): Promise<{ edition: Edition; warnings: Problem[] }> {
  const result = await checkEdition(dir, options);
  if (!result.valid || !result.edition) throw new EditionInvalidError(result.problems);
  return { edition: result.edition, warnings: result.problems };
}
