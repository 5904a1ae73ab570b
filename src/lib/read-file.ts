/**
 * Reading a file a user pointed us at. Everything in an edition folder is user input: a FIFO would
 * block `check` forever, a symlink to /dev/urandom would grow it until the machine runs out of
 * memory, a folder where a file should be made readFile throw EISDIR (an "internal error"). So only
 * regular files are read, never more than a cap, and every refusal is an outcome with a stable
 * code the caller turns into a located problem or a usage error.
 */
import { constants, realpathSync } from "node:fs";
import { open, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { inside } from "./paths.js";

export type ReadRefusal = "missing-file" | "not-a-file" | "file-too-large" | "unreadable" | "outside-edition";

export type ReadOutcome = { ok: true; bytes: Buffer } | { ok: false; code: ReadRefusal; message: string };

export interface ReadOptions {
  /** Largest accepted size in bytes. */
  maxBytes: number;
  /** When set, the file (after resolving symlinks) must lie inside this folder. */
  within?: string;
}

const MB = 1024 * 1024;
/** Caps per kind of file: far above any real edition (100,000 subscribers are ~10 MB). */
export const LIMITS = { csv: 256 * MB, json: 4 * MB, text: 1 * MB, photo: 40 * MB, mail: 64 * MB } as const;

function kindOf(st: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
}): string {
  if (st.isDirectory()) return "a folder";
  if (st.isFIFO()) return "a named pipe (FIFO)";
  if (st.isCharacterDevice() || st.isBlockDevice()) return "a device";
  if (st.isSocket()) return "a socket";
  return "not a regular file";
}

const bytesText = (n: number) => (n >= MB ? `${(n / MB).toFixed(1)} MB` : `${n} bytes`);

function refusal(e: unknown): ReadOutcome {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT" || code === "ENOTDIR") return { ok: false, code: "missing-file", message: "does not exist" };
  if (code === "ELOOP") return { ok: false, code: "not-a-file", message: "is a symbolic link that points to itself (a loop)" };
  if (code === "EACCES" || code === "EPERM") return { ok: false, code: "unreadable", message: "cannot be read (permission denied)" };
  if (code === "EISDIR") return { ok: false, code: "not-a-file", message: "is a folder, not a file" };
  return { ok: false, code: "unreadable", message: `cannot be read (${code ?? (e as Error).message})` };
}

/** The real path of `file`; a missing file is resolved through its nearest existing folder. */
export async function resolveReal(file: string): Promise<string> {
  const abs = path.resolve(file);
  try {
    return await realpath(abs);
  } catch {
    const parent = path.dirname(abs);
    return parent === abs ? abs : path.join(await resolveReal(parent), path.basename(abs));
  }
}

/** The same as resolveReal, synchronously (for guards that run before any I/O of their own). */
export function resolveRealSync(file: string): string {
  const abs = path.resolve(file);
  try {
    return realpathSync(abs);
  } catch {
    const parent = path.dirname(abs);
    return parent === abs ? abs : path.join(resolveRealSync(parent), path.basename(abs));
  }
}

/**
 * Reads a regular file of at most `maxBytes`. The file is opened without blocking (O_NONBLOCK: a
 * FIFO swapped in after the check still cannot hang us) and checked again on the open descriptor.
 */
export async function readRegularFile(file: string, options: ReadOptions): Promise<ReadOutcome> {
  try {
    if (options.within !== undefined) {
      const real = await realpath(file);
      if (!inside(await realpath(options.within), real)) {
        return { ok: false, code: "outside-edition", message: `resolves to ${real}, outside the edition folder (a symbolic link?)` };
      }
    }
    const st = await stat(file);
    if (!st.isFile()) return { ok: false, code: "not-a-file", message: `is ${kindOf(st)}, not a file` };
    if (st.size > options.maxBytes) return tooLarge(st.size, options.maxBytes);
    const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const own = await handle.stat();
      if (!own.isFile()) return { ok: false, code: "not-a-file", message: `is ${kindOf(own)}, not a file` };
      // read one byte more than allowed: a file that grew since stat() is caught here
      const buffer = Buffer.allocUnsafe(Math.min(own.size, options.maxBytes) + 1);
      let filled = 0;
      for (;;) {
        const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
        if (filled === buffer.length) break;
      }
      if (filled > options.maxBytes) return tooLarge(filled, options.maxBytes);
      return { ok: true, bytes: buffer.subarray(0, filled) };
    } finally {
      await handle.close();
    }
  } catch (e) {
    return refusal(e);
  }
}

function tooLarge(size: number, max: number): ReadOutcome {
  return { ok: false, code: "file-too-large", message: `is ${bytesText(size)}, more than the limit of ${bytesText(max)}` };
}
