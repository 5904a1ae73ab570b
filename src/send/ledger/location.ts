/** Where the ledger lives: `$KOEPFE_STATE`, else `<edition>/.koepfe/state.sqlite` (git-ignored). */
import { existsSync } from "node:fs";
import path from "node:path";
import { Ledger } from "./ledger.js";

export const STATE_ENV = "KOEPFE_STATE";

export function ledgerPath(editionDir: string, env: NodeJS.ProcessEnv): string {
  const fromEnv = env[STATE_ENV];
  return fromEnv !== undefined && fromEnv !== "" ? path.resolve(fromEnv) : path.join(path.resolve(editionDir), ".koepfe", "state.sqlite");
}

/** Opens the ledger, creating it on first use. */
export function openLedger(editionDir: string, env: NodeJS.ProcessEnv): Ledger {
  return new Ledger(ledgerPath(editionDir, env));
}

/** Opens the ledger only if it exists: reading commands (status, dry runs) never create one. */
export function openExistingLedger(editionDir: string, env: NodeJS.ProcessEnv): Ledger | null {
  const file = ledgerPath(editionDir, env);
  return existsSync(file) ? new Ledger(file) : null;
}
