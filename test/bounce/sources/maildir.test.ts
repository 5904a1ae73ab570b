import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync, openSync, writeSync, closeSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { maildirSource } from "../../../src/bounce/sources/maildir.js";
import type { MessageSource, SourceMessage, SourceWarning } from "../../../src/bounce/sources/types.js";
import { MB, rssGrowth } from "../../helpers/memory.js";

/** Writes `files` (relative path → content; a folder when the content is null) into a new temp folder. */
function folder(files: Record<string, string | null>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "maildir-"));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(content === null ? file : path.dirname(file), { recursive: true });
    if (content !== null) writeFileSync(file, content);
  }
  return dir;
}

async function read(src: MessageSource, signal = new AbortController().signal): Promise<SourceMessage[]> {
  const out: SourceMessage[] = [];
  for await (const m of src.messages(signal)) out.push(m);
  return out;
}

const summary = (messages: SourceMessage[], dir: string) => messages.map((m) => [path.relative(dir, m.source), m.raw.toString()]);

describe("maildirSource", () => {
  it("reads new/ and cur/ of a Maildir merged by file name, never tmp/ or dot files", async () => {
    const dir = folder({
      "new/1700000003.M3.host": "three",
      "cur/1700000001.M1.host:2,S": "one",
      "new/1700000002.M2.host": "two",
      "cur/.hidden": "editor backup",
      "tmp/1700000000.M0.host": "still being delivered",
      "stray.eml": "not part of the Maildir",
    });
    const messages = await read(maildirSource(dir));
    expect(summary(messages, dir)).toEqual([
      ["cur/1700000001.M1.host:2,S", "one"],
      ["new/1700000002.M2.host", "two"],
      ["new/1700000003.M3.host", "three"],
    ]);
    expect(messages.every((m) => !m.truncated && path.isAbsolute(m.source) === path.isAbsolute(dir))).toBe(true);
  });

  it("reads the *.eml files of a plain folder by name (code-unit order, whatever the locale)", async () => {
    const dir = folder({ "b.eml": "b", "A.EML": "A", "a.eml": "a", "notes.txt": "no", "Ä.eml": "Ä" });
    expect(summary(await read(maildirSource(dir)), dir)).toEqual([
      ["A.EML", "A"],
      ["a.eml", "a"],
      ["b.eml", "b"],
      ["Ä.eml", "Ä"],
    ]);
  });

  it("skips a folder named x.eml, a FIFO, a symlink to /dev/urandom and a symlink out of the folder, each with a warning", async () => {
    const outside = folder({ "secret.eml": "do not read" });
    const dir = folder({ "1-ok.eml": "ok", "2-folder.eml": null, "6-target.txt": "inside" });
    execFileSync("mkfifo", [path.join(dir, "3-fifo.eml")]);
    symlinkSync("/dev/urandom", path.join(dir, "4-random.eml"));
    symlinkSync(path.join(outside, "secret.eml"), path.join(dir, "5-outside.eml"));
    symlinkSync("6-target.txt", path.join(dir, "6-inside.eml"));
    symlinkSync("nowhere", path.join(dir, "7-dangling.eml"));
    const warnings: SourceWarning[] = [];
    const messages = await read(maildirSource(dir, { onWarning: (w) => warnings.push(w) }));
    expect(summary(messages, dir)).toEqual([
      ["1-ok.eml", "ok"],
      ["6-inside.eml", "inside"],
    ]);
    expect(warnings.map((w) => [path.relative(dir, w.source), w.code])).toEqual([
      ["2-folder.eml", "source-not-regular-file"],
      ["3-fifo.eml", "source-not-regular-file"],
      ["4-random.eml", "source-symlink-outside"],
      ["5-outside.eml", "source-symlink-outside"],
      ["7-dangling.eml", "source-unreadable"],
    ]);
    expect(warnings[0]?.message).toContain("2-folder.eml");
  });

  it("follows the given folder itself when it is a symlink (the user named it)", async () => {
    const real = folder({ "a.eml": "a" });
    const link = path.join(mkdtempSync(path.join(tmpdir(), "link-")), "reports");
    symlinkSync(real, link);
    expect(summary(await read(maildirSource(link)), link)).toEqual([["a.eml", "a"]]);
  });

  it("reads a 50 MB message only up to the cap, without its 50 MB reaching the memory", async () => {
    const dir = folder({});
    const fd = openSync(path.join(dir, "big.eml"), "w");
    const chunk = Buffer.alloc(MB, "y");
    for (let i = 0; i < 50; i++) writeSync(fd, chunk);
    closeSync(fd);
    let messages: SourceMessage[] = [];
    const growth = await rssGrowth(async () => {
      messages = await read(maildirSource(dir));
    });
    expect(messages.map((m) => [m.raw.length, m.truncated])).toEqual([[10 * MB, true]]);
    expect(growth).toBeLessThan(30 * MB);
    const [small] = await read(maildirSource(dir, { maxBytes: 3 }));
    expect([small?.raw.toString(), small?.truncated]).toEqual(["yyy", true]);
  });

  it("stops after the current message when the signal aborts", async () => {
    const dir = folder({ "a.eml": "a", "b.eml": "b", "c.eml": "c" });
    const stop = new AbortController();
    const seen: string[] = [];
    for await (const m of maildirSource(dir).messages(stop.signal)) {
      seen.push(m.raw.toString());
      stop.abort();
    }
    expect(seen).toEqual(["a"]);
  });

  it.each([
    ["a path that does not exist", (dir: string) => path.join(dir, "missing"), "does not exist"],
    ["a regular file", (dir: string) => path.join(dir, "a.eml"), "is not a folder"],
  ])("rejects %s with E_SOURCE_PATH (exit 2), naming the path", async (_, pick, found) => {
    const target = pick(folder({ "a.eml": "a" }));
    await expect(read(maildirSource(target))).rejects.toMatchObject({
      code: "E_SOURCE_PATH",
      exitCode: 2,
      message: expect.stringContaining(`${target} ${found}`),
    });
  });
});
