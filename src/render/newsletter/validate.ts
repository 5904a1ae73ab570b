/** Newsletter plan checks contributed to `koepfe check` (issue selection, schedule). */
import type { Edition } from "../../edition/model.js";
import type { Problem } from "../../lib/problem.js";

export function newsletterProblems(_edition: Edition): Problem[] {
  return [];
}
