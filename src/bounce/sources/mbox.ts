/** Reports in an mbox file (`koepfe bounces --mbox FILE`), read as a stream: a 2 GB mbox costs one message of memory. */
import { constants } from "node:fs";
import { open } from "node:fs/promises";
import { printable } from "../../lib/text-safety.js";
import { MboxSplitter } from "./mbox-splitter.js";
import { notRegularFile, requireRegularFile } from "./source-path.js";
import { maxBytesOf, type MessageSource, type SourceMessage, type SourceOptions } from "./types.js";

const READ_CHUNK = 64 * 1024;

/**
 * The messages of an mbox file (mboxrd, see mbox-splitter.ts), named "mbox:<file>#<n>" from 1.
 * Text before the first "From " line is skipped with a warning. The first iteration throws
 * E_SOURCE_PATH (exit 2) when `file` is not a regular file. `done` does nothing: the ledger makes
 * re-reading harmless, and rewriting a user's mbox is not ours to do.
 */
export function mboxSource(file: string, options?: SourceOptions): MessageSource {
  const max = maxBytesOf(options);
  return {
    async *messages(signal) {
      await requireRegularFile(file);
      const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
      const splitter = new MboxSplitter(max);
      let n = 0;
      let warned = false;
      const named = (m: { raw: Buffer; truncated: boolean }): SourceMessage => ({ source: `mbox:${file}#${++n}`, ...m });
      const warnOnce = () => {
        if (warned || !splitter.textBeforeFirstMessage) return;
        warned = true;
        options?.onWarning?.({
          code: "mbox-text-before-first-message",
          source: `mbox:${file}`,
          message: `${printable(file)}: text before the first "From " line skipped (is this an mbox file?)`,
        });
      };
      try {
        // the path may have been swapped for a FIFO since the check: never wait on one
        if (!(await handle.stat()).isFile()) throw notRegularFile(file);
        for (;;) {
          // a fresh buffer per read: finished messages are copied out, unfinished ones may still point into it
          const { bytesRead, buffer } = await handle.read(Buffer.allocUnsafe(READ_CHUNK), 0, READ_CHUNK, null);
          const complete = bytesRead === 0 ? splitter.end() : splitter.push(buffer.subarray(0, bytesRead));
          warnOnce();
          for (const m of complete) {
            if (signal.aborted) return;
            yield named(m);
          }
          if (bytesRead === 0) return;
        }
      } finally {
        await handle.close();
      }
    },
    done: async () => {},
    close: async () => {},
  };
}
