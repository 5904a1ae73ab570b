/**
 * The output folder is replaced, never edited: a build writes into a fresh folder next to the target
 * (same parent, so renames stay on one file system) and swaps it in only when everything succeeded.
 * A failed build leaves the previous output exactly as it was. Only folders that carry koepfe's
 * marker are ever deleted, and every guard compares real paths (symbolic links resolved).
 */
import { randomBytes } from "node:crypto";
import { lstat, mkdir, readdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { KoepfeError, UsageError } from "../lib/errors.js";
import { inside } from "../lib/paths.js";
import { processAlive } from "../lib/process.js";
import { resolveReal } from "../lib/read-file.js";

/** Written into every output folder: only folders carrying it are ever replaced. */
export const MARKER = ".koepfe-build";

const hasMarker = async (folder: string) => (await lstat(path.join(folder, MARKER)).catch(() => null))?.isFile() === true;

/**
 * Refuses targets whose replacement would destroy something else: the edition itself or a folder
 * containing it or the working directory (also through a symbolic link), a file, or a non-empty
 * folder koepfe did not write.
 */
export async function assertReplaceable(target: string, editionDir: string): Promise<void> {
  const [realTarget, realEdition, realCwd] = await Promise.all([resolveReal(target), resolveReal(editionDir), resolveReal(process.cwd())]);
  if (inside(realTarget, realEdition)) {
    throw new UsageError(
      `--out "${target}" would replace the edition folder "${editionDir}"; choose a separate output folder such as "public"`,
    );
  }
  if (inside(realTarget, realCwd))
    throw new UsageError(`--out "${target}" would replace the working directory; choose a separate output folder such as "public"`);
  const st = await lstat(target).catch(() => null);
  if (st === null) return;
  if (st.isSymbolicLink()) throw new UsageError(`--out "${target}" is a symbolic link; give the output folder itself`);
  if (!st.isDirectory()) throw new UsageError(`--out "${target}" is a file, not a folder`);
  const entries = await readdir(target);
  if (entries.length > 0 && !(await hasMarker(target))) {
    throw new KoepfeError(
      "E_OUT_NOT_BUILD",
      `"${target}" is not empty and was not written by koepfe build; the build replaces its output folder as a whole, so move those files away or choose another --out`,
      { exitCode: 2 },
    );
  }
}

const suffix = () => `${process.pid}-${randomBytes(4).toString("hex")}`;

/**
 * Removes temporary and backup folders left by builds that were killed: named like ours, their
 * process gone, and carrying the marker (a folder that merely looks like one is left alone).
 */
export async function removeStale(target: string): Promise<void> {
  const base = path.basename(target);
  const pattern = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.(tmp|old)-(\\d+)-[0-9a-f]{8}$`);
  const parent = path.dirname(target);
  const siblings = await readdir(parent).catch(() => [] as string[]);
  for (const name of siblings) {
    const m = pattern.exec(name);
    if (!m || processAlive(Number(m[2]))) continue;
    const folder = path.join(parent, name);
    const st = await lstat(folder).catch(() => null);
    if (st?.isDirectory() && (await hasMarker(folder))) await rm(folder, { recursive: true, force: true });
  }
}

/** Creates `<target>.tmp-<pid>-<random>` next to the target, with the marker. */
export async function makeTemp(target: string): Promise<string> {
  await mkdir(path.dirname(target), { recursive: true });
  const tmp = `${target}.tmp-${suffix()}`;
  await mkdir(tmp);
  await writeFile(path.join(tmp, MARKER), "This folder is written by koepfe build and replaced as a whole on every build.\n");
  return tmp;
}

/**
 * Puts `tmp` in place of `target`: old → backup, tmp → target. If the second rename fails the backup
 * goes back, so the target is never left missing. Returns the backup (null when there was no target)
 * for `discard`: removing a large old output need not hold up whoever waits for the new one.
 */
export async function swapIn(tmp: string, target: string): Promise<string | null> {
  const backup = `${target}.old-${suffix()}`;
  let moved = false;
  try {
    await rename(target, backup);
    moved = true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  try {
    await rename(tmp, target);
  } catch (e) {
    if (moved) await rename(backup, target);
    throw e;
  }
  return moved ? backup : null;
}

/** Removes the backup `swapIn` left (a build killed before this leaves it to `removeStale`). */
export async function discard(backup: string | null): Promise<void> {
  if (backup !== null) await rm(backup, { recursive: true, force: true });
}
