/**
 * `koepfe build`: a checked edition and its ranking → newsletters + site into a temporary folder →
 * swapped in. Any failure (a template error, a newsletter over its budget, Ctrl-C) discards the
 * temporary folder, so the previous output stays exactly as it was, and the error says why.
 */
import { rm, stat } from "node:fs/promises";
import path from "node:path";
import { KoepfeError, UsageError, stopIfInterrupted } from "../lib/errors.js";
import { hasErrors } from "../lib/problem.js";
import { displayPath } from "../lib/paths.js";
import { rankEdition } from "../rank/rank.js";
import type { Ranking } from "../rank/model.js";
import { buildNewsletters, type NewsletterBuildResult } from "../render/newsletter/build.js";
import { prepareSite, writeSitePages } from "../render/site/write.js";
import type { PhotoCache } from "../render/site/photos.js";
import { assertReplaceable, makeTemp, removeStale, swapIn } from "../build/swap.js";
import { summarize, type NewsletterFigures } from "../build/summary.js";
import type { BuildResult } from "../build/result.js";
import { loadValidEdition, type ValidEdition } from "./checked-edition.js";

export interface BuildOptions {
  /** The output folder, replaced as a whole. */
  out: string;
  /** Site templates other than templates/site/ (tests, a magazine's own design). */
  siteTemplatesDir?: string;
  /** Newsletter templates other than templates/newsletter/. */
  newsletterTemplatesDir?: string;
  /** Resized photos kept between builds (the preview server). */
  photoCache?: PhotoCache;
  /** Ctrl-C / SIGTERM: the build stops between steps and removes its temporary folder. */
  signal?: AbortSignal;
}

async function newsletterFigures(out: string, result: NewsletterBuildResult, maxHtmlBytes: number): Promise<NewsletterFigures> {
  const figures: NewsletterFigures = { web: { files: 0, bytes: 0 }, mails: { files: 0, bytes: 0 }, issues: [] };
  for (const file of result.files) {
    const kind = file.endsWith("/index.html") ? figures.web : figures.mails;
    kind.files++;
    kind.bytes += (await stat(path.join(out, file))).size;
  }
  figures.issues = result.issues.map((i) => ({
    number: i.number,
    subject: i.subject,
    htmlBytes: i.htmlBytes,
    maxHtmlBytes,
    textBytes: i.textBytes,
  }));
  return figures;
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

/** Builds a checked edition with its ranking into `options.out`; see the module comment for the guarantees. */
export async function buildChecked(valid: ValidEdition, ranking: Ranking, options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const { edition, warnings } = valid;
  const target = path.resolve(options.out);
  await assertReplaceable(target, edition.dir);
  await removeStale(target);
  const tmp = await makeTemp(target);
  try {
    // MJML runs on the main thread, sharp on libuv's: the two halves overlap
    const [newsletters, prepared] = await settled(
      buildNewsletters(
        edition,
        ranking,
        tmp,
        options.newsletterTemplatesDir === undefined ? {} : { templatesDir: options.newsletterTemplatesDir },
      ),
      prepareSite(edition, tmp, {
        ...(options.siteTemplatesDir === undefined ? {} : { templatesDir: options.siteTemplatesDir }),
        ...(options.photoCache === undefined ? {} : { photoCache: options.photoCache }),
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
    const site = await writeSitePages(prepared, edition, ranking, newsletters.issues, tmp);
    const figures = await newsletterFigures(tmp, newsletters, edition.config.newsletter?.max_html_bytes ?? 0);
    stopIfInterrupted(options.signal, "the build stopped before publishing");
    await swapIn(tmp, target);
    const allWarnings = [...warnings, ...newsletters.problems];
    const summary = summarize(target, site, figures, (performance.now() - started) / 1000, allWarnings.length);
    return { edition, ranking, newsletters, warnings: allWarnings, summary };
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw unpublished(e, target);
  }
}

/** `koepfe build [DIR] --out DIR`: load and check the edition, rank it, build it. */
export async function buildEdition(dir: string, options: BuildOptions): Promise<BuildResult> {
  const target = path.resolve(options.out);
  const valid = await loadValidEdition(dir, { signal: options.signal }).catch((e: unknown) => {
    throw unpublished(e, target);
  });
  stopIfInterrupted(options.signal, "the build stopped after checking the edition");
  return buildChecked(valid, rankEdition(valid.edition), options);
}
