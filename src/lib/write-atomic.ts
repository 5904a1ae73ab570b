/** Writing a file the user named (an export) so that an interrupted run never leaves half of it. */
import { rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { KoepfeError } from "./errors.js";

/** Writes next to the target first, then renames; a failure removes the temporary file (E_WRITE). */
export async function writeAtomic(file: string, text: string): Promise<void> {
  const tmp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await writeFile(tmp, text);
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw new KoepfeError("E_WRITE", `cannot write ${file}: ${(e as Error).message}`, { cause: e });
  }
}
