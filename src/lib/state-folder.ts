/**
 * The edition's own state folder, `<edition>/.koepfe/`: the ledger, the preview's output, the dry
 * runs' messages (with subscriber addresses). It is created 0700, and tightened to 0700 when found
 * looser, so other users of a shared machine read none of it.
 */
import { chmodSync, mkdirSync, statSync } from "node:fs";
import path from "node:path";

export const STATE_FOLDER = ".koepfe";

/** The state folder of an edition, created (0700) when missing. */
export function stateFolder(editionDir: string): string {
  const dir = path.join(path.resolve(editionDir), STATE_FOLDER);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    if ((statSync(dir).mode & 0o077) !== 0) chmodSync(dir, 0o700);
  } catch {
    // another user's folder: left as it is
  }
  return dir;
}
