/**
 * Bytes → text the way editors' files arrive: UTF-8 with or without BOM, UTF-16 with BOM, otherwise
 * Windows-1252 (German Excel's "CSV"). Node 20's TextDecoder("windows-1252") maps 0x80–0x9F wrongly,
 * hence iconv-lite. Text is NFC-normalised because macOS exports NFD ("Mu\u0308ller").
 */
import iconv from "iconv-lite";

export type Encoding = "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "windows-1252";

export type Decoded =
  | { ok: true; text: string; encoding: Encoding }
  | { ok: false; code: "binary-file" | "encoding"; message: string; line: number | null };

const utf8Strict = new TextDecoder("utf-8", { fatal: true });

function lineOfOffset(buf: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < buf.length; i++) if (buf[i] === 0x0a) line++;
  return line;
}

/**
 * Text without any character NFC can change is NFC already: a 10 MB file is then not copied again
 * only to come out the same (each copy is garbage the heap has to grow for). The characters are
 * combining marks (macOS exports "u" + U+0308 for "ü"), Hangul jamo, and the singletons NFC maps to
 * something else (Ångström sign, Greek question mark, CJK compatibility ideographs …): generated
 * from Node's own `normalize`, and test/edition/nfc-singletons.test.ts checks the list against the
 * runtime, so the test can never disagree with the normalisation it guards.
 */
export const NFC_SINGLETONS =
  "\\u{374}\\u{37e}\\u{387}\\u{958}-\\u{95f}\\u{9dc}-\\u{9dd}\\u{9df}\\u{a33}\\u{a36}\\u{a59}-\\u{a5b}\\u{a5e}\\u{b5c}-\\u{b5d}\\u{f43}\\u{f4d}\\u{f52}\\u{f57}\\u{f5c}\\u{f69}" +
  "\\u{1f71}\\u{1f73}\\u{1f75}\\u{1f77}\\u{1f79}\\u{1f7b}\\u{1f7d}\\u{1fbb}\\u{1fbe}\\u{1fc9}\\u{1fcb}\\u{1fd3}\\u{1fdb}\\u{1fe3}\\u{1feb}\\u{1fee}-\\u{1fef}\\u{1ff9}\\u{1ffb}\\u{1ffd}" +
  "\\u{2000}-\\u{2001}\\u{2126}\\u{212a}-\\u{212b}\\u{2329}-\\u{232a}\\u{2adc}\\u{f900}-\\u{fa0d}\\u{fa10}\\u{fa12}\\u{fa15}-\\u{fa1e}\\u{fa20}\\u{fa22}\\u{fa25}-\\u{fa26}" +
  "\\u{fa2a}-\\u{fa6d}\\u{fa70}-\\u{fad9}\\u{fb1d}\\u{fb1f}\\u{fb2a}-\\u{fb36}\\u{fb38}-\\u{fb3c}\\u{fb3e}\\u{fb40}-\\u{fb41}\\u{fb43}-\\u{fb44}\\u{fb46}-\\u{fb4e}" +
  "\\u{1d15e}-\\u{1d164}\\u{1d1bb}-\\u{1d1c0}\\u{2f800}-\\u{2fa1d}";

const MAY_CHANGE_UNDER_NFC = new RegExp(`[\\p{M}\\u{1100}-\\u{11ff}${NFC_SINGLETONS}]`, "u");

function toNfc(text: string): string {
  return MAY_CHANGE_UNDER_NFC.test(text) ? text.normalize("NFC") : text;
}

export function decodeText(buf: Uint8Array): Decoded {
  let text: string;
  let encoding: Encoding;
  if (buf[0] === 0xff && buf[1] === 0xfe) {
    text = iconv.decode(Buffer.from(buf.subarray(2)), "utf16le");
    encoding = "utf-16le";
  } else if (buf[0] === 0xfe && buf[1] === 0xff) {
    text = iconv.decode(Buffer.from(buf.subarray(2)), "utf16be");
    encoding = "utf-16be";
  } else {
    const nul = buf.indexOf(0);
    if (nul >= 0) {
      return {
        ok: false,
        code: "binary-file",
        message: 'the file contains NUL bytes: it is binary or UTF-16 without a byte order mark (save it as "CSV UTF-8")',
        line: lineOfOffset(buf, nul),
      };
    }
    const hasBom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
    const body = hasBom ? buf.subarray(3) : buf;
    try {
      text = utf8Strict.decode(body);
      encoding = hasBom ? "utf-8-bom" : "utf-8";
    } catch {
      if (hasBom) {
        return { ok: false, code: "encoding", message: "the file starts with a UTF-8 byte order mark but is not valid UTF-8", line: null };
      }
      text = iconv.decode(Buffer.from(body), "win1252");
      encoding = "windows-1252";
    }
  }
  if (text.includes("\u0000")) {
    return { ok: false, code: "binary-file", message: "the file contains NUL characters", line: null };
  }
  return { ok: true, text: toNfc(text), encoding };
}
