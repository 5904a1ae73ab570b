/** The list of characters NFC maps to something else (edition/decode.ts) is the runtime's own. */
import { describe, expect, it } from "vitest";
import { NFC_SINGLETONS } from "../../src/edition/decode.js";

describe("NFC_SINGLETONS", () => {
  it("names exactly the characters, beyond combining marks and jamo, that this Node's normalize changes", () => {
    const listed = new RegExp(`^[\\p{M}\\u{1100}-\\u{11ff}${NFC_SINGLETONS}]$`, "u");
    const wrong: string[] = [];
    for (let cp = 0; cp < 0x30000; cp++) {
      if (cp >= 0xd800 && cp < 0xe000) continue;
      const s = String.fromCodePoint(cp);
      const changes = s.normalize("NFC") !== s;
      // every character NFC changes must be caught; a listed one that does not change is only a slower path
      if (changes && !listed.test(s)) wrong.push(cp.toString(16));
    }
    expect(wrong).toEqual([]);
  });
});
