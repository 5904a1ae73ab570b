/**
 * The addresses in subscribers.csv, whatever their rows' state: what tells the bounce processing that
 * an address no delivery names is still one of ours. Tolerant on purpose — a bounce run must not stop
 * because an editor is halfway through fixing a row — and so never a substitute for `check`.
 */
import path from "node:path";
import { canonicalEmail } from "../lib/token.js";
import { LIMITS, readRegularFile } from "../lib/read-file.js";
import { readCsvRows } from "./csv.js";
import { SUBSCRIBER_COLUMNS } from "./row-schemas.js";

/** Lower-cased canonical addresses of subscribers.csv; empty when the file is missing or unreadable. */
export async function subscriberAddresses(dir: string): Promise<Set<string>> {
  const out = new Set<string>();
  const read = await readRegularFile(path.join(dir, "subscribers.csv"), { maxBytes: LIMITS.csv });
  if (!read.ok) return out;
  readCsvRows(
    "subscribers.csv",
    () => read.bytes,
    SUBSCRIBER_COLUMNS,
    () => (row) => {
      const email = row.cells["email"]?.trim() ?? "";
      if (email.includes("@")) out.add(canonicalEmail(email).toLowerCase());
    },
  );
  return out;
}
