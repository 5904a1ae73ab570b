/** `koepfe suppress` and `koepfe suppressions`: the suppression list by hand, and as a list or CSV export. */
import path from "node:path";
import { writeAtomic } from "../lib/write-atomic.js";
import { canonicalEmail } from "../lib/token.js";
import { assertEditionDir } from "../edition/load.js";
import { openExistingLedger, openLedger, STATE_ENV } from "../send/ledger/location.js";
import type { Suppression } from "../send/ledger/suppressions.js";
import { suppressionsCsv } from "../send/suppressions-csv.js";

/** Adds addresses (already validated) with one reason; per address: newly added, or the earlier reason. */
export async function suppress(
  dir: string,
  emails: readonly string[],
  reason: string,
  env: NodeJS.ProcessEnv,
): Promise<{ email: string; added: boolean; earlier: string | null }[]> {
  if (!env[STATE_ENV]) await assertEditionDir(dir);
  const ledger = openLedger(dir, env);
  try {
    const added = ledger.suppressAll(emails, reason, "koepfe suppress");
    return emails.map((e, i) => {
      const email = canonicalEmail(e);
      return { email, added: added[i] === true, earlier: added[i] ? null : ledger.suppressions.reasonFor(email) };
    });
  } finally {
    ledger.close();
  }
}

export interface SuppressionList {
  list: Suppression[];
  /** false when no ledger exists yet (nothing was ever sent or suppressed). */
  ledger: boolean;
  /** The absolute path of the CSV written, when one was asked for. */
  csv: string | null;
}

/** The suppression list, and with `csv` the export for the spreadsheet (0600: it is personal data). */
export async function suppressions(dir: string, csv: string | null, env: NodeJS.ProcessEnv): Promise<SuppressionList> {
  if (!env[STATE_ENV]) await assertEditionDir(dir);
  const ledger = openExistingLedger(dir, env);
  const list = ledger?.suppressions.list() ?? [];
  ledger?.close();
  if (csv === null) return { list, ledger: ledger !== null, csv: null };
  const target = path.resolve(csv);
  await writeAtomic(target, suppressionsCsv(list));
  return { list, ledger: ledger !== null, csv: target };
}
