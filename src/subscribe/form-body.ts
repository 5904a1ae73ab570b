/**
 * A strict reader of `application/x-www-form-urlencoded` bytes. URLSearchParams would turn bytes
 * that are not UTF-8 into U+FFFD and leave a broken "%zz" as it is; a sign-up is the proof of a
 * consent, so it is read exactly or not at all.
 */

type Failure = { ok: false; reason: "not-utf8" | "malformed-body" };
export type FormBody = { ok: true; pairs: [name: string, value: string][] } | Failure;

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const PERCENT = 0x25;

function hexValue(byte: number | undefined): number {
  if (byte === undefined) return -1;
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const lower = byte | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

/** One name or value: "+" is a space, "%XX" a byte; the bytes must be UTF-8. */
function decodeComponent(text: string): { ok: true; text: string } | Failure {
  const raw = Buffer.from(text.replaceAll("+", " "), "utf8");
  const bytes: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i] as number;
    if (byte !== PERCENT) {
      bytes.push(byte);
      continue;
    }
    const high = hexValue(raw[i + 1]);
    const low = hexValue(raw[i + 2]);
    if (high < 0 || low < 0) return { ok: false, reason: "malformed-body" };
    bytes.push(high * 16 + low);
    i += 2;
  }
  try {
    return { ok: true, text: utf8.decode(Uint8Array.from(bytes)) };
  } catch {
    return { ok: false, reason: "not-utf8" };
  }
}

/** The name/value pairs of a body in their order; empty segments ("a=1&&b=2") are skipped as browsers do. */
export function parseFormBody(body: Uint8Array): FormBody {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    return { ok: false, reason: "not-utf8" };
  }
  const pairs: [string, string][] = [];
  for (const segment of text.split("&")) {
    if (segment === "") continue;
    const eq = segment.indexOf("=");
    const name = decodeComponent(eq < 0 ? segment : segment.slice(0, eq));
    const value = decodeComponent(eq < 0 ? "" : segment.slice(eq + 1));
    if (!name.ok) return name;
    if (!value.ok) return value;
    pairs.push([name.text, value.text]);
  }
  return { ok: true, pairs };
}
