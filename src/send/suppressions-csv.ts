/** The suppression list as CSV for the editors' spreadsheet (lib/csv-export.ts: German Excel, formulas guarded). */
import { spreadsheetCsv } from "../lib/csv-export.js";
import type { Suppression } from "./ledger/suppressions.js";

export function suppressionsCsv(list: readonly Suppression[]): string {
  return spreadsheetCsv(
    ["email", "reason", "source", "created_at"],
    list.map((s) => [s.email, s.reason, s.source, s.createdAt]),
  );
}
