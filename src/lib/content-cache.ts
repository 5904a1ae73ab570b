/**
 * The build cache: what a build made from some input, stored under the hash of that input in the
 * edition's state folder (`.koepfe/cache/<kind>/<ab>/<hash>`), so a rebuild reuses everything that
 * did not change. Files (resized photos, rendered pages) go into the new output folder as hard links
 * — no bytes are copied, the output is still a fresh folder swapped in as a whole; texts (a compiled
 * issue, a photo's sizes) are read back. Deleting the cache folder is always safe, and a cache that
 * cannot be written (a full disk, another file system) only makes the build slower, never wrong.
 *
 * Pruning: a cached file is in use while an output links it (its link count is above one); after a
 * build swapped in, files nobody links any more and texts this build did not use are removed.
 */
import { createHash, randomBytes } from "node:crypto";
import { chmodSync, linkSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { chmod, copyFile, link, mkdir, readFile, readdir, rename, rm, stat, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { toolVersions } from "./tool-versions.js";

export interface ContentCache {
  /** False for `--no-cache`: every lookup misses and nothing is stored. */
  readonly enabled: boolean;
  /** The folder, for worker threads that open it themselves; null without a cache. */
  readonly root: string | null;
  text(kind: string, key: string): Promise<string | null>;
  putText(kind: string, key: string, text: string): Promise<void>;
  /** Links the cached file to `target` (whose folder exists); false when there is none. */
  linkTo(kind: string, key: string, target: string): Promise<boolean>;
  /** Stores the file at `source` (just written into the output) under the key, by linking it. */
  adopt(kind: string, key: string, source: string): Promise<void>;
  /** Removes files no output links and texts this run did not use; returns how many. */
  prune(): Promise<number>;
}

/** SHA-256 over the parts, each length-prefixed so that ("ab","c") and ("a","bc") differ. */
export function hashKey(...parts: readonly (string | Uint8Array)[]): string {
  const h = createHash("sha256");
  for (const p of parts) {
    const bytes = typeof p === "string" ? Buffer.from(p, "utf8") : p;
    h.update(`${bytes.length}:`).update(bytes);
  }
  return h.digest("hex");
}

/** A cached JSON text, or null when it is missing or damaged (then it is made again, like a miss). */
export function parseCached<T>(text: string | null): T | null {
  if (text === null) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

export const NO_CACHE: ContentCache = {
  enabled: false,
  root: null,
  text: async () => null,
  putText: async () => {},
  linkTo: async () => false,
  adopt: async () => {},
  prune: async () => 0,
};

const KEY = /^[0-9a-f]{64}$/;

/** Where an entry lives: `<root>/<kind>/<first two hex digits>/<key>`. */
export function cachedFile(root: string, kind: string, key: string): string {
  if (!KEY.test(key) || !/^[a-z-]+$/.test(kind)) throw new Error(`content cache: bad kind or key ${kind}/${key}`);
  return path.join(root, kind, key.slice(0, 2), key);
}

/**
 * The blocking twins of linkTo and adopt, for worker threads that write thousands of small files
 * (a blocking call costs far less there than a promise): true when the target now links the entry.
 */
export function linkToSync(root: string, kind: string, key: string, target: string): boolean {
  try {
    linkSync(cachedFile(root, kind, key), target);
    return true;
  } catch {
    return false;
  }
}

export function adoptSync(root: string, kind: string, key: string, source: string): void {
  const file = cachedFile(root, kind, key);
  const tmp = `${file}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    linkSync(source, tmp);
    // read-only: an output file is the same file, and an edit in place must not reach the cache
    chmodSync(tmp, 0o444);
    renameSync(tmp, file);
  } catch {
    rmSync(tmp, { force: true });
  }
}

/**
 * The cache of `folder` (`.koepfe/cache`): one sub-folder per version of koepfe and its renderers
 * (lib/tool-versions.ts), so nothing an older version made is reused; the others are removed by prune.
 */
export function openContentCache(folder: string): ContentCache {
  const root = path.join(folder, `v-${hashKey(toolVersions()).slice(0, 16)}`);
  const usedTexts = new Map<string, Set<string>>();
  const made = new Map<string, Promise<unknown>>();
  const fileOf = (kind: string, key: string) => cachedFile(root, kind, key);
  const ensureFolder = (dir: string) => {
    let p = made.get(dir);
    if (p === undefined) {
      p = mkdir(dir, { recursive: true, mode: 0o700 });
      made.set(dir, p);
      // a folder that could not be made is tried again next time
      p.catch(() => made.delete(dir));
    }
    return p;
  };
  const use = (kind: string, key: string) => {
    const set = usedTexts.get(kind) ?? new Set<string>();
    usedTexts.set(kind, set);
    set.add(key);
  };
  /**
   * Written beside its place, made read-only and renamed: a reader never sees half a file, two
   * writers never mix, and an output that links it cannot change it. A cache that cannot be written
   * (a full disk, no permission) only makes the build slower.
   */
  const place = async (file: string, write: (tmp: string) => Promise<void>) => {
    const tmp = `${file}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
    try {
      await ensureFolder(path.dirname(file));
      await write(tmp);
      await chmod(tmp, 0o444);
      await rename(tmp, file);
    } catch {
      await rm(tmp, { force: true }).catch(() => undefined);
    }
  };

  return {
    enabled: true,
    root,
    async text(kind, key) {
      use(kind, key);
      // stored behind its own hash: a damaged or edited entry is a miss, never a wrong mail
      const stored = await readFile(fileOf(kind, key), "utf8").catch(() => null);
      const cut = stored?.indexOf("\n") ?? -1;
      if (stored === null || stored === undefined || cut !== 64) return null;
      const text = stored.slice(cut + 1);
      return createHash("sha256").update(text).digest("hex") === stored.slice(0, cut) ? text : null;
    },
    async putText(kind, key, text) {
      use(kind, key);
      const sum = createHash("sha256").update(text).digest("hex");
      await place(fileOf(kind, key), (tmp) => writeFile(tmp, `${sum}\n${text}`));
    },
    async linkTo(kind, key, target) {
      try {
        await link(fileOf(kind, key), target);
        return true;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === "ENOENT") return false;
        // another file system, or links not allowed: a copy is still faster than making it again
        if (code === "EXDEV" || code === "EPERM" || code === "EMLINK") {
          return copyFile(fileOf(kind, key), target).then(
            () => true,
            () => false,
          );
        }
        if (code === "EEXIST") return false;
        throw e;
      }
    },
    async adopt(kind, key, source) {
      await place(fileOf(kind, key), (tmp) => link(source, tmp).catch(() => copyFile(source, tmp)));
    },
    async prune() {
      let removed = 0;
      // what older versions of koepfe or its renderers made
      for (const name of await readdir(folder).catch(() => [] as string[])) {
        if (name !== path.basename(root) && /^v-[0-9a-f]{16}$/.test(name)) {
          await rm(path.join(folder, name), { recursive: true, force: true }).catch(() => undefined);
          removed++;
        }
      }
      const kinds = await readdir(root).catch(() => [] as string[]);
      for (const kind of kinds) {
        const texts = usedTexts.get(kind);
        for (const shard of await readdir(path.join(root, kind)).catch(() => [] as string[])) {
          const dir = path.join(root, kind, shard);
          for (const name of await readdir(dir).catch(() => [] as string[])) {
            const file = path.join(dir, name);
            // a text kind this run used: keep what it used; a file kind: keep what an output links
            const stale = texts !== undefined ? !texts.has(name) : ((await stat(file).catch(() => null))?.nlink ?? 2) < 2;
            if (stale || name.endsWith(".tmp")) {
              await unlink(file).catch(() => undefined);
              removed++;
            }
          }
        }
      }
      return removed;
    },
  };
}
