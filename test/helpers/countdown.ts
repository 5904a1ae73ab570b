/**
 * A small countdown edition: twelve nominees whose jury scores put nominee k at place k (n01 is the
 * number one), and two issues — issue 1 reveals places 12 to 7 on Monday, 2 December 2024, 7:00,
 * issue 2 places 6 to 1 a day later — with three confirmed subscribers.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { BIO, LAUDATION, baseConfig, csv, writeEdition } from "./edition.js";
import { NEWSLETTER } from "./newsletter.js";
import { SECRET, sendEnv, subscribersCsv, confirmed } from "./send.js";

export const IDS = Array.from({ length: 12 }, (_, i) => `n${String(i + 1).padStart(2, "0")}`);
const FIRST = ["Anna", "Bernd", "Clara", "Deniz", "Eva", "Frank", "Greta", "Hakan", "Ines", "Jonas", "Karla", "Lutz"];
const LAST = ["Ahrens", "Brandt", "Conrad", "Dietz", "Engel", "Fuchs", "Graf", "Hoppe", "Imhof", "Jäger", "Krause", "Lorenz"];
/** The full name of nominee n01 … n12: each appears exactly where the nominee is shown. */
export const NAME = (id: string) => {
  const i = IDS.indexOf(id);
  return `${FIRST[i]} ${LAST[i]}`;
};

export const ISSUES = [
  { number: 1, send_at: "2024-12-02T07:00", subject: "Plätze 12 bis 7", preheader: "Der Auftakt.", ranks: [7, 12] },
  { number: 2, send_at: "2024-12-03T07:00", subject: "Plätze 6 bis 1", preheader: "Das Finale.", ranks: [1, 6] },
];

export function countdownConfig(change: (c: Record<string, unknown>) => void = () => {}): string {
  const c = baseConfig();
  c["newsletter"] = { ...NEWSLETTER, issues: ISSUES };
  change(c);
  return JSON.stringify(c, null, 2);
}

/** Scores that put nominee k at place k; `override` replaces a juror's row for a nominee. */
export function juryCsv(override: Record<string, [number, number]> = {}): string {
  const rows = ["j1", "j2", "j3"].flatMap((j) =>
    IDS.map((id, i) => {
      const [a, b] = override[`${j}/${id}`] ?? [10 - i * 0.5, 10 - i * 0.5];
      return [j, id, String(a), String(b)];
    }),
  );
  return csv([["juror_id", "nominee_id", "impact", "innovation"], ...rows]);
}

export function nomineesCsv(change: Record<string, Record<string, string>> = {}): string {
  const head = ["id", "name", "gender", "role", "company", "category", "author_id", "laudation", "photo", "photo_credit"];
  const rows = IDS.map((id, i) => {
    const base: Record<string, string> = {
      id,
      name: NAME(id),
      gender: i % 2 === 0 ? "w" : "m",
      role: "Geschäftsführung",
      company: `Firma ${LAST[i]} GmbH`,
      category: i % 2 === 0 ? "marketing" : "medien",
      author_id: "lbeispiel",
      laudation: LAUDATION,
      photo: "",
      photo_credit: "",
      ...change[id],
    };
    return head.map((h) => base[h] ?? "");
  });
  return csv([head, ...rows]);
}

export function countdownEdition(overrides: Record<string, string | null> = {}): string {
  return writeEdition({
    "edition.json": countdownConfig(),
    "nominees.csv": nomineesCsv(),
    "authors.csv": csv([
      ["id", "name", "bio"],
      ["lbeispiel", "Lena Beispiel", BIO],
    ]),
    "jury.csv": juryCsv(),
    "votes.csv": null,
    "previous.csv": null,
    "subscribers.csv": subscribersCsv(confirmed(3, "countdown.test")),
    ...overrides,
  });
}

export const countdownEnv = (smtpUrl: string, extra: NodeJS.ProcessEnv = {}) => sendEnv(smtpUrl, { KOEPFE_SECRET: SECRET, ...extra });

/** Every file under `dir`: its path and its text. */
export function filesOf(dir: string): { file: string; text: string }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => {
      const file = path.join(e.parentPath, e.name);
      return { file: path.relative(dir, file), text: readFileSync(file).toString("utf8") };
    });
}

/** Where a nominee shows up in an output folder: in a file's path or text (its id as a path, its name). */
export function tracesOf(dir: string, id: string): string[] {
  const name = NAME(id);
  return filesOf(dir).flatMap(({ file, text }) => [
    ...(file.split(path.sep).includes(id) || file.startsWith(`embed${path.sep}${id}.`) ? [`${file} (path)`] : []),
    ...(text.includes(name) ? [`${file} (name)`] : []),
    ...(new RegExp(`[/"']${id}/`).test(text) ? [`${file} (link)`] : []),
  ]);
}

export function rewrite(dir: string, file: string, text: string): void {
  writeFileSync(path.join(dir, file), text);
}
