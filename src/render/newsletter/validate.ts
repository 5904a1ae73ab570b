/**
 * Newsletter plan checks contributed to `koepfe check`: how each issue selects its entries, issue
 * numbers, subject length, send_at syntax and intro links. Located at the JSON path in edition.json.
 * The schedule rules (DST gap and overlap, ascending times, rank coverage) live in schedule/plan-check.ts.
 */
import type { Edition } from "../../edition/model.js";
import type { NewsletterIssue } from "../../edition/config-schema.js";
import { problem, type Problem } from "../../lib/problem.js";
import { didYouMean } from "../../lib/suggest.js";
import { resolveSendAt } from "./send-at.js";
import { MAX_SUBJECT } from "./model.js";
import { nonHttpsLinks } from "./markdown-lite.js";

const FILE = "edition.json";

function selectionProblems(edition: Edition, issue: NewsletterIssue, at: string): Problem[] {
  const out: Problem[] = [];
  const err = (field: string, code: string, message: string, value?: unknown) =>
    out.push(problem({ file: FILE, field, code, message: `${field} ${message}`, value }));
  const given = (["ranks", "category", "ids"] as const).filter((k) => issue[k] !== undefined);
  if (given.length !== 1) {
    err(
      at,
      "issue-selection",
      given.length === 0
        ? "selects no entries: give ranks [from, to], a category or a list of ids"
        : `selects by ${given.join(" and ")}: give only one of them`,
    );
  }
  if (issue.ranks) {
    const field = `${at}.ranks`;
    const count = edition.nominees.length;
    if (edition.config.ranking.mode === "unranked")
      err(
        field,
        "ranks-in-unranked-mode",
        'selects by rank, but ranking.mode is "unranked": select by category or ids',
        JSON.stringify(issue.ranks),
      );
    else if (issue.ranks.some((r) => r > count))
      err(
        field,
        "rank-out-of-range",
        `[${issue.ranks.join(", ")}] is outside the list: ranks run from 1 to ${count}`,
        JSON.stringify(issue.ranks),
      );
  }
  const categoryIds = edition.config.categories.map((c) => c.id);
  if (issue.category !== undefined && !categoryIds.includes(issue.category)) {
    err(
      `${at}.category`,
      "unknown-category",
      `"${issue.category}" is not in edition.json categories${didYouMean(issue.category, categoryIds)}`,
      issue.category,
    );
  }
  const nomineeIds = new Set(edition.nominees.map((n) => n.id));
  const seen = new Set<string>();
  for (const [j, id] of (issue.ids ?? []).entries()) {
    if (!nomineeIds.has(id)) err(`${at}.ids[${j}]`, "unknown-nominee", `"${id}" is not in nominees.csv${didYouMean(id, nomineeIds)}`, id);
    else if (seen.has(id)) err(`${at}.ids[${j}]`, "duplicate-id", `"${id}" is listed twice in this issue`, id);
    seen.add(id);
  }
  return out;
}

function introProblems(edition: Edition, file: string | undefined): Problem[] {
  const intro = file === undefined ? undefined : edition.intros[file];
  if (file === undefined || intro === undefined) return [];
  return nonHttpsLinks(intro).map((link) =>
    problem({
      file,
      line: link.line,
      code: "invalid-url",
      severity: "warning",
      message: `the link target "${link.url}" is not an https:// URL; it is shown as plain text`,
      value: link.url,
    }),
  );
}

function issueProblems(edition: Edition, issue: NewsletterIssue, at: string): Problem[] {
  const out = selectionProblems(edition, issue, at);
  const subjectLength = [...issue.subject].length;
  if (subjectLength > MAX_SUBJECT) {
    out.push(
      problem({
        file: FILE,
        field: `${at}.subject`,
        code: "subject-too-long",
        message: `${at}.subject has ${subjectLength} characters; at most ${MAX_SUBJECT} fit in a mail client's subject line`,
        value: issue.subject,
      }),
    );
  }
  const sendAt = resolveSendAt(issue.send_at, edition.config.timezone);
  if (!sendAt.ok)
    out.push(
      problem({
        file: FILE,
        field: `${at}.send_at`,
        code: "invalid-send-at",
        message: `${at}.send_at ${sendAt.message}`,
        value: issue.send_at,
      }),
    );
  return [...out, ...introProblems(edition, issue.intro)];
}

/** Problems of the `newsletter` section of edition.json; none when the edition has no newsletter. */
export function newsletterProblems(edition: Edition): Problem[] {
  const config = edition.config.newsletter;
  if (!config) return [];
  const out: Problem[] = [];
  if (config.start_at !== undefined) {
    const start = resolveSendAt(config.start_at, edition.config.timezone);
    if (!start.ok)
      out.push(
        problem({
          file: FILE,
          field: "newsletter.start_at",
          code: "invalid-send-at",
          message: `newsletter.start_at ${start.message}`,
          value: config.start_at,
        }),
      );
  }
  const firstIndex = new Map<number, number>();
  for (const [i, issue] of (config.issues ?? []).entries()) {
    const at = `newsletter.issues[${i}]`;
    out.push(...issueProblems(edition, issue, at));
    const earlier = firstIndex.get(issue.number);
    if (earlier !== undefined)
      out.push(
        problem({
          file: FILE,
          field: `${at}.number`,
          code: "duplicate-issue-number",
          message: `${at}.number ${issue.number} is already used by newsletter.issues[${earlier}]`,
          value: issue.number,
        }),
      );
    else firstIndex.set(issue.number, i);
  }
  return out;
}
