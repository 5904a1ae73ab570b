/**
 * Compile once per issue: template data → Handlebars (escaping) → MJML → HTML, and the text part,
 * with the per-recipient fields left as placeholders for `personalize`.
 */
import type { Edition } from "../../edition/model.js";
import type { MJMLParseError } from "mjml-core";
import type { Ranking } from "../../rank/model.js";
import type { KoepfeError } from "../../lib/errors.js";
import type { CompiledIssue } from "./model.js";
import { planIssues, type PlannedIssue } from "./plan.js";
import { issueContent, type CorrectionView } from "./view-model.js";
import { correctionsByIssue } from "./corrections.js";
import { loadTemplates, type NewsletterTemplates } from "./templates.js";
import { MJML_OPTIONS, mjmlToHtml } from "./mjml.js";
import { hashKey, NO_CACHE, type ContentCache } from "../../lib/content-cache.js";
import { templateErrors } from "./template-errors.js";
import { stripMarkers } from "./template-lines.js";
import { contentNonce, fillPlan, placeholdersFor } from "./placeholders.js";
import { resolveSendAt } from "./send-at.js";
import { issueContentHash } from "./content-hash.js";
import { absolute, pagePath } from "../shared/urls.js";

export interface CompileOptions {
  /** A templates folder other than templates/newsletter/ (tests, a magazine's own design). */
  templatesDir?: string;
  /** Compile only this issue of the plan (sending needs one; MJML costs ~0.1 s an issue). */
  only?: number;
  /** Issue → the ids it revealed when it went out (the ledger's published state). */
  published?: ReadonlyMap<number, readonly string[]>;
  /** Names of published nominees no longer in nominees.csv (their corrections still name them). */
  removedNames?: ReadonlyMap<string, string>;
  /** The build cache: an issue whose templates and data did not change is not compiled again. */
  cache?: ContentCache;
}

/**
 * MJML reports lines of the rendered document, which nobody sees; re-rendering with line markers
 * (template-lines.ts) maps them back to template files. Runs only when compiling failed.
 */
async function locateMjmlErrors(
  templatesDir: string | undefined,
  label: string,
  data: object,
  errors: MJMLParseError[],
): Promise<KoepfeError> {
  const instrumented = await loadTemplates(templatesDir, { instrument: true });
  const { text, origins } = stripMarkers(instrumented.renderMjml(data));
  const again = await mjmlToHtml(text);
  // the marked render differs from the first only in whitespace; should it pass, report without lines
  const located = again.ok ? errors.map((e) => ({ ...e, line: 0 })) : again.errors;
  return templateErrors(
    label,
    located.map((e) => {
      const origin = origins[e.line - 1];
      return {
        file: (origin && instrumented.files[origin.fileIndex]) ?? "layout.mjml.hbs",
        line: origin?.line ?? null,
        message: `${e.tagName}: ${e.message}`,
      };
    }),
  );
}

async function compileIssue(
  edition: Edition,
  planned: PlannedIssue,
  ranked: boolean,
  templates: NewsletterTemplates,
  options: CompileOptions,
  corrections: readonly CorrectionView[],
): Promise<CompiledIssue> {
  const content = issueContent(edition, planned, ranked, corrections);
  const webUrl = absolute(edition.config.base_url, pagePath.issue(planned.issue.number));
  const placeholders = placeholdersFor(contentNonce(templates.digest, JSON.stringify(content), webUrl));
  const data = {
    ...content,
    salutation: placeholders.salutation,
    links: { web: placeholders.webUrl, unsubscribe: placeholders.unsubscribeUrl },
  };
  const cache = options.cache ?? NO_CACHE;
  const key = hashKey("issue 1", JSON.stringify(MJML_OPTIONS), templates.digest, JSON.stringify(data));
  const hit = await cache.text("issue", key);
  const compiled = hit !== null ? { ok: true as const, html: hit } : await mjmlToHtml(templates.renderMjml(data));
  if (!compiled.ok) throw await locateMjmlErrors(options.templatesDir, templates.label, data, compiled.errors);
  if (hit === null) await cache.putText("issue", key, compiled.html);
  const text = templates.renderText(data);
  const sendAt = resolveSendAt(planned.issue.send_at, edition.config.timezone);
  return {
    number: planned.issue.number,
    subject: planned.issue.subject,
    preheader: planned.issue.preheader,
    sendAt: sendAt.ok ? (sendAt.dateTime.toISO() ?? "") : "",
    entryIds: planned.entries.map((e) => e.id),
    html: compiled.html,
    text,
    webUrl,
    placeholders,
    fill: { html: fillPlan(compiled.html, placeholders), text: fillPlan(text, placeholders) },
    field: planned.field,
    contentHash: issueContentHash({
      subject: planned.issue.subject,
      preheader: planned.issue.preheader,
      entryIds: planned.entries.map((e) => e.id),
      html: compiled.html,
      text,
    }),
  };
}

/**
 * Compiles every issue of the edition's plan (`newsletter.issues`, or the default countdown) once.
 * Throws a KoepfeError (E_NEWSLETTER_TEMPLATE) naming the template file and line when a template is broken.
 */
export async function compileIssues(edition: Edition, ranking: Ranking, options: CompileOptions = {}): Promise<CompiledIssue[]> {
  const templates = await loadTemplates(options.templatesDir);
  const ranked = ranking.mode === "ranked";
  const out: CompiledIssue[] = [];
  const plan = planIssues(edition, ranking, options.published);
  const names = new Map(edition.nominees.map((n) => [n.id, n.name]));
  const corrections = correctionsByIssue(edition, plan, (id) => names.get(id) ?? options.removedNames?.get(id) ?? id);
  for (const planned of plan) {
    if (options.only !== undefined && planned.issue.number !== options.only) continue;
    out.push(await compileIssue(edition, planned, ranked, templates, options, corrections.get(planned.issue.number) ?? []));
  }
  return out;
}
