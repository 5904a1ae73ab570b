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
  NomineeRow,
  NOMINEE_COLUMNS,
  AuthorRow,
  AUTHOR_COLUMNS,
  VoteRow,
  VOTE_COLUMNS,
  PreviousRow,
  PREVIOUS_COLUMNS,
  subscriberRow,
  SUBSCRIBER_COLUMNS,
  JURY_COLUMNS,
  type Nominee,
} from "./row-schemas.js";
import type { Edition } from "./model.js";
import { deriveSortName } from "../lib/sort-key.js";
import { problem, type Problem } from "../lib/problem.js";
import { UsageError } from "../lib/errors.js";
import { collectGarbage } from "../lib/gc.js";

/** Files from this size on are followed by a full garbage collection (lib/gc.ts). */
const LARGE_FILE_BYTES = 1_000_000;

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
  if (configBytes === null)
    problems.push(
      problem({
        file: "edition.json",
        code: "missing-file",
        message: "edition.json is missing: every edition needs one (see docs/edition-format.md)",
      }),
    );
  else {
    files.push("edition.json");
    const parsed = parseEditionConfig(configBytes);
    config = parsed.config;
    problems.push(...parsed.problems);
  }
  const zone = config?.timezone ?? "Europe/Berlin";
  const ranking = config?.ranking ?? RankingConfig.parse({});

  const columns: Record<string, Record<string, number>> = {};
  /**
   * Reads, parses and validates one CSV file before the next is read, so the raw rows of a file
   * (its largest form) are garbage before the next file's exist: a 100,000-row subscribers.csv
   * never shares the heap with the raw rows of nominees.csv.
   */
  async function load<T>(
    name: string,
    spec: CsvSpec,
    required: boolean,
    validate: (t: CsvTable) => { records: T[]; problems: Problem[] },
    location?: string,
  ): Promise<T[] | null> {
    const bytes = await readBytes(location ?? path.join(dir, name));
    if (bytes === null) {
      if (required) problems.push(problem({ file: name, code: "missing-file", message: `${name} is missing: it is required` }));
      return null;
    }
    files.push(name);
    const large = bytes.length >= LARGE_FILE_BYTES;
    const res = readCsvBytes(name, bytes, spec);
    problems.push(...res.problems);
    if (!res.table) return null;
    columns[res.table.file] = res.table.columnIndex;
    // the file's bytes and text are garbage now, and its raw rows once validated
    if (large) collectGarbage();
    const valid = validate(res.table);
    problems.push(...valid.problems);
    if (large) collectGarbage();
    return valid.records;
  }

  const nominees: Nominee[] | null =
    (await load("nominees.csv", NOMINEE_COLUMNS, true, (t) => validateRows(t, NomineeRow)))?.map((n) => ({
      ...n,
      sort_name: n.sort_name ?? deriveSortName(n.name),
    })) ?? null;
  const authors = await load("authors.csv", AUTHOR_COLUMNS, true, (t) => validateRows(t, AuthorRow));
  // the criteria columns are named in edition.json: without a valid one, jury.csv is only read for syntax
  const jury = await load(
    "jury.csv",
    config ? { ...JURY_COLUMNS, extra: ranking.criteria.map((c) => c.id) } : { ...JURY_COLUMNS, anyColumn: true },
    false,
    (t) => {
      if (!config) return { records: [], problems: [] };
      const r = juryRows(t, ranking);
      return { records: r.rows, problems: r.problems };
    },
  );
  const votes = await load("votes.csv", VOTE_COLUMNS, false, (t) => validateRows(t, VoteRow));
  const previous = await load("previous.csv", PREVIOUS_COLUMNS, false, (t) => validateRows(t, PreviousRow));
  const subscriberName = options.subscribersFile ? path.basename(options.subscribersFile) : "subscribers.csv";
  const subscribers = await load(
    subscriberName,
    SUBSCRIBER_COLUMNS,
    false,
    (t) => validateRows(t, subscriberRow(zone)),
    options.subscribersFile ? path.resolve(options.subscribersFile) : undefined,
  );

  const intros: Record<string, string> = {};
  for (const [i, issue] of (config?.newsletter?.issues ?? []).entries()) {
    if (issue.intro === undefined) continue;
    const field = `newsletter.issues[${i}].intro`;
    const rel = issue.intro;
    if (!/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(rel) || rel.split("/").some((p) => p.startsWith("."))) {
      problems.push(
        problem({
          file: "edition.json",
          field,
          code: "invalid-path",
          message: `${field} must be a relative path inside the edition folder (e.g. newsletter/01.md)`,
          value: rel,
        }),
      );
      continue;
    }
    const bytes = await readBytes(path.join(dir, rel));
    if (bytes === null) {
      problems.push(
        problem({ file: "edition.json", field, code: "missing-file", message: `${field}: file "${rel}" does not exist`, value: rel }),
      );
      continue;
    }
    const decoded = decodeText(bytes);
    if (!decoded.ok) problems.push(problem({ file: rel, line: decoded.line, code: decoded.code, message: decoded.message }));
    else intros[rel] = decoded.text.replace(/\r\n?/g, "\n");
  }

  const edition: Edition | null =
    config && nominees && authors
      ? {
          dir,
          config,
          nominees,
          authors,
          jury,
          votes,
          previous,
          subscribers,
          intros,
          columns,
          subscribersFile: subscriberName,
          photoFiles: await listPhotos(dir),
        }
      : null;
  return { edition, problems, files };
}
