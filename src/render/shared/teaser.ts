/**
 * The teaser of an entry card: the nominee's `teaser` column, else the laudation's first sentences
 * that fit in 300 characters; a first sentence longer than that is cut at a word boundary with "…".
 */
export const TEASER_MAX = 300;

// "Dr. Anna", "z. B. Marken", "2. Dezember": a period after these does not end a sentence
const ABBREVIATIONS = new Set([
  "dr",
  "prof",
  "dipl",
  "ing",
  "st",
  "nr",
  "bzw",
  "ca",
  "vgl",
  "inkl",
  "z",
  "b",
  "u",
  "a",
  "d",
  "h",
  "mio",
  "mrd",
  "jan",
  "feb",
  "okt",
  "nov",
  "dez",
  "sept",
  "co",
  "gmbh",
]);

/** Offsets just after each sentence end (".", "!", "?", "…", optionally followed by a closing quote). */
function sentenceEnds(text: string): number[] {
  const ends: number[] = [];
  for (const m of text.matchAll(/[.!?…]["“”»‘’)]*(?=\s+["„“»‚(]?\p{Lu})/gu)) {
    const word = wordBefore(text, m.index);
    if (m[0].startsWith(".") && (ABBREVIATIONS.has(word.toLowerCase()) || /^\d+$/.test(word))) continue;
    ends.push(m.index + m[0].length);
  }
  ends.push(text.length);
  return ends;
}

const LETTER_OR_DIGIT = /^[\p{L}\d]$/u;

/** The word before the punctuation at `end` ("Dr" in "Dr.", "3" in "3..."), scanning backwards. */
function wordBefore(text: string, end: number): string {
  let i = end;
  while (i > 0 && ".!?…".includes(text.charAt(i - 1))) i--;
  let start = i;
  while (start > 0) {
    // a letter outside the BMP is two code units
    const pair = start > 1 && /[\udc00-\udfff]/.test(text.charAt(start - 1)) ? 2 : 1;
    if (!LETTER_OR_DIGIT.test(text.slice(start - pair, start))) break;
    start -= pair;
  }
  return text.slice(start, i);
}

/** Cuts `text` at the last word boundary so that the result with its " …" fits in `max` characters. */
function cutAtWord(text: string, max: number): string {
  const space = text.lastIndexOf(" ", max - 2);
  const head = text.slice(0, space > 0 ? space : max - 2).replace(/[\s,;:–-]+$/u, "");
  return `${head}\u00a0…`;
}

/** The card's teaser for a nominee. Pure; whitespace (paragraph breaks too) collapses to single spaces. */
export function teaserFor(nominee: { teaser?: string | undefined; laudation: string }): string {
  const own = nominee.teaser?.replace(/\s+/g, " ").trim();
  if (own) return own;
  const text = nominee.laudation.replace(/\s+/g, " ").trim();
  if (text.length <= TEASER_MAX) return text;
  // only ends within the limit count; the look-ahead after an end needs at most 4 more characters
  // (space, opening quote, a capital of up to two code units), so the rest is never scanned
  const fitting = sentenceEnds(text.slice(0, TEASER_MAX + 4)).filter((end) => end <= TEASER_MAX);
  const last = fitting[fitting.length - 1];
  return last === undefined ? cutAtWord(text, TEASER_MAX) : text.slice(0, last);
}
