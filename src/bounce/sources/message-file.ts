/**
 * Reading one message file of a folder the user named, defensively: only regular files, never a
 * symlink that leads out of the folder (a report folder is often filled by other programs, and a
 * link to /etc/shadow or /dev/urandom must not end up in a bounce report or hang the run).
 */
import { constants } from "node:fs";
import { lstat, open, realpath, stat } from "node:fs/promises";
import { inside } from "../../lib/paths.js";
import { printable } from "../../lib/text-safety.js";
import { readFileCapped } from "./capped-bytes.js";
import type { SourceWarning } from "./types.js";

export type FileRead = { ok: true; raw: Buffer; truncated: boolean } | { ok: false; warning: SourceWarning };

// O_NONBLOCK: opening a FIFO that slipped past the checks must not wait for a writer
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

const skip = (code: SourceWarning["code"], file: string, why: string): FileRead => ({
  ok: false,
  warning: { code, source: file, message: `${printable(file)} skipped: ${why}` },
});

function unreadable(file: string, e: unknown): FileRead {
  const code = (e as NodeJS.ErrnoException).code;
  // ENOENT: a mail client moved the file from new/ to cur/ after the listing; the next run finds it there
  const why = code === "ENOENT" ? "it disappeared while reading" : `it cannot be read (${code ?? (e as Error).message})`;
  return skip("source-unreadable", file, why);
}

/**
 * Reads `file` (a path inside `rootReal`, the folder's real path) up to `max` bytes. A symlink is
 * followed only when its target lies inside the folder too; anything but a regular file is skipped.
 */
export async function readMessageFile(file: string, rootReal: string, max: number): Promise<FileRead> {
  try {
    let target = file;
    if ((await lstat(file)).isSymbolicLink()) {
      target = await realpath(file);
      if (!inside(rootReal, target))
        return skip("source-symlink-outside", file, `it is a symlink to ${printable(target)}, outside the folder`);
    }
    // checked before opening: opening a device can have side effects (a tape rewinds, a terminal hangs)
    if (!(await stat(target)).isFile()) return skip("source-not-regular-file", file, "it is not a regular file");
    const handle = await open(target, OPEN_FLAGS);
    try {
      // again on the open file: the path may have been swapped between the check and the open
      const opened = await handle.stat();
      if (!opened.isFile()) return skip("source-not-regular-file", file, "it is not a regular file");
      return { ok: true, ...(await readFileCapped(handle, opened.size, max)) };
    } finally {
      await handle.close();
    }
  } catch (e) {
    return unreadable(file, e);
  }
}
