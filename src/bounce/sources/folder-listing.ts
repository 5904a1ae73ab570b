/**
 * Which files of a --maildir folder are messages, in a fixed order so two runs over the same folder
 * report in the same order.
 */
import { lstat, readdir } from "node:fs/promises";
import path from "node:path";

// tmp/ is left out on purpose: a Maildir writer is still writing the files there
const MAILDIR_PARTS = ["new", "cur"] as const;

async function isRealFolder(dir: string): Promise<boolean> {
  try {
    return (await lstat(dir)).isDirectory();
  } catch {
    return false;
  }
}

/** Code-unit order: the same on every machine, whatever its locale. */
const byName = (a: { name: string; file: string }, b: { name: string; file: string }) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.file < b.file ? -1 : a.file > b.file ? 1 : 0;

/**
 * The message files below `dir`: for a Maildir (a real cur/ or new/ subfolder) every file of new/
 * and cur/ not starting with "." — merged and ordered by file name, which Maildir starts with the
 * delivery time; otherwise the folder's own `*.eml` files by name. Paths are `dir`-based, as the
 * user gave it; whether each one is a regular file is decided when it is read.
 */
export async function listMessageFiles(dir: string): Promise<string[]> {
  const parts: string[] = [];
  for (const part of MAILDIR_PARTS) if (await isRealFolder(path.join(dir, part))) parts.push(part);
  const found: { name: string; file: string }[] = [];
  if (parts.length > 0) {
    for (const part of parts) {
      // dot files are not messages: Maildir never names one so, editors and sync tools do
      for (const name of await readdir(path.join(dir, part)))
        if (!name.startsWith(".")) found.push({ name, file: path.join(dir, part, name) });
    }
  } else {
    for (const name of await readdir(dir)) if (/\.eml$/i.test(name)) found.push({ name, file: path.join(dir, name) });
  }
  return found.sort(byName).map((f) => f.file);
}
