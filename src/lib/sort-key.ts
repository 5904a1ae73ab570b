/**
 * DIN 5007-2 sort keys ("Telefonbuch" order) and person-identity folding.
 * "Dr. Anna Müller" and "Anna Mueller" fold to the same key, so the checker can find one person
 * entered twice and the ranking can order ties the way a German reader expects.
 */
const TITLES = new Set([
  "dr",
  "prof",
  "professor",
  "dipl",
  "ing",
  "med",
  "phil",
  "rer",
  "nat",
  "mba",
  "ba",
  "ma",
  "msc",
  "bsc",
  "h.c",
  "hc",
  "pd",
  "mag",
]);

/** Lower case, NFC, ä→ae, ö→oe, ü→ue, ß→ss, other accents removed. */
export function foldGerman(text: string): string {
  return text
    .normalize("NFC")
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .normalize("NFC");
}

/** Words of a name without academic titles ("Prof. Dr.-Ing." is dropped). */
function nameWords(name: string): string[] {
  return foldGerman(name)
    .split(/[\s,]+/)
    .map((w) => w.replace(/^[.-]+|[.-]+$/g, ""))
    .filter((w) => w.length > 0)
    .filter(
      (w) =>
        !w
          .split(/[.-]/)
          .filter(Boolean)
          .every((part) => TITLES.has(part)),
    );
}

/** Identity key of a person's name: folded, titles dropped, word order kept. */
export function personKey(name: string): string {
  return nameWords(name).join(" ");
}

/** "Dr. Anna Müller" → "Müller, Anna" (last word is the family name; titles dropped). */
export function deriveSortName(name: string): string {
  const words = name
    .normalize("NFC")
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .filter(
      (w) =>
        !w
          .split(/[.-]/)
          .filter(Boolean)
          .every((part) => TITLES.has(foldGerman(part))),
    );
  if (words.length <= 1) return words.join("");
  const last = words[words.length - 1] ?? "";
  return `${last}, ${words.slice(0, -1).join(" ")}`;
}

/** DIN 5007-2 sort key of a sort name such as "Müller, Anna". */
export function sortKey(sortName: string): string {
  return nameWords(sortName).join(" ");
}

/** Compares two sort names by DIN 5007-2, then by the raw string so the order is total. */
export function compareSortNames(a: string, b: string): number {
  const ka = sortKey(a);
  const kb = sortKey(b);
  if (ka < kb) return -1;
  if (ka > kb) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
