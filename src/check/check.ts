/** `check`'s own cross-file checks on a loaded edition (pure): ids, references, one person twice, the editorial rules. */
import type { Edition } from "../edition/model.js";
import type { Problem } from "../lib/problem.js";
import { referenceProblems } from "./references.js";
import { duplicatePeople, editorialRules } from "./people.js";

/** The checks that need every file of the edition at once. The stages add their own (app/checked-edition.ts). */
export function crossChecks(edition: Edition): Problem[] {
  return [referenceProblems, duplicatePeople, editorialRules].flatMap((check) => check(edition));
}
