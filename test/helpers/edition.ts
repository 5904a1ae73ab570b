/**
 * Builds small edition folders inside tests, so each test shows its data.
 * `baseFiles()` is a valid 6-nominee edition; override or delete files per test:
 *   const dir = writeEdition({ "votes.csv": "nominee_id,votes\nanna-mueller,3\n" });
 *   const dir = writeEdition({ "jury.csv": null });            // null removes a file
 */
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const LAUDATION =
  "Sie hat in diesem Jahr gezeigt, wie man eine Marke mit Haltung führt. Unter ihrer Leitung wuchs das Team auf vierzig Leute, " +
  "und die Kampagne „Mut zur Lücke“ wurde mehrfach ausgezeichnet.\n\nKolleginnen beschreiben sie als klar, neugierig und unbestechlich. " +
  "Für 2025 plant sie den Umbau der gesamten Mediaplanung auf eigene Daten.";

export const BIO =
  "Lena Beispiel studierte Germanistik in Leipzig, volontierte bei einer Fachzeitschrift und verantwortet die Themenbereiche Marketing, Medien sowie Kreation.";

export function baseConfig(): Record<string, unknown> {
  return {
    title: "100 Köpfe 2024",
    year: 2024,
    locale: "de-DE",
    timezone: "Europe/Berlin",
    base_url: "https://koepfe.example.org/2024/",
    publisher: {
      name: "Beispiel Verlag GmbH",
      address: "Musterstraße 1, 80331 München",
      email: "redaktion@example.org",
      responsible: "Erika Beispiel",
    },
    categories: [
      { id: "marketing", name: "Marketing" },
      { id: "medien", name: "Medien" },
    ],
    jurors: [
      { id: "j1", name: "Jana Eins", company: "Jury AG" },
      { id: "j2", name: "Jörg Zwei", company: "Zweite GmbH" },
      { id: "j3", name: "Jule Drei", company: "Dritte KG" },
    ],
    ranking: {
      mode: "ranked",
      criteria: [
        { id: "impact", name: "Wirkung", weight: 0.5 },
        { id: "innovation", name: "Innovation", weight: 0.5 },
      ],
      scale: { min: 0, max: 10 },
      normalize: "none",
      aggregate: "mean",
      trim: 1,
      quorum: 3,
      weights: { jury: 1, votes: 0 },
      tie_break: ["count_back", "votes"],
      rank_style: "competition",
      conflicts: "exclude",
    },
  };
}

export const NOMINEES: readonly (readonly [id: string, name: string, gender: string, company: string, category: string])[] = [
  ["anna-mueller", "Dr. Anna Müller", "w", "Nordlicht Media GmbH", "marketing"],
  ["bernd-schaefer", "Bernd Schäfer", "m", "Kranich & Söhne", "marketing"],
  ["clara-weiss", "Clara Weiß", "w", "Blau AG", "medien"],
  ["deniz-oezdemir", "Deniz Özdemir", "m", "Grünwerk KG", "medien"],
  ["eva-lang", "Eva Lang", "w", "Funkhaus Süd", "marketing"],
  ["frank-ober", "Frank Ober", "m", "Datenfabrik GmbH", "medien"],
];

/** Rows of scores per juror, nominee order as NOMINEES: j1 and j2 and j3 score everybody. */
export const SCORES: Record<string, readonly (readonly [number, number])[]> = {
  j1: [
    [9, 8],
    [7, 7],
    [6, 5],
    [8, 9],
    [5, 5],
    [4, 6],
  ],
  j2: [
    [8, 8],
    [6, 7],
    [7, 6],
    [9, 9],
    [4, 5],
    [5, 5],
  ],
  j3: [
    [9, 9],
    [7, 6],
    [5, 6],
    [8, 8],
    [6, 4],
    [3, 4],
  ],
};

function csvCell(v: string): string {
  return /[",\n;]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
export function csv(rows: readonly (readonly string[])[]): string {
  return `${rows.map((r) => r.map(csvCell).join(",")).join("\n")}\n`;
}

export function baseFiles(): Record<string, string | Buffer> {
  const nominees = csv([
    ["id", "name", "gender", "role", "company", "category", "author_id", "laudation", "photo", "photo_credit"],
    ...NOMINEES.map(([id, name, gender, company, category]) => [
      id,
      name,
      gender,
      "Geschäftsführung",
      company,
      category,
      "lbeispiel",
      LAUDATION,
      "",
      "",
    ]),
  ]);
  const jury = csv([
    ["juror_id", "nominee_id", "impact", "innovation"],
    ...Object.entries(SCORES).flatMap(([juror, rows]) => rows.map(([a, b], i) => [juror, NOMINEES[i]?.[0] ?? "", String(a), String(b)])),
  ]);
  return {
    "edition.json": JSON.stringify(baseConfig(), null, 2),
    "nominees.csv": nominees,
    "authors.csv": csv([
      ["id", "name", "bio", "topics"],
      ["lbeispiel", "Lena Beispiel", BIO, "Marketing|Medien"],
    ]),
    "jury.csv": jury,
    "votes.csv": csv([["nominee_id", "votes"], ...NOMINEES.map(([id], i) => [id, String((i + 1) * 10)])]),
    "previous.csv": csv([
      ["id", "rank"],
      ["anna-mueller", "3"],
      ["deniz-oezdemir", "1"],
      ["frank-ober", "6"],
    ]),
  };
}

/** Writes an edition into a new temp folder: base files, then overrides (null deletes a file). */
export function writeEdition(
  overrides: Record<string, string | Buffer | null> = {},
  base: Record<string, string | Buffer> = baseFiles(),
): string {
  const dir = mkdtempSync(path.join(tmpdir(), "koepfe-test-"));
  const files: Record<string, string | Buffer | null> = { ...base, ...overrides };
  for (const [name, content] of Object.entries(files)) {
    if (content === null) continue;
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return dir;
}

/** The base config with a change applied (a deep-ish merge of the top level). */
export function configWith(change: (c: Record<string, unknown>) => void): string {
  const c = baseConfig();
  change(c);
  return JSON.stringify(c, null, 2);
}

const NOMINEE_COLUMNS = [
  "id",
  "name",
  "gender",
  "role",
  "company",
  "category",
  "author_id",
  "laudation",
  "teaser",
  "quote",
  "photo",
  "photo_credit",
  "linkedin",
  "website",
] as const;
export type NomineeCells = Partial<Record<(typeof NOMINEE_COLUMNS)[number], string>>;

/** nominees.csv of the base edition with cells changed by nominee id (and extra rows). */
export function nomineesWith(changes: Record<string, NomineeCells> = {}, extra: NomineeCells[] = []): string {
  const base = NOMINEES.map(
    ([id, name, gender, company, category]): NomineeCells => ({
      id,
      name,
      gender,
      role: "Geschäftsführung",
      company,
      category,
      author_id: "lbeispiel",
      laudation: LAUDATION,
      ...changes[id],
    }),
  );
  return csv([[...NOMINEE_COLUMNS], ...[...base, ...extra].map((r) => NOMINEE_COLUMNS.map((c) => r[c] ?? ""))]);
}
