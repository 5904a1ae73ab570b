/**
 * The site as a stream of files: pure given the input and the compiled templates. A generator, so a
 * 10,000-nominee edition is rendered page by page while the writer drains it, never all in memory.
 * Workers share the files through two queues (`Shard`): the build splits a large edition across them.
 */
import type { FileKind, SiteFile, SiteInput } from "./model.js";
import type { SiteTemplates, TemplateName } from "./templates.js";
import { siteContext } from "./context.js";
import { archiveView, categoryView, indexView, notFoundView } from "./list-pages.js";
import { authorView, duplicateNames, personView } from "./person-pages.js";
import { cardView, teaserView } from "./embed-views.js";
import { robotsTxt, sitemapXml } from "./sitemap.js";
import { fileOf, pagePath } from "../shared/urls.js";

/**
 * How workers share the files: two queues, the pages and the embeds (with the meta files), each a
 * counter in shared memory from which every worker takes the next job; a worker starts on its
 * `first` queue and helps with the other when its own is empty. The embeds' 20,000 files go into one
 * folder, whose creations the kernel serialises, so one worker on them at a time is as fast as two
 * until the end, when the queues balance the load whatever the disk or the renderer costs.
 */
export interface Shard {
  /** Next job of the pages (0) and the embeds (1), shared by all workers. */
  next: Int32Array;
  first: 0 | 1;
}

/** One file of the site: a template and its view (rendered by the writer, or linked from the cache), or text as it is. */
export type SiteJob = { path: string; kind: FileKind } & ({ template: TemplateName; view: object } | { content: string });

export function renderJob(job: SiteJob, templates: SiteTemplates): string {
  return "content" in job ? job.content : templates.render(job.template, job.view);
}

/** The site's files as jobs: the views are made here, the rendering is the writer's (which may find it cached). */
export function* siteJobs(input: SiteInput, shard?: Shard): Generator<SiteJob> {
  const ctx = siteContext(input);
  const { entries } = input.ranking;
  const categories = input.edition.config.categories.filter((c) => ctx.entriesByCategory.has(c.id));
  const authors = input.edition.authors.filter((a) => ctx.entriesByAuthor.has(a.id));
  const dups = duplicateNames(entries);
  const page = (path: string, template: TemplateName, view: object): SiteJob => ({ path: fileOf(path), kind: "page", template, view });
  const listed = () => [
    pagePath.index,
    ...entries.map((e) => pagePath.person(e.id)),
    ...categories.map((c) => pagePath.category(c.id)),
    ...authors.map((a) => pagePath.author(a.id)),
    pagePath.archive,
    ...[...input.issues].sort((a, b) => a.number - b.number).map((i) => pagePath.issue(i.number)),
  ];

  // every file as a job, so workers can take them one by one from a shared queue
  const pages: (() => SiteJob)[] = [
    () => page(pagePath.index, "pages/index", indexView(ctx)),
    ...entries.map((e, i) => () => page(pagePath.person(e.id), "pages/person", personView(ctx, i, dups))),
    ...categories.map((c) => () => page(pagePath.category(c.id), "pages/category", categoryView(ctx, c))),
    ...authors.map((a) => () => page(pagePath.author(a.id), "pages/author", authorView(ctx, a))),
    () => page(pagePath.archive, "pages/newsletter", archiveView(ctx)),
    () => ({ path: "404.html", kind: "page", template: "pages/404", view: notFoundView(ctx) }),
  ];
  const signUp = input.signUp;
  const embed = (path: string, template: TemplateName, view: object): SiteJob => ({ path, kind: "embed", template, view });
  const embeds: (() => SiteJob)[] = [
    ...(signUp === null ? [] : [(): SiteJob => ({ path: "embed/anmelden.html", kind: "embed", content: signUp.embed })]),
    () => embed("embed/teaser.html", "embed/teaser.html", teaserView(ctx)),
    () => embed("embed/teaser.mjml", "embed/teaser.mjml", teaserView(ctx)),
    ...entries.flatMap((e) => [
      () => embed(`embed/${e.id}.html`, "embed/card.html", cardView(ctx, e)),
      () => embed(`embed/${e.id}.mjml`, "embed/card.mjml", cardView(ctx, e)),
    ]),
    (): SiteJob => ({ path: "sitemap.xml", kind: "meta", content: sitemapXml(ctx.base, listed()) }),
    (): SiteJob => ({ path: "robots.txt", kind: "meta", content: robotsTxt(ctx.base) }),
  ];
  if (shard === undefined) {
    for (const job of [...pages, ...embeds]) yield job();
    return;
  }
  for (const q of [shard.first, 1 - shard.first]) {
    const jobs = q === 0 ? pages : embeds;
    for (let i = Atomics.add(shard.next, q, 1); i < jobs.length; i = Atomics.add(shard.next, q, 1)) yield (jobs[i] as () => SiteJob)();
  }
}

/** The site's files rendered: what tests read; the build writes jobs (site/emit.ts). */
export function* sitePages(input: SiteInput, templates: SiteTemplates, shard?: Shard): Generator<SiteFile> {
  for (const job of siteJobs(input, shard)) yield { path: job.path, kind: job.kind, content: renderJob(job, templates) };
}
