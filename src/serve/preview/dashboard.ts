/**
 * The editors' page at /_koepfe/: the state of the latest build, the check problems as a table, the
 * ranking (each place explained on its own page) and every newsletter issue at desktop and mobile
 * width. Rendered with Handlebars (escaping, strict) like the site; it is a tool page, so its
 * templates live here rather than in templates/site/.
 */
import Handlebars from "handlebars";
import type { Edition } from "../../edition/model.js";
import type { Ranking } from "../../rank/model.js";
import { explainNominee, formatExplanation } from "../../rank/index.js";
import { formatBytes } from "../../build/summary.js";
import { problemLocation } from "../../check/report.js";
import { movementView } from "../../render/site/text.js";
import type { PreviewState } from "./state.js";
import { DASHBOARD, EXPLAIN, FAILED } from "./dashboard-templates.js";

const hb = Handlebars.create();
const compile = (source: string) => hb.compile(source, { strict: true });
const dashboardTemplate = compile(DASHBOARD);
const failedTemplate = compile(FAILED);
const explainTemplate = compile(EXPLAIN);

const RELOAD_TAG = '<script src="/_koepfe/reload.js" defer></script>';

/** Adds the reload script to a page served by the preview (the files on disk stay untouched). */
export function injectReload(html: string): string {
  const at = html.lastIndexOf("</body>");
  return at === -1 ? `${html}${RELOAD_TAG}` : `${html.slice(0, at)}${RELOAD_TAG}${html.slice(at)}`;
}

/** Listens for the server's "reload" event; served as /_koepfe/reload.js. */
export const RELOAD_SCRIPT = 'new EventSource("/_koepfe/events").addEventListener("reload", function () { location.reload(); });\n';

function problemRows(
  problems: readonly { file: string; line: number | null; column: number | null; severity: string; code: string; message: string }[],
) {
  return problems.map((p) => ({
    where: problemLocation(p),
    severity: p.severity,
    error: p.severity === "error",
    code: p.code,
    message: p.message,
  }));
}

function rankingRows(edition: Edition, ranking: Ranking) {
  const categories = new Map(edition.config.categories.map((c) => [c.id, c.name]));
  return ranking.entries.map((e) => ({
    place: e.rank === null ? String(e.position) : String(e.rank),
    movement: movementView(e.movement).badge,
    points: e.points === null ? "" : e.points.toFixed(1),
    name: e.nominee.name,
    company: e.nominee.company,
    category: categories.get(e.nominee.category) ?? e.nominee.category,
    ballots: e.ballots,
    votes: e.votes,
    jury: e.jury === null ? "" : e.jury.toFixed(3),
    tieBrokenBy: e.tie_broken_by ?? "",
    explainHref: `/_koepfe/explain/${encodeURIComponent(e.id)}`,
  }));
}

export function renderDashboard(state: PreviewState, mount: string): string {
  if (state.kind !== "ok") return renderFailed(state, mount);
  const { edition, ranking, summary, warnings, newsletters } = state.result;
  return dashboardTemplate({
    title: edition.config.title,
    siteHref: mount,
    builtAt: state.builtAt.toLocaleTimeString("de-DE"),
    seconds: summary.seconds.toFixed(2),
    pages: summary.pages,
    mails: summary.mails,
    problems: problemRows(warnings),
    ranking: rankingRows(edition, ranking),
    ranked: ranking.mode === "ranked",
    issues: newsletters.issues.map((i) => ({
      number: i.number,
      subject: i.subject,
      href: `${mount}${i.path}`,
      html: formatBytes(i.htmlBytes),
      text: formatBytes(i.textBytes),
    })),
  });
}

/** Shown for every page of the site while the edition has errors, and on /_koepfe/. */
export function renderFailed(state: PreviewState, mount: string): string {
  const failed = state.kind === "failed" ? state : null;
  return failedTemplate({
    title: "Fehler",
    building: state.kind === "building",
    code: failed?.code ?? "",
    message: failed?.message ?? "",
    builtAt: failed ? failed.builtAt.toLocaleTimeString("de-DE") : "",
    problems: problemRows(failed?.problems ?? []),
    siteHref: mount,
  });
}

/** The `rank --explain` text of one nominee, or null when the id is not on the list. */
export function renderExplain(state: PreviewState, id: string): string | null {
  if (state.kind !== "ok") return null;
  const { edition } = state.result;
  const x = state.result.ranking.mode === "ranked" ? explainNominee(edition, id) : null;
  const entry = state.result.ranking.entries.find((e) => e.id === id);
  if (!entry) return null;
  return explainTemplate({
    title: entry.nominee.name,
    name: entry.nominee.name,
    text: x ? formatExplanation(edition, x) : 'Die Liste ist ungerankt (ranking.mode "unranked"): es gibt keine Plätze zu erklären.',
  });
}
