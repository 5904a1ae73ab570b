/** Bounded concurrency: enough parallel file operations to keep the disk busy, not 30,000 at once. */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * Runs `fn` over the items with at most `limit` in flight. After a failure no new item starts, and
 * the call settles only when the running ones have finished (so a caller that cleans up after the
 * error does not race a write still in flight), then rejects with the first error.
 */
export async function mapLimit<T>(items: Iterable<T>, limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  const it = items[Symbol.iterator]();
  let failure: { error: unknown } | null = null;
  const worker = async () => {
    while (failure === null) {
      let next: IteratorResult<T>;
      try {
        next = it.next();
        if (next.done) return;
        await fn(next.value);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, limit) }, worker));
  if (failure !== null) throw (failure as { error: unknown }).error;
}

/**
 * Writes text files below `root`, pulling them from the (lazy) iterable as slots free up; each
 * folder is created once.
 */
export async function writeFiles<F extends { path: string; content: string }>(
  root: string,
  files: Iterable<F>,
  onWritten: (file: F, bytes: number) => void,
  limit = 32,
): Promise<void> {
  const folder = folderOnce();
  await mapLimit(files, limit, async (f) => {
    const file = path.join(root, f.path);
    await folder(path.dirname(file));
    const data = Buffer.from(f.content, "utf8");
    await writeFile(file, data);
    onWritten(f, data.length);
  });
}

/** Makes each folder once, however many files of it are written at the same time. */
export function folderOnce(): (dir: string) => Promise<unknown> {
  const folders = new Map<string, Promise<unknown>>();
  return (dir) => {
    let made = folders.get(dir);
    if (made === undefined) {
      made = mkdir(dir, { recursive: true });
      folders.set(dir, made);
    }
    return made;
  };
}
