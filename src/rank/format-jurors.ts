/** `koepfe rank --jurors`: the juror bias table for the terminal. */
import type { BiasTable } from "./bias.js";
import { cut, fixed, textTable } from "../lib/text-table.js";
import { printable } from "../lib/text-safety.js";

const signed = (x: number | null) => (x === null ? "–" : `${x >= 0 ? "+" : ""}${fixed(x, 2)}`);

export function formatBias(table: BiasTable): string {
  if (table.jurors.length === 0) return "No jurors: the edition has no jury.csv and no jurors in edition.json.\n";
  const { panel } = table;
  const head = [
    `Panel: ${panel.ballots} counted ballots, mean juror total ${fixed(panel.mean, 2)}, sd ${fixed(panel.sd, 2)}`,
    "Offset: mean difference to the other jurors' totals for the same nominees (negative = harsher).",
    "Spread: the juror's sd divided by the panel's (below 1 = uses less of the scale). z-score normalisation evens out both.",
    "",
  ];
  const rows = table.jurors.map((j) => [
    `${cut(printable(j.name ?? j.juror), 30)} (${j.juror})`,
    cut(j.company ?? "–", 30),
    String(j.ballots),
    String(j.conflicts),
    fixed(j.mean, 2),
    fixed(j.sd, 2),
    signed(j.offset),
    fixed(j.spread, 2),
  ]);
  return `${head.join("\n")}\n${textTable(["Juror", "Company", "Ballots", "Conflicts", "Mean", "SD", "Offset", "Spread"], rows, [false, false, true, true, true, true, true, true])}`;
}
