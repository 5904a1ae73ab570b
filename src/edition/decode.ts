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
 * Characters that NFC can change: combining marks (macOS exports "u" + U+0308 for "ü"), Hangul
 * jamo, and the few canonical singletons (Ångström, Ohm and Kelvin signs, CJK compatibility
 * ideographs). Text without any of them is NFC already: a 10 MB file is then not copied again only
 * to come out the same (each copy is garbage the heap has to grow for).
 */
const MAY_CHANGE_UNDER_NFC =
  /[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0900-\u0dff\u1100-\u11ff\u1ab0-\u1aff\u1dc0-\u1dff\u2126\u212a\u212b\u20d0-\u20ff\u302a-\u302f\u3099\u309a\uf900-\ufaff\ufe20-\ufe2f]/;

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
