/** `koepfe rank --stability` for the terminal. */
import type { Stability } from "./stability.js";
import { cut, textTable } from "../lib/text-table.js";
import { printable } from "../lib/text-safety.js";

export function formatStability(s: Stability): string {
  if (s.jurors.length === 0) return "No jury ballots: there is no juror to leave out, the ranking cannot change.\n";
  const changed = s.top.filter((p) => p.changes.length > 0).length;
  const top = s.top.map((p) => {
    const alternatives = [...new Map(p.changes.map((c) => [c.id, c])).values()].map(
      (c) =>
        `${cut(printable(c.name), 30)} (without ${p.changes
          .filter((x) => x.id === c.id)
          .map((x) => x.juror)
          .join(", ")})`,
    );
    return [
      p.changes.length > 0 ? "!" : "",
      String(p.position),
      String(p.rank),
      cut(printable(p.name), 40),
      alternatives.length > 0 ? alternatives.join("; ") : "stable",
    ];
  });
  const all = s.entries.map((e) => [String(e.rank), String(e.best), String(e.worst), String(e.worst - e.best), cut(printable(e.name), 40)]);
  return [
    `Leave one juror out: ${s.jurors.length} rankings, each without one of ${s.jurors.join(", ")}.`,
    `Top ${s.top.length}: ${changed === 0 ? "every place keeps its holder." : `${changed} place${changed === 1 ? "" : "s"} (!) change${changed === 1 ? "s" : ""} holder when one juror is left out.`}`,
    "",
    textTable(["", "Place", "Rank", "Name", "Holder without one juror"], top, [false, true, true]),
    "Best and worst rank of every nominee:",
    textTable(["Rank", "Best", "Worst", "Range", "Name"], all, [true, true, true, true]),
  ].join("\n");
}
