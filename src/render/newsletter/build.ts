/**
 * The newsletter part of `koepfe build`: per issue `<out>/newsletter/<n>/index.html` (the web
 * version), `mail.html` and `mail.txt` (placeholders left in), plus sizes and budget problems.
 * The caller (commands/build.ts) owns the output folder and its atomic swap, and fails the build
 * when `problems` has errors.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Edition } from "../../edition/model.js";
import type { Ranking } from "../../rank/model.js";
import { problem, type Problem } from "../../lib/problem.js";
import { compileIssues, type CompileOptions } from "./compile.js";
import { checkBudget } from "./budget.js";
import { webVersion } from "./personalize.js";
import { pagePath } from "../shared/urls.js";

export interface NewsletterIssueSummary {
  number: number;
  subject: string;
  /** ISO date-time with offset, or "" when the issue has no time. */
  sendAt: string;
  /** Ids of the nominees the issue reveals, in mail order (the site links each profile to its issue). */
  entryIds: string[];
  /** Folder relative to the output folder, "newsletter/3/". */
  path: string;
  webUrl: string;
  /** Size of the HTML after personalisation for the longest possible recipient: the figure the budget limits. */
  htmlBytes: number;
  textBytes: number;
  webVersionBytes: number;
}

export interface NewsletterBuildResult {
  issues: NewsletterIssueSummary[];
  /** Files written, relative to the output folder. */
  files: string[];
  /** Budget problems (severity error: the build must fail) and empty issues. */
  problems: Problem[];
}

/**
 * Compiles every newsletter issue and writes it under `<outDir>/newsletter/`. An edition without a
 * `newsletter` section has no newsletter: nothing is written. Template errors are thrown
 * (KoepfeError E_NEWSLETTER_TEMPLATE); budget problems are returned.
 */
export async function buildNewsletters(
  edition: Edition,
  ranking: Ranking,
  outDir: string,
  options: CompileOptions = {},
): Promise<NewsletterBuildResult> {
  const config = edition.config.newsletter;
  if (!config) return { issues: [], files: [], problems: [] };
  const issues = await compileIssues(edition, ranking, options);
  const result: NewsletterBuildResult = { issues: [], files: [], problems: [] };
  const budget = { maxHtmlBytes: config.max_html_bytes, listId: config.list_id, unsubscribeBaseUrl: config.unsubscribe_url };
  for (const issue of issues) {
    if (issue.entryIds.length === 0) {
      result.problems.push(
        problem({
          file: "edition.json",
          field: issue.field,
          code: "issue-empty",
          message: `issue ${issue.number} selects no entries: check its ranks, category or ids against the ranking`,
        }),
      );
    }
    const measured = checkBudget(issue, budget);
    result.problems.push(...measured.problems);
    const rel = pagePath.issue(issue.number);
    const dir = path.join(outDir, rel);
    await mkdir(dir, { recursive: true });
    const web = webVersion(issue, config.unsubscribe_mailto);
    await writeFile(path.join(dir, "index.html"), web);
    await writeFile(path.join(dir, "mail.html"), issue.html);
    await writeFile(path.join(dir, "mail.txt"), issue.text);
    result.files.push(`${rel}index.html`, `${rel}mail.html`, `${rel}mail.txt`);
    result.issues.push({
      number: issue.number,
      subject: issue.subject,
      sendAt: issue.sendAt,
      entryIds: issue.entryIds,
      path: rel,
      webUrl: issue.webUrl,
      htmlBytes: measured.htmlBytes,
      textBytes: measured.textBytes,
      webVersionBytes: Buffer.byteLength(web),
    });
  }
  return result;
}
