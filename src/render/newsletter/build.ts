/**
 * The newsletter part of `koepfe build`: every issue compiled once (with its placeholders), its
 * budget measured, and its web version (the mail as a public page). Nothing is written here: the
 * web versions of the issues that are public go into the site (writeWebVersions), the compiled
 * issues into the edition's state folder (app/issue-store.ts) — never into the published folder.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Edition } from "../../edition/model.js";
import type { Ranking } from "../../rank/model.js";
import { problem, type Problem } from "../../lib/problem.js";
import { compileIssues, type CompileOptions } from "./compile.js";
import type { BudgetReport } from "./budget.js";
import { hashKey, NO_CACHE, parseCached } from "../../lib/content-cache.js";
import type { CompiledIssue } from "./model.js";
import { webVersion } from "./personalize.js";
import { pagePath } from "../shared/urls.js";

export interface NewsletterIssueSummary {
  number: number;
  subject: string;
  /** ISO date-time with offset, or "" when the issue has no time. */
  sendAt: string;
  /** Ids of the nominees the issue reveals, in mail order (the site links each profile to its issue). */
  entryIds: string[];
  /** Folder of the web version relative to the output folder, "newsletter/3/". */
  path: string;
  webUrl: string;
  /** Size of the HTML after personalisation for the longest possible recipient: the figure the budget limits. */
  htmlBytes: number;
  textBytes: number;
  webVersionBytes: number;
}

export interface PreparedNewsletterIssue {
  compiled: CompiledIssue;
  /** The web version's HTML. */
  web: string;
  summary: NewsletterIssueSummary;
}

export interface NewsletterBuildResult {
  issues: NewsletterIssueSummary[];
  /** Budget problems (severity error: the build must fail) and empty issues. */
  problems: Problem[];
}

/**
 * Compiles every newsletter issue, measures it and makes its web version. An edition without a
 * `newsletter` section has no newsletter. Template errors are thrown (KoepfeError
 * E_NEWSLETTER_TEMPLATE); budget problems are returned.
 */
export async function prepareNewsletters(
  edition: Edition,
  ranking: Ranking,
  options: CompileOptions = {},
): Promise<{ issues: PreparedNewsletterIssue[]; problems: Problem[] }> {
  const config = edition.config.newsletter;
  if (!config) return { issues: [], problems: [] };
  const compiled = await compileIssues(edition, ranking, options);
  const budget = { maxHtmlBytes: config.max_html_bytes, listId: config.list_id, unsubscribeBaseUrl: config.unsubscribe_url };
  // measuring parses every mail's HTML: the result is cached with the issue it measured
  const cache = options.cache ?? NO_CACHE;
  const measuredBudget = new Map<number, BudgetReport>();
  for (const issue of compiled) {
    const key = hashKey(
      "budget 1",
      JSON.stringify(budget),
      JSON.stringify([issue.number, issue.field, issue.subject, issue.preheader]),
      issue.html,
      issue.text,
    );
    const hit = parseCached<BudgetReport>(await cache.text("budget", key));
    // the measuring (parse5) is loaded only when something is not measured yet
    const report = hit ?? (await import("./budget.js")).checkBudget(issue, budget);
    if (hit === null) await cache.putText("budget", key, JSON.stringify(report));
    measuredBudget.set(issue.number, report);
  }
  const problems: Problem[] = [];
  const issues = compiled.map((issue): PreparedNewsletterIssue => {
    if (issue.entryIds.length === 0) {
      problems.push(
        problem({
          file: "edition.json",
          field: issue.field,
          code: "issue-empty",
          message: `issue ${issue.number} selects no entries: check its ranks, category or ids against the ranking`,
        }),
      );
    }
    const measured = measuredBudget.get(issue.number) as BudgetReport;
    problems.push(...measured.problems);
    const web = webVersion(issue, config.unsubscribe_mailto);
    return {
      compiled: issue,
      web,
      summary: {
        number: issue.number,
        subject: issue.subject,
        sendAt: issue.sendAt,
        entryIds: issue.entryIds,
        path: pagePath.issue(issue.number),
        webUrl: issue.webUrl,
        htmlBytes: measured.htmlBytes,
        textBytes: measured.textBytes,
        webVersionBytes: Buffer.byteLength(web),
      },
    };
  });
  return { issues, problems };
}

/** Writes `<outDir>/newsletter/<n>/index.html` for each issue given; returns the files written, relative. */
export async function writeWebVersions(outDir: string, issues: readonly PreparedNewsletterIssue[]): Promise<string[]> {
  const files: string[] = [];
  for (const i of issues) {
    const dir = path.join(outDir, i.summary.path);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "index.html"), i.web);
    files.push(`${i.summary.path}index.html`);
  }
  return files;
}
