/**
 * The edition as every use case starts from it: loaded once, checked once — the cross-file checks
 * of check/ and the checks each later stage contributes (ranking, newsletter plan, schedule, site),
 * and what the ledger says already went out (a countdown that has begun). A command that goes on
 * after checking (start, build, send) uses this one result, never a reload.
 */
import { loadEdition, type LoadOptions } from "../edition/load.js";
import type { Edition } from "../edition/model.js";
import { crossChecks } from "../check/check.js";
import { publicationProblems } from "../check/publication.js";
import { rankingProblems } from "../rank/validate.js";
import { rankEdition } from "../rank/rank.js";
import { newsletterProblems } from "../render/newsletter/validate.js";
import { siteProblems } from "../render/site/validate.js";
import { scheduleProblems } from "../schedule/plan-check.js";
import { hasErrors, sortProblems, type Problem } from "../lib/problem.js";
import { EditionInvalidError, KoepfeError, stopIfInterrupted } from "../lib/errors.js";
import { NOTHING_PUBLISHED, readPublished, type PublishedState } from "./publication.js";

export interface CheckedEdition {
  valid: boolean;
  /** Every problem, sorted by file, line and column. */
  problems: Problem[];
  /** Files that were read, for the report's summary. */
  files: string[];
  /** The edition as loaded (null when a required file could not be read at all). */
  edition: Edition | null;
  /** What already went out (nothing before the first send). */
  published: PublishedState;
}

/** A checked edition that is fit to go on with, and its warnings. */
export interface ValidEdition {
  edition: Edition;
  warnings: Problem[];
  published: PublishedState;
}

export interface CheckOptions extends LoadOptions {
  /** Where the ledger is ($KOEPFE_STATE), for what already went out. */
  env?: NodeJS.ProcessEnv | undefined;
}

const STAGE_CHECKS: readonly ((edition: Edition) => Problem[])[] = [
  crossChecks,
  rankingProblems,
  newsletterProblems,
  scheduleProblems,
  siteProblems,
];

function published(edition: Edition, env: NodeJS.ProcessEnv): { state: PublishedState; problems: Problem[] } {
  try {
    return { state: readPublished(edition, env), problems: [] };
  } catch (e) {
    if (e instanceof KoepfeError && e.code === "E_LEDGER_OTHER_EDITION") return { state: NOTHING_PUBLISHED, problems: [...e.problems] };
    throw e;
  }
}

/** Loads and checks an edition folder; the report of `koepfe check`. */
export async function checkEdition(dir: string, options: CheckOptions = {}): Promise<CheckedEdition> {
  const loaded = await loadEdition(dir, options);
  stopIfInterrupted(options.signal, "stopped after reading the edition, before checking it");
  const problems = [...loaded.problems];
  let state = NOTHING_PUBLISHED;
  if (loaded.edition) {
    // Ctrl-C / SIGTERM also between the checks (on 100,000 subscribers they take seconds): a turn of
    // the event loop lets a signal that came during a check be seen
    for (const check of STAGE_CHECKS) {
      problems.push(...check(loaded.edition));
      if (options.signal) await new Promise((r) => setImmediate(r));
      stopIfInterrupted(options.signal, "stopped while checking the edition");
    }
    const p = published(loaded.edition, options.env ?? process.env);
    state = p.state;
    problems.push(...p.problems);
    if (state.places.length > 0 || (loaded.edition.config.corrections ?? []).length > 0) {
      // the places the current data give, to say which published place they would move
      const ranks = state.places.length > 0 ? new Map(rankEdition(loaded.edition).entries.map((e) => [e.id, e.rank])) : new Map();
      problems.push(...publicationProblems(loaded.edition, state.places, ranks));
    }
  }
  return { valid: !hasErrors(problems), problems: sortProblems(problems), files: loaded.files, edition: loaded.edition, published: state };
}

/** The edition of a check without errors, or EditionInvalidError (exit 1) with the whole report. */
export function requireValid(checked: CheckedEdition): ValidEdition {
  if (!checked.valid || !checked.edition) throw new EditionInvalidError(checked.problems);
  return { edition: checked.edition, warnings: checked.problems, published: checked.published };
}

/** Loads, checks and requires a valid edition: the start of every command that goes on. */
export async function loadValidEdition(dir: string, options: CheckOptions = {}): Promise<ValidEdition> {
  return requireValid(await checkEdition(dir, options));
}
