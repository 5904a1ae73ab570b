/**
 * The I/O edge of the edition stage: reads an edition folder into an `Edition` plus the problems of
 * each file on its own (syntax, types, lengths). Cross-file checks live in check/.
 * Nothing is written; a missing optional file is simply null.
 */
import { readFile, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { readCsvBytes, type CsvSpec, type CsvTable } from "./csv.js";
import { parseEditionConfig } from "./config-load.js";
import { validateRows } from "./validate-rows.js";
import { juryRows } from "./jury.js";
import { RankingConfig } from "./config-schema.js";
import { decodeText } from "./decode.js";
import {
  NomineeRow, NOMINEE_COLUMNS, AuthorRow, AUTHOR_COLUMNS, VoteRow, VOTE_COLUMNS, PreviousRow, PREVIOUS_COLUMNS,
  subscriberRow, SUBSCRIBER_COLUMNS, JURY_COLUMNS, type Nominee,
} from "./row-schemas.js";
import type { Edition } from "./model.js";
import { deriveSortName } from "../lib/sort-key.js";
import { problem, type Problem } from "../lib/problem.js";
import { UsageError } from "../lib/errors.js";

export interface LoadResult {
  /** null only when edition.json or a required CSV could not be read at all. */
  edition: Edition | null;
  problems: Problem[];
  /** Files that were read, for the report's summary. */
  files: string[];
}

export interface LoadOptions {
  /** Reads subscribers from this file instead of the edition's subscribers.csv. */
  subscribersFile?: string;
}

async function readBytes(file: string): Promise<Uint8Array | null> {
  try {
    return await readFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
}

/** Stops with a usage error when DIR is not a folder. */
export async function assertEditionDir(dir: string): Promise<string> {
  const abs = path.resolve(dir);
  const st = await stat(abs).catch(() => null);
  if (!st) throw new UsageError(`edition folder "${dir}" does not exist`);
  if (!st.isDirectory()) throw new UsageError(`"${dir}" is not a folder (an edition is a folder with edition.json and CSV files)`);
  return abs;
}

async function listPhotos(dir: string): Promise<Set<string>> {
  const out = new Set<string>();
  const entries = await readdir(path.join(dir, "photos"), { recursive: true, withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    if (!e.isFile()) continue;
    const rel = path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/");
    out.add(rel);
  }
  return out;
}

export async function loadEdition(dirArg: string, options: LoadOptions = {}): Promise<LoadResult> {
  const dir = await assertEditionDir(dirArg);
  const problems: Problem[] = [];
  const files: string[] = [];

  const configBytes = await readBytes(path.join(dir, "edition.json"));
  let config = null;
  if (configBytes === null) problems.push(problem({ file: "edition.json", code: "missing-file", message: "edition.json is missing: every edition needs one (see docs/edition-format.md)" }));
  else {
    files.push("edition.json");
    const parsed = parseEditionConfig(configBytes);
    config = parsed.config;
    problems.push(...parsed.problems);
  }
  const zone = config?.timezone ?? "Europe/Berlin";
  const ranking = config?.ranking ?? RankingConfig.parse({});

  async function table(name: string, spec: CsvSpec, required: boolean, location?: string): Promise<CsvTable | null> {
    const bytes = await readBytes(location ?? path.join(dir, name));
    if (bytes === null) {
      if (required) problems.push(problem({ file: name, code: "missing-file", message: `${name} is missing: it is required` }));
      return null;
    }
    files.push(name);
    const res = readCsvBytes(name, bytes, spec);
    problems.push(...res.problems);
    return res.table;
  }

  const nomineeTable = await table("nominees.csv", NOMINEE_COLUMNS, true);
  const authorTable = await table("authors.csv", AUTHOR_COLUMNS, true);
  const juryTable = await table("jury.csv", config ? { ...JURY_COLUMNS, extra: ranking.criteria.map((c) => c.id) } : { ...JURY_COLUMNS, anyColumn: true }, false);
  const voteTable = await table("votes.csv", VOTE_COLUMNS, false);
  const previousTable = await table("previous.csv", PREVIOUS_COLUMNS, false);
  const subscriberName = options.subscribersFile ? path.basename(options.subscribersFile) : "subscribers.csv";
  const subscriberTable = await table(subscriberName, SUBSCRIBER_COLUMNS, false, options.subscribersFile ? path.resolve(options.subscribersFile) : undefined);

  const rows = <T>(t: CsvTable | null, run: (t: CsvTable) => { records: T[]; problems: Problem[] }): T[] | null => {
    if (!t) return null;
    const res = run(t);
    problems.push(...res.problems);
    return res.records;
  };
  const nominees: Nominee[] | null = rows(nomineeTable, (t) => validateRows(t, NomineeRow))?.map((n) => ({ ...n, sort_name: n.sort_name ?? deriveSortName(n.name) })) ?? null;
  const authors = rows(authorTable, (t) => validateRows(t, AuthorRow));
  // the criteria columns are named in edition.json: without a valid one, jury.csv is only read for syntax
  const jury = juryTable && config ? rows(juryTable, (t) => { const r = juryRows(t, ranking); return { records: r.rows, problems: r.problems }; }) : null;
  const votes = rows(voteTable, (t) => validateRows(t, VoteRow));
  const previous = rows(previousTable, (t) => validateRows(t, PreviousRow));
  const subscribers = rows(subscriberTable, (t) => validateRows(t, subscriberRow(zone)));

  const columns: Record<string, Record<string, number>> = {};
  for (const t of [nomineeTable, authorTable, juryTable, voteTable, previousTable, subscriberTable]) if (t) columns[t.file] = t.columnIndex;

  const intros: Record<string, string> = {};
  for (const [i, issue] of (config?.newsletter?.issues ?? []).entries()) {
    if (issue.intro === undefined) continue;
    const field = `newsletter.issues[${i}].intro`;
    const rel = issue.intro;
    if (!/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(rel) || rel.split("/").some((p) => p.startsWith("."))) {
      problems.push(problem({ file: "edition.json", field, code: "invalid-path", message: `${field} must be a relative path inside the edition folder (e.g. newsletter/01.md)`, value: rel }));
      continue;
    }
    const bytes = await readBytes(path.join(dir, rel));
    if (bytes === null) {
      problems.push(problem({ file: "edition.json", field, code: "missing-file", message: `${field}: file "${rel}" does not exist`, value: rel }));
      continue;
    }
    const decoded = decodeText(bytes);
    if (!decoded.ok) problems.push(problem({ file: rel, line: decoded.line, code: decoded.code, message: decoded.message }));
    else intros[rel] = decoded.text.replace(/\r\n?/g, "\n");
  }

  const edition: Edition | null =
    config && nominees && authors
      ? { dir, config, nominees, authors, jury, votes, previous, subscribers, intros, columns, subscribersFile: subscriberName, photoFiles: await listPhotos(dir) }
      : null;
  return { edition, problems, files };
}
