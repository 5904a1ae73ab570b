import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { stdinSource } from "../../../src/bounce/sources/stdin.js";
import type { MessageSource, SourceMessage } from "../../../src/bounce/sources/types.js";
import { MB, rssGrowth } from "../../helpers/memory.js";

async function all(src: MessageSource, signal = new AbortController().signal): Promise<SourceMessage[]> {
  const out: SourceMessage[] = [];
  for await (const m of src.messages(signal)) out.push(m);
  return out;
}

/** A stream of `total` bytes made of one reused 1 MB chunk: the test itself holds 1 MB, not `total`. */
function bigStream(total: number): { stream: Readable; readBytes: () => number } {
  const chunk = Buffer.alloc(MB, "x");
  let sent = 0;
  const stream = new Readable({
    read() {
      if (sent >= total) return void this.push(null);
      const n = Math.min(MB, total - sent);
      sent += n;
      this.push(n === MB ? chunk : chunk.subarray(0, n));
    },
  });
  return { stream, readBytes: () => sent };
}

describe("stdinSource", () => {
  it("yields the piped bytes as one message named stdin", async () => {
    const raw = Buffer.from("From: MAILER-DAEMON@mx.example\r\nSubject: Undelivered\r\n\r\nä\u0000\xff\r\n", "latin1");
    const messages = await all(stdinSource(Readable.from([raw.subarray(0, 10), raw.subarray(10)])));
    expect(messages).toEqual([{ source: "stdin", raw, truncated: false }]);
  });

  it("keeps exactly maxBytes of a longer input, marks it truncated and still reads the pipe to its end", async () => {
    const { stream, readBytes } = bigStream(3 * MB + 5);
    const [message] = await all(stdinSource(stream, { maxBytes: MB + 7 }));
    expect(message?.raw.length).toBe(MB + 7);
    expect(message?.truncated).toBe(true);
    expect(readBytes()).toBe(3 * MB + 5); // an MTA whose pipe is left unread reports a failed delivery
  });

  it("is not truncated at exactly maxBytes", async () => {
    const [message] = await all(stdinSource(Readable.from([Buffer.alloc(100, "a")]), { maxBytes: 100 }));
    expect([message?.raw.length, message?.truncated]).toEqual([100, false]);
  });

  it("holds a 50 MB input in far less than 50 MB (the default 10 MB cap)", async () => {
    let message: SourceMessage | undefined;
    const growth = await rssGrowth(async () => {
      [message] = await all(stdinSource(bigStream(50 * MB).stream));
    });
    expect(message?.raw.length).toBe(10 * MB);
    expect(message?.truncated).toBe(true);
    expect(growth).toBeLessThan(35 * MB);
  });

  it("yields nothing when the run was stopped before reading began", async () => {
    const stop = new AbortController();
    stop.abort();
    expect(await all(stdinSource(Readable.from([Buffer.from("x")])), stop.signal)).toEqual([]);
  });
});
