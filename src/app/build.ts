/**
 * `koepfe build`: a checked edition → the ranking with what went out pinned → the newsletter issues
 * (compiled into the edition's state folder) and the site of the places that are public at
 * `--as-of` (default: now) into a temporary folder → swapped in. Any failure (a template error, a
 * newsletter over its budget, Ctrl-C) discards the temporary folder, so the previous output stays
 * exactly as it was, and the error says why.
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import { KoepfeError, UsageError, stopIfInterrupted } from "../lib/errors.js";
import { hasErrors } from "../lib/problem.js";
import { displayPath } from "../lib/paths.js";
import { prepareNewsletters, writeWebVersions, type NewsletterBuildResult } from "../render/newsletter/build.js";
import { prepareSite, writeSitePages } from "../render/site/write.js";
import { siteSignUp } from "./site-signup.js";
import { NO_CACHE, openContentCache } from "../lib/content-cache.js";
import { stateFolder } from "../lib/state-folder.js";
import type { PhotoCache } from "../render/site/photos.js";
import { assertReplaceable, discard, makeTemp, removeStale, swapIn } from "../build/swap.js";
import { summarize, type NewsletterFigures } from "../build/summary.js";
import type { BuildResult } from "../build/result.js";
import { loadValidEdition, type ValidEdition } from "./checked-edition.js";
import { placesOf, rankForPublication, revealedBy } from "./publication.js";
import { publicView } from "./public-view.js";
import { issueFingerprint } from "./fingerprint.js";
import { storeIssues } from "./issue-store.js";
import { storedIssuesCurrent } from "./quick-issue.js";
import { mjmlThreadRunning, stopMjmlThread } from "../render/newsletter/mjml.js";

export interface BuildOptions {
  /** The output folder, replaced as a whole. */
  out: string;
  /** --as-of: the moment the site shows (ISO, local to the edition's zone unless it has an offset); default now. */
  asOf?: string | null | undefined;
  /** The editors' preview: every place, the ones not public yet marked with their time. */
  preview?: boolean;
  /** Site templates other than templates/site/ (tests, a magazine's own design). */
  siteTemplatesDir?: string;
  /** Newsletter templates other than templates/newsletter/. */
  newsletterTemplatesDir?: string;
  /** Resized photos kept between builds (the preview server). */
  photoCache?: PhotoCache;
  /** `--no-cache`: make everything again and leave the build cache (.koepfe/cache/) alone. */
  noCache?: boolean;
  /** Ctrl-C / SIGTERM: the build stops between steps and removes its temporary folder. */
  signal?: AbortSignal | undefined;
  env?: NodeJS.ProcessEnv | undefined;
  clock?: () => number;
  /**
   * Called once the new output is in place, before the old one is removed and the cache pruned (the
   * preview reloads its pages then); the build's promise resolves after both.
   */
  onPublished?: (result: BuildResult) => void;
}

/** Both results once both have settled (so nothing still writes into a folder being removed), else the first error. */
async function settled<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [ra, rb] = await Promise.allSettled([a, b]);
  if (ra.status === "rejected") throw ra.reason;
  if (rb.status === "rejected") throw rb.reason;
  return [ra.value, rb.value];
}

/** Adds where the user stands to a stage's error: nothing was published. */
function unpublished(e: unknown, target: string): unknown {
  if (!(e instanceof KoepfeError) || e instanceof UsageError) return e;
  const note = ` (nothing was published: "${displayPath(target)}" is unchanged)`;
  return new KoepfeError(e.code, `${e.message}${note}`, { exitCode: e.exitCode, problems: e.problems, cause: e });
}

/** Builds a checked edition into `options.out`; see the module comment for the guarantees. */
export async function buildChecked(valid: ValidEdition, options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const { edition, warnings, published } = valid;
  const target = path.resolve(options.out);
  await assertReplaceable(target, edition.dir);
  const ranking = rankForPublication(edition, published);
  const removedNames = new Map(published.places.filter((p) => !edition.nominees.some((n) => n.id === p.id)).map((p) => [p.id, p.name]));
  const cache = options.noCache === true ? NO_CACHE : openContentCache(path.join(stateFolder(edition.dir), "cache"));
  const compileOptions = {
    published: revealedBy(published),
    removedNames,
    cache,
    ...(options.newsletterTemplatesDir === undefined ? {} : { templatesDir: options.newsletterTemplatesDir }),
  };
  const view = publicView(valid, ranking, {
    asOf: options.asOf ?? null,
    preview: options.preview === true,
    clock: options.clock ?? Date.now,
  });
  await removeStale(target);
  const tmp = await makeTemp(target);
  let built: BuildResult;
  let backup: string | null;
  try {
    // MJML runs on the main thread, sharp on libuv's: the two halves overlap
    const [newsletters, prepared] = await settled(
      prepareNewsletters(edition, ranking, compileOptions),
      prepareSite(view.edition, tmp, {
        ...(options.siteTemplatesDir === undefined ? {} : { templatesDir: options.siteTemplatesDir }),
        ...(options.photoCache === undefined ? {} : { photoCache: options.photoCache }),
        cache,
      }),
    );
    if (hasErrors(newsletters.problems)) {
      const n = newsletters.problems.filter((p) => p.severity === "error").length;
      throw new KoepfeError(
        "E_NEWSLETTER_BUDGET",
        `the newsletter has ${n} problem${n === 1 ? "" : "s"} (size budget or plan, listed with their issue)`,
        {
          problems: newsletters.problems,
        },
      );
    }
    stopIfInterrupted(options.signal, "the build stopped before writing the pages");
    // only the issues that are out have a web version: a future one would name the people it reveals
    const publicIssues = newsletters.issues.filter((i) => view.issues.has(i.summary.number));
    const webFiles = await writeWebVersions(tmp, publicIssues);
    const signUp = siteSignUp(edition, options.env);
    const site = await writeSitePages(
      prepared,
      {
        edition: view.edition,
        ranking: view.ranking,
        issues: publicIssues.map((i) => i.summary),
        countdown: view.countdown,
        signUp: signUp.signUp,
      },
      tmp,
      undefined,
      cache,
    );
    const plan = new Map(view.plan.map((p) => [p.issue.number, placesOf(p)]));
    const stored = await storeIssues(
      edition.dir,
      newsletters.issues.map((i) => ({ compiled: i.compiled, places: plan.get(i.compiled.number) ?? [] })),
      {
        fingerprint: await issueFingerprint(edition, published, options.newsletterTemplatesDir),
        builtAt: new Date(options.clock?.() ?? Date.now()).toISOString(),
        warnings: warnings.filter((w) => w.file !== edition.subscribersFile),
      },
    );
    const figures: NewsletterFigures = {
      web: { files: webFiles.length, bytes: publicIssues.reduce((s, i) => s + i.summary.webVersionBytes, 0) },
      mails: stored,
      issues: newsletters.issues.map((i) => ({
        number: i.summary.number,
        subject: i.summary.subject,
        htmlBytes: i.summary.htmlBytes,
        maxHtmlBytes: edition.config.newsletter?.max_html_bytes ?? 0,
        textBytes: i.summary.textBytes,
      })),
    };
    const allWarnings = [...warnings, ...newsletters.problems];
    const summary = {
      ...summarize(target, site, figures, (performance.now() - started) / 1000, allWarnings.length, view.note),
      ...(signUp.note === undefined ? {} : { signUpNote: signUp.note }),
    };
    const result: NewsletterBuildResult = { issues: newsletters.issues.map((i) => i.summary), problems: newsletters.problems };
    built = { edition, ranking, newsletters: result, warnings: allWarnings, summary, upcoming: view.countdown.upcoming };
    stopIfInterrupted(options.signal, "the build stopped before publishing");
    backup = await swapIn(tmp, target);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw unpublished(e, target);
  }
  options.onPublished?.(built);
  // published: tidying up after it cannot make the build fail (a backup folder left behind is
  // removed by the next build of another process, removeStale; stale cache entries by the next prune)
  try {
    await discard(backup);
    // the previous output is gone: what only it linked leaves the cache
    await cache.prune();
  } catch {
    // see above
  }
  return built;
}

/** `koepfe build [DIR] --out DIR [--as-of ISO]`: load and check the edition, then build it. */
export async function buildEdition(dir: string, options: BuildOptions): Promise<BuildResult> {
  const target = path.resolve(options.out);
  try {
    // the MJML thread (started by the command) is of no use when every stored issue is current
    if (mjmlThreadRunning() && (await storedIssuesCurrent(dir, options.env ?? process.env, options.newsletterTemplatesDir)))
      await stopMjmlThread();
    const valid = await loadValidEdition(dir, { signal: options.signal, env: options.env }).catch((e: unknown) => {
      throw unpublished(e, target);
    });
    stopIfInterrupted(options.signal, "the build stopped after checking the edition");
    return await buildChecked(valid, options);
  } finally {
    await stopMjmlThread();
  }
}
