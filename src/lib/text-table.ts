/** Plain-text tables for the terminal; cell text from the CSVs is made harmless first. */

import { printable } from "./text-safety.js";

/** Cut to `max` characters with an ellipsis. */
export const cut = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

/** A number with fixed decimals, or "–" when there is none. */
export const fixed = (x: number | null | undefined, digits: number) =>
  x === null || x === undefined ? "–" : (Object.is(x, -0) ? 0 : x).toFixed(digits);

/** Columns padded to their widest cell; `right[i]` right-aligns column i (numbers). */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[], right: readonly boolean[] = []): string {
  const cells = [header, ...rows].map((r) => r.map(printable));
  const widths = header.map((_, i) => Math.max(...cells.map((r) => [...(r[i] ?? "")].length)));
  const line = (r: readonly string[]) =>
    r
      .map((c, i) => {
        const pad = " ".repeat((widths[i] ?? 0) - [...c].length);
        return right[i] ? pad + c : c + pad;
      })
      .join("  ")
      .trimEnd();
  return `${cells.map(line).join("\n")}\n`;
}
