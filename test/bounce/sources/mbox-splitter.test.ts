import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyLine, MboxSplitter, type SplitMessage } from "../../../src/bounce/sources/mbox-splitter.js";
import { mboxrd } from "../../helpers/mbox.js";

/** Feeds `text` in pieces cut at `cuts` (byte offsets) and collects every message. */
function split(text: string | Buffer, max = 1 << 20, cuts: number[] = []): SplitMessage[] {
  const bytes = typeof text === "string" ? Buffer.from(text, "latin1") : text;
  const splitter = new MboxSplitter(max);
  const out: SplitMessage[] = [];
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b).concat(bytes.length)) {
    out.push(...splitter.push(bytes.subarray(at, Math.max(at, cut))));
    at = Math.max(at, cut);
  }
  out.push(...splitter.end());
  return out;
}
const texts = (messages: SplitMessage[]) => messages.map((m) => m.raw.toString("latin1"));

describe("classifyLine", () => {
  it.each([
    ["From a@b Thu Nov  5 18:30:00 2026\n", true, "separator"],
    ["From a@b Thu Nov  5 18:30:00 2026\n", false, "plain"],
    ["From:  header\n", true, "plain"],
    [">From x\n", false, "escaped"],
    [">>>From x\n", true, "escaped"],
    ["> From x\n", true, "plain"],
    ["\n", false, "blank"],
    ["\r\n", false, "blank"],
    ["\r", false, "need-more"],
    ["Fro", true, "need-more"],
    [">>Fr", false, "need-more"],
    [">>>", false, "need-more"],
    ["Frx", true, "plain"],
  ] as const)("%j (after an empty line: %s) is %s", (line, afterBlank, kind) => {
    expect(classifyLine(Buffer.from(line), afterBlank)).toBe(kind);
  });
});

describe("MboxSplitter", () => {
  it("splits at From_ lines after an empty line, drops that empty line and unescapes one '>'", () => {
    const file = [
      "From a@x Thu Nov  5 18:30:00 2026",
      "Subject: one",
      "",
      "Dear postmaster,",
      "From the middle of a paragraph, not escaped (no empty line before it)",
      ">From escaped",
      ">>From twice escaped",
      "",
      "From b@x Thu Nov  5 18:31:00 2026",
      "Subject: two",
      "",
      "",
      "",
    ].join("\n");
    expect(texts(split(file))).toEqual([
      "Subject: one\n\nDear postmaster,\nFrom the middle of a paragraph, not escaped (no empty line before it)\nFrom escaped\n>From twice escaped\n",
      "Subject: two\n\n",
    ]);
  });

  it("reads CRLF files and keeps their CRLF", () => {
    const file =
      "From a Thu Nov  5 18:30:00 2026\r\nSubject: one\r\n\r\n>From x\r\n\r\nFrom b Thu Nov  5 18:30:00 2026\r\nSubject: two\r\n";
    expect(texts(split(file))).toEqual(["Subject: one\r\n\r\nFrom x\r\n", "Subject: two\r\n"]);
  });

  it("skips text before the first From_ line and says so", () => {
    const splitter = new MboxSplitter(100);
    const out = [...splitter.push(Buffer.from("Subject: not an mbox\n\nFrom a Thu\nSubject: one\n")), ...splitter.end()];
    expect(texts(out)).toEqual(["Subject: one\n"]);
    expect(splitter.textBeforeFirstMessage).toBe(true);
  });

  it("yields nothing for an empty file and does not warn about empty lines before the first message", () => {
    expect(split("")).toEqual([]);
    const splitter = new MboxSplitter(100);
    expect([...splitter.push(Buffer.from("\n\nFrom a\nx\n")), ...splitter.end()].length).toBe(1);
    expect(splitter.textBeforeFirstMessage).toBe(false);
  });

  it("caps a message at max bytes and marks it truncated, the next one is whole", () => {
    const out = split(mboxrd([`${"a".repeat(50)}\n`, "bbbb\n"]), 10);
    expect(out.map((m) => [m.raw.toString(), m.truncated])).toEqual([
      ["aaaaaaaaaa", true],
      ["bbbb\n", false],
    ]);
  });

  it("keeps a line longer than its look-ahead whole, and a line of 5,000 '>' as text", () => {
    const long = `>>${"x".repeat(10_000)}`;
    const arrows = ">".repeat(5000);
    expect(texts(split(mboxrd([`${long}\n${arrows}\n`]), 1 << 20, [3000, 3001, 9000]))).toEqual([`${long}\n${arrows}\n`]);
  });

  it("gives back what an mboxrd writer wrote, for any messages, either line end, any chunking and any cap", () => {
    const line = fc.constantFrom(
      "",
      "From a",
      "From ",
      ">From b",
      ">>From c",
      "Fro",
      "From",
      ">",
      ">Fro",
      "x",
      "From: header",
      " From indented",
      "\u00e4\u00ff",
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(line, { maxLength: 6 }), { maxLength: 5 }),
        fc.constantFrom("\n" as const, "\r\n" as const),
        fc.array(fc.nat(400), { maxLength: 8 }),
        fc.integer({ min: 1, max: 60 }),
        (messages, eol, cuts, max) => {
          const raws = messages.map((lines) => lines.map((l) => l + eol).join(""));
          const out = split(Buffer.from(mboxrd(raws, eol), "latin1"), max, cuts);
          expect(out.map((m) => [m.raw.toString("latin1"), m.truncated])).toEqual(raws.map((r) => [r.slice(0, max), r.length > max]));
        },
      ),
      { numRuns: 500 },
    );
  });
});
