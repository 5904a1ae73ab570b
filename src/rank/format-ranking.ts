/** The ranking as the terminal table of `koepfe rank`. */
import type { Edition } from "../edition/model.js";
import type { Movement, Ranking } from "./model.js";
import { cut, fixed, textTable } from "../lib/text-table.js";
import { printable } from "../lib/text-safety.js";

export function movementSymbol(m: Movement): string {
  return m.kind === "new" ? "new" : m.kind === "same" ? "=" : m.kind === "up" ? `▲ ${m.by}` : `▼ ${m.by}`;
}

/** One line saying how the list was made. */
export function methodLine(edition: Edition, ranking: Ranking): string {
  const m = ranking.method;
  if (ranking.mode === "unranked") return "unranked: by category, then by name";
  const jurors = new Set((edition.jury ?? []).map((r) => r.juror_id)).size;
  const of = `juror totals, ${jurors} juror${jurors === 1 ? "" : "s"}`;
  const jury = !edition.jury
    ? "nominees' own scores (no jury.csv)"
    : m.aggregate === "borda"
      ? `Borda points (average rank) of ${of}`
      : `${m.aggregate === "trimmed_mean" ? `trimmed mean (trim ${m.trim})` : m.aggregate} of ${m.normalize === "zscore" ? "z-score-normalised" : "raw"} ${of}`;
  return `ranked by ${jury}; F = ${m.weights.jury}·jury + ${m.weights.votes}·votes; ${m.rank_style} ranks`;
}

export function formatRanking(edition: Edition, ranking: Ranking): string {
  const categories = new Map(edition.config.categories.map((c) => [c.id, c.name]));
  const category = (id: string) => categories.get(id) ?? id;
  const title = `${printable(edition.config.title)}: ${ranking.entries.length} nominees, ${methodLine(edition, ranking)}\n\n`;
  if (ranking.mode === "unranked") {
    const rows = ranking.entries.map((e) => [
      String(e.position),
      category(e.nominee.category),
      cut(e.nominee.name, 40),
      cut(e.nominee.company, 40),
    ]);
    return title + textTable(["#", "Category", "Name", "Company"], rows, [true]);
  }
  const ties = ranking.entries.some((e) => e.tie_broken_by !== null);
  const rows = ranking.entries.map((e) => [
    String(e.rank),
    movementSymbol(e.movement),
    fixed(e.points, 1),
    cut(e.nominee.name, 40),
    cut(e.nominee.company, 40),
    category(e.nominee.category),
    ...(ties ? [e.tie_broken_by === null ? "" : e.tie_broken_by === "sort_name" ? "shared rank" : `tie: ${e.tie_broken_by}`] : []),
  ]);
  return (
    title + textTable(["Rank", "Move", "Points", "Name", "Company", "Category", ...(ties ? ["Tie-break"] : [])], rows, [true, false, true])
  );
}
