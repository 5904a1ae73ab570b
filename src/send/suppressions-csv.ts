/**
 * The suppression list as CSV for spreadsheets. Every cell is hostile: a cell starting with = + - @
 * tab or CR gets a leading ' so Excel and LibreOffice show it as text instead of running a formula.
 */
import type { Suppression } from "./ledger/suppressions.js";

export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",;\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** UTF-8 with BOM (Excel on Windows reads umlauts right only with it), CRLF line ends. */
export function suppressionsCsv(list: readonly Suppression[]): string {
  const rows = [["email", "reason", "source", "created_at"], ...list.map((s) => [s.email, s.reason, s.source, s.createdAt])];
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
