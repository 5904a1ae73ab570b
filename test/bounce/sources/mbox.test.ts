import { execFileSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, statSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { mboxSource } from "../../../src/bounce/sources/mbox.js";
import type { MessageSource, SourceMessage, SourceWarning } from "../../../src/bounce/sources/types.js";
import { mboxrd, mboxrdEntry } from "../../helpers/mbox.js";
import { MB, rssGrowth } from "../../helpers/memory.js";

const tmp = () => mkdtempSync(path.join(tmpdir(), "mbox-"));

function mboxFile(content: string | Buffer): string {
  const file = path.join(tmp(), "bounces.mbox");
  writeFileSync(file, content);
  return file;
}

async function read(src: MessageSource, signal = new AbortController().signal): Promise<SourceMessage[]> {
  const out: SourceMessage[] = [];
  for await (const m of src.messages(signal)) out.push(m);
  return out;
}

/** Report number `i`: about 5 KB, every 7th with body lines an mboxrd writer has to escape. */
function report(i: number): string {
  const escaped = i % 7 === 0 ? "From the postmaster, escaped\n>From quoted once\n" : "";
  const text = `From: MAILER-DAEMON@mx.example\nSubject: report ${i}\n\nDear sender,\n${escaped}line of report ${i}\n`;
  return `${text.padEnd(5000, "-")}\n`;
}

describe("mboxSource", () => {
  it("names the messages mbox:<file>#<n> from 1 and unescapes them", async () => {
    const file = mboxFile(mboxrd(["Subject: one\n\nFrom me\n", "Subject: two\n\n>From you\n"]));
    const messages = await read(mboxSource(file));
    expect(messages.map((m) => [m.source, m.raw.toString(), m.truncated])).toEqual([
      [`mbox:${file}#1`, "Subject: one\n\nFrom me\n", false],
      [`mbox:${file}#2`, "Subject: two\n\n>From you\n", false],
    ]);
  });

  it("reads a CRLF mbox", async () => {
    const file = mboxFile(mboxrd(["Subject: one\r\n\r\nFrom me\r\n", "Subject: two\r\n"], "\r\n"));
    expect((await read(mboxSource(file))).map((m) => m.raw.toString())).toEqual(["Subject: one\r\n\r\nFrom me\r\n", "Subject: two\r\n"]);
  });

  it("warns once about text before the first From_ line (an .eml given as --mbox)", async () => {
    const warnings: SourceWarning[] = [];
    const file = mboxFile("Subject: not an mbox\n\nbody\n");
    expect(await read(mboxSource(file, { onWarning: (w) => warnings.push(w) }))).toEqual([]);
    expect(warnings).toEqual([{ code: "mbox-text-before-first-message", source: `mbox:${file}`, message: expect.stringContaining(file) }]);
  });

  it("reads a 100 MB mbox of 20,000 reports and a 12 MB one as a stream, in bounded memory", async () => {
    const file = path.join(tmp(), "big.mbox");
    const fd = openSync(file, "w");
    const huge = `Subject: huge\n\n${"x".repeat(1023)}\n`.repeat(12 * 1024);
    for (let i = 1; i <= 20_000; i++) {
      writeSync(fd, mboxrdEntry(report(i)));
      if (i === 10_000) writeSync(fd, mboxrdEntry(huge));
    }
    closeSync(fd);
    expect(statSync(file).size).toBeGreaterThan(100 * MB);

    let count = 0;
    const wrong: string[] = [];
    let big: SourceMessage | undefined;
    const growth = await rssGrowth(async () => {
      for await (const m of mboxSource(file).messages(new AbortController().signal)) {
        count++;
        if (m.source === `mbox:${file}#10001`) big = m;
        else if (m.raw.toString() !== report(count > 10_001 ? count - 1 : count) || m.truncated) wrong.push(m.source);
      }
    });
    expect(count).toBe(20_001);
    expect(wrong).toEqual([]);
    expect([big?.raw.length, big?.truncated, big?.raw.subarray(0, 14).toString()]).toEqual([10 * MB, true, "Subject: huge\n"]);
    expect(growth).toBeLessThan(60 * MB);
  }, 60_000);

  it("stops after the current message when the signal aborts", async () => {
    const file = mboxFile(mboxrd(["1\n", "2\n", "3\n"]));
    const stop = new AbortController();
    const seen: string[] = [];
    for await (const m of mboxSource(file).messages(stop.signal)) {
      seen.push(m.raw.toString());
      stop.abort();
    }
    expect(seen).toEqual(["1\n"]);
  });

  it.each([
    ["a path that does not exist", (dir: string) => path.join(dir, "missing.mbox"), "does not exist"],
    ["a folder", (dir: string) => dir, "is not a regular file"],
    [
      "a FIFO",
      (dir: string) => {
        execFileSync("mkfifo", [path.join(dir, "fifo")]);
        return path.join(dir, "fifo");
      },
      "is not a regular file",
    ],
  ])("rejects %s with E_SOURCE_PATH (exit 2), naming the path", async (_, pick, found) => {
    const target = pick(tmp());
    await expect(read(mboxSource(target))).rejects.toMatchObject({
      code: "E_SOURCE_PATH",
      exitCode: 2,
      message: expect.stringContaining(`${target} ${found}`),
    });
  });
});
