/** Reports in a Maildir or a folder of .eml files (`koepfe bounces --maildir DIR`). */
import { realpath } from "node:fs/promises";
import { listMessageFiles } from "./folder-listing.js";
import { readMessageFile } from "./message-file.js";
import { requireFolder, unlistableFolder } from "./source-path.js";
import { maxBytesOf, type MessageSource, type SourceOptions } from "./types.js";

/**
 * The messages of a Maildir (new/ and cur/, by file name) or of a folder's *.eml files. Files that
 * are not regular, symlinks out of the folder and files gone missing are skipped with a warning.
 * The first iteration throws E_SOURCE_PATH (exit 2) when `dir` is not a folder. Nothing is moved
 * or marked: `done` does nothing, re-reading a folder is harmless because the ledger knows what it
 * recorded.
 */
export function maildirSource(dir: string, options?: SourceOptions): MessageSource {
  const max = maxBytesOf(options);
  return {
    async *messages(signal) {
      await requireFolder(dir);
      let rootReal: string;
      let files: string[];
      try {
        rootReal = await realpath(dir);
        files = await listMessageFiles(dir);
      } catch (e) {
        throw unlistableFolder(dir, e);
      }
      for (const file of files) {
        if (signal.aborted) return;
        const read = await readMessageFile(file, rootReal, max);
        if (!read.ok) {
          options?.onWarning?.(read.warning);
          continue;
        }
        yield { source: file, raw: read.raw, truncated: read.truncated };
      }
    },
    done: async () => {},
    close: async () => {},
  };
}
