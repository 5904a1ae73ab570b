/** One report piped in (`koepfe bounces --stdin`), as a .forward or an MTA pipe transport delivers it. */
import { readStreamCapped } from "./capped-bytes.js";
import { maxBytesOf, type MessageSource, type SourceOptions } from "./types.js";

/**
 * The whole of `stream` as one message named "stdin", capped at `maxBytes` (the rest is read and
 * dropped). Yields nothing when the signal aborted before reading began.
 */
export function stdinSource(stream: NodeJS.ReadableStream, options?: SourceOptions): MessageSource {
  const max = maxBytesOf(options);
  return {
    async *messages(signal) {
      if (signal.aborted) return;
      const { raw, truncated } = await readStreamCapped(stream, max);
      yield { source: "stdin", raw, truncated };
    },
    done: async () => {},
    close: async () => {},
  };
}
