/**
 * The path after --maildir or --mbox, checked before anything is read. A wrong path is a usage
 * mistake (exit 2), not a data error: nothing was read, so nothing can be reported.
 */
import { stat } from "node:fs/promises";
import { EXIT, KoepfeError } from "../../lib/errors.js";
import { printable } from "../../lib/text-safety.js";

function pathError(file: string, found: string, expected: string, cause?: unknown): KoepfeError {
  return new KoepfeError("E_SOURCE_PATH", `${printable(file)} ${found}: ${expected}`, {
    exitCode: EXIT.usage,
    ...(cause === undefined ? {} : { cause }),
  });
}

async function statOrThrow(file: string, expected: string) {
  try {
    return await stat(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const found =
      code === "ENOENT" ? "does not exist" : code === "EACCES" ? "cannot be read (permission denied)" : `cannot be read (${code})`;
    throw pathError(file, found, expected, e);
  }
}

/** Throws E_SOURCE_PATH unless `dir` is a folder (a symlink to one is fine: the user named it). */
export async function requireFolder(dir: string): Promise<void> {
  const expected = "--maildir expects a Maildir (with cur/ and new/) or a folder of .eml files";
  if (!(await statOrThrow(dir, expected)).isDirectory()) throw pathError(dir, "is not a folder", expected);
}

const MBOX_EXPECTED = "--mbox expects an mbox file";

/** The E_SOURCE_PATH error for an --mbox path that is a folder, a FIFO or a device. */
export function notRegularFile(file: string): KoepfeError {
  return pathError(file, "is not a regular file", MBOX_EXPECTED);
}

/** Throws E_SOURCE_PATH unless `file` is a regular file: a FIFO or a device would never end or block. */
export async function requireRegularFile(file: string): Promise<void> {
  if (!(await statOrThrow(file, MBOX_EXPECTED)).isFile()) throw notRegularFile(file);
}

/** E_SOURCE_PATH for a --maildir folder (or its cur/, new/) that exists but cannot be listed. */
export function unlistableFolder(dir: string, cause: unknown): KoepfeError {
  const code = (cause as NodeJS.ErrnoException).code ?? "unknown error";
  return pathError(dir, `cannot be listed (${code})`, "--maildir needs a folder koepfe may read", cause);
}
