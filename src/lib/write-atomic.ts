/**
 * Writing a file the user named (an export) so that an interrupted run never leaves half of it, and
 * so that the export never does more than write that one file: a target that is not a regular file
 * (/dev/full, a FIFO, a folder, a symbolic link) is refused instead of being replaced by a rename,
 * and an existing file keeps its permissions. New files hold personal or unpublished data: 0600.
 */
import { constants } from "node:fs";
import { lstat, open, rename, rm } from "node:fs/promises";
import path from "node:path";
import { EXIT, KoepfeError } from "./errors.js";

const NEW_FILE_MODE = 0o600;

async function targetMode(file: string): Promise<number> {
  const st = await lstat(file).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") return null;
    throw new KoepfeError("E_WRITE", `cannot write ${file}: ${e.message}`, { cause: e });
  });
  if (st === null) return NEW_FILE_MODE;
  if (!st.isFile()) {
    const what = st.isSymbolicLink() ? "a symbolic link" : st.isDirectory() ? "a folder" : "not a regular file (a device or pipe?)";
    throw new KoepfeError("E_WRITE_TARGET", `${file} is ${what}: give the path of a regular file to write`, { exitCode: EXIT.usage });
  }
  return st.mode & 0o7777;
}

/** Writes next to the target first, then renames; a failure removes the temporary file (E_WRITE). */
export async function writeAtomic(file: string, text: string | Uint8Array): Promise<void> {
  const mode = await targetMode(file);
  const tmp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await rm(tmp, { force: true });
    const handle = await open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
    try {
      // the umask may have narrowed the mode on creation: the existing file's mode is kept exactly
      await handle.chmod(mode);
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw new KoepfeError("E_WRITE", `cannot write ${file}: ${(e as Error).message}`, { cause: e });
  }
}
