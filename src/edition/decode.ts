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
 * something else (Ångström sign, Greek question mark, CJK compatibility ideographs …). The
 * singletons are taken from this runtime's own `normalize` once (≈20 ms), so the test can never
 * disagree with the normalisation it guards; text in Latin-1 and Latin Extended (below U+0300)
 * never needs it.
 */
let mayChangeUnderNfc: RegExp | undefined;

function nfcPattern(): RegExp {
  const singletons: string[] = [];
  for (let cp = 0x300; cp < 0x30000; cp++) {
    if (cp >= 0xd800 && cp < 0xe000) continue;
    const s = String.fromCodePoint(cp);
    if (s.normalize("NFC") !== s) singletons.push(`\\u{${cp.toString(16)}}`);
  }
  return new RegExp(`[\\p{M}\\u{1100}-\\u{11ff}${singletons.join("")}]`, "u");
}

function toNfc(text: string): string {
  if (!/[\u0300-\u{10ffff}]/u.test(text)) return text;
  mayChangeUnderNfc ??= nfcPattern();
  return mayChangeUnderNfc.test(text) ? text.normalize("NFC") : text;
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
