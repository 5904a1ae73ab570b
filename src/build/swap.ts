/**
 * The output folder is replaced, never edited: a build writes into a fresh folder next to the target
 * (same parent, so renames stay on one file system) and swaps it in only when everything succeeded.
 * A failed build leaves the previous output exactly as it was.
 */
import { randomBytes } from "node:crypto";
import { mkdir, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { KoepfeError, UsageError } from "../lib/errors.js";
import { inside } from "../lib/paths.js";

/** Written into every output folder: only folders carrying it are ever replaced. */
export const MARKER = ".koepfe-build";

/**
 * Refuses targets whose replacement would destroy something else: the edition itself or a folder
 * containing it or the working directory, a file, or a non-empty folder koepfe did not write.
 */
export async function assertReplaceable(target: string, editionDir: string): Promise<void> {
  if (inside(target, editionDir))
    throw new UsageError(
      `--out "${target}" would replace the edition folder "${editionDir}"; choose a separate output folder such as "public"`,
    );
  if (inside(target, process.cwd()))
    throw new UsageError(`--out "${target}" would replace the working directory; choose a separate output folder such as "public"`);
  const st = await stat(target).catch(() => null);
  if (st === null) return;
  if (!st.isDirectory()) throw new UsageError(`--out "${target}" is a file, not a folder`);
  const entries = await readdir(target);
  if (entries.length > 0 && !entries.includes(MARKER)) {
    throw new KoepfeError(
      "E_OUT_NOT_BUILD",
      `"${target}" is not empty and was not written by koepfe build; the build replaces its output folder as a whole, so move those files away or choose another --out`,
      { exitCode: 2 },
    );
  }
}

const suffix = () => `${process.pid}-${randomBytes(4).toString("hex")}`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes temporary and backup folders left by builds that were killed (their process is gone). */
export async function removeStale(target: string): Promise<void> {
  const base = path.basename(target);
  const pattern = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.(tmp|old)-(\\d+)-[0-9a-f]{8}$`);
  const siblings = await readdir(path.dirname(target)).catch(() => [] as string[]);
  for (const name of siblings) {
    const m = pattern.exec(name);
    if (m && !alive(Number(m[2]))) await rm(path.join(path.dirname(target), name), { recursive: true, force: true });
  }
}

/** Creates `<target>.tmp-<pid>-<random>` next to the target. */
export async function makeTemp(target: string): Promise<string> {
  await mkdir(path.dirname(target), { recursive: true });
  const tmp = `${target}.tmp-${suffix()}`;
  await mkdir(tmp);
  await writeFile(path.join(tmp, MARKER), "This folder is written by koepfe build and replaced as a whole on every build.\n");
  return tmp;
}

/**
 * Puts `tmp` in place of `target`: old → backup, tmp → target, backup removed. If the second rename
 * fails the backup goes back, so the target is never left missing.
 */
export async function swapIn(tmp: string, target: string): Promise<void> {
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
  if (moved) await rm(backup, { recursive: true, force: true });
}
