/**
 * The I/O edge of the edition stage: reads an edition folder into an `Edition` plus the problems of
 * each file on its own (syntax, types, lengths). Cross-file checks live in check/.
 * Nothing is written; a missing optional file is simply null. Every file is read with the limits of
 * lib/read-file.ts: only regular files, capped in size, and the files edition.json names (intros)
 * only inside the edition folder.
 */
import { createHash } from "node:crypto";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { readCsvFile, type CsvHeader, type CsvRow, type CsvSpec } from "./csv.js";
import { parseEditionConfig } from "./config-load.js";
import { RowValidator } from "./validate-rows.js";
import { JuryReader } from "./jury.js";
import { RankingConfig, type EditionConfig } from "./config-schema.js";
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
  type JuryRow,
  type Nominee,
} from "./row-schemas.js";
import type { Edition } from "./model.js";
import { deriveSortName } from "../lib/sort-key.js";
import { problem, type Problem } from "../lib/problem.js";
import { UsageError, stopIfInterrupted } from "../lib/errors.js";
import { LIMITS, readRegularFile } from "../lib/read-file.js";

export interface LoadResult {
  /** null only when edition.json or a required CSV could not be read at all. */
  edition: Edition | null;
  problems: Problem[];
  /** Files that were read, for the report's summary. */
  files: string[];
}

export interface LoadOptions {
  /** Reads subscribers from this file instead of the edition's subscribers.csv. */
  subscribersFile?: string | undefined;
  /** Ctrl-C / SIGTERM: reading stops before the next file (InterruptedError). */
  signal?: AbortSignal | undefined;
}

export const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

/** One hash over the hashes of the files, in name order. */
export function fingerprintOf(hashes: ReadonlyMap<string, string>): string {
  const h = createHash("sha256");
  for (const name of [...hashes.keys()].sort()) h.update(`${name}\u0000${hashes.get(name)}\u0000`);
  return h.digest("hex");
}

/** Stops with a usage error when DIR is not a folder. */
export async function assertEditionDir(dir: string): Promise<string> {
  const abs = path.resolve(dir);
  const st = await stat(abs).catch((e: NodeJS.ErrnoException) => e);
  if (st instanceof Error) {
    const why =
      st.code === "ENOENT" || st.code === "ENOTDIR"
        ? "does not exist"
        : st.code === "ELOOP"
          ? "is a symbolic link loop"
          : `cannot be read (${st.code})`;
    throw new UsageError(`edition folder "${dir}" ${why}`);
  }
  if (!st.isDirectory()) throw new UsageError(`"${dir}" is not a folder (an edition is a folder with edition.json and CSV files)`);
  return abs;
}

/** Which photos there are (the check of the photo column depends on it, not on their pixels). */
export const photosHash = (files: ReadonlySet<string>) => sha256(Buffer.from([...files].sort().join("\n")));

export async function listPhotos(dir: string): Promise<Set<string>> {
  const out = new Set<string>();
  const entries = await readdir(path.join(dir, "photos"), { recursive: true, withFileTypes: true }).catch(() => []);
  // only regular files: a symbolic link (which could point anywhere) is not a photo of the edition
  for (const e of entries) {
    if (!e.isFile()) continue;
    const rel = path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/");
    out.add(rel);
  }
  return out;
}

interface Reader<T> {
  readonly records: T[];
  readonly problems: Problem[];
  push(row: CsvRow): void;
}

/**
 * edition.json alone: `koepfe serve` needs only the list's name, and must keep answering while an
 * editor is halfway through fixing a CSV.
 */
export async function loadEditionConfig(
  dir: string,
): Promise<{ config: EditionConfig | null; problems: Problem[]; read: boolean; hash: string }> {
  const configFile = await readRegularFile(path.join(dir, "edition.json"), { maxBytes: LIMITS.json });
  if (!configFile.ok) {
    const message =
      configFile.code === "missing-file"
        ? "edition.json is missing: every edition needs one (see docs/edition-format.md)"
        : `edition.json ${configFile.message}`;
    return { config: null, problems: [problem({ file: "edition.json", code: configFile.code, message })], read: false, hash: "" };
  }
  return { ...parseEditionConfig(configFile.bytes), read: true, hash: sha256(configFile.bytes) };
}

/** Reads, parses and validates every file of an edition; see the module comment. */
export async function loadEdition(dirArg: string, options: LoadOptions = {}): Promise<LoadResult> {
  const dir = await assertEditionDir(dirArg);
  const files: string[] = [];
  const loadedConfig = await loadEditionConfig(dir);
  const problems: Problem[] = [...loadedConfig.problems];
  const config = loadedConfig.config;
  if (loadedConfig.read) files.push("edition.json");
  // what the published list is made of (not the subscribers): a change of any of it is a change of the edition
  const hashes = new Map<string, string>([["edition.json", loadedConfig.hash]]);
  const zone = config?.timezone ?? "Europe/Berlin";
  const ranking = config?.ranking ?? RankingConfig.parse({});
  const columns: Record<string, Record<string, number>> = {};
  /** Files whose header was read but that hold no row at all (reported once; nothing cascades from them). */
  const empty = new Set<string>();

  /**
   * Reads one CSV file and validates its rows while parsing (csv.ts), before the next file is read:
   * the raw rows of a 100,000-row subscribers.csv never share the heap with those of another file.
   */
  async function load<T>(
    name: string,
    spec: CsvSpec,
    required: boolean,
    reader: (header: CsvHeader) => Reader<T>,
    location = path.join(dir, name),
  ): Promise<T[] | null> {
    stopIfInterrupted(options.signal, `stopped before reading ${name}`);
    const read = await readRegularFile(location, { maxBytes: LIMITS.csv });
    if (!read.ok) {
      if (read.code !== "missing-file")
        problems.push(
          problem({ file: name, code: read.code, message: `${location === path.join(dir, name) ? name : location} ${read.message}` }),
        );
      else if (required) problems.push(problem({ file: name, code: "missing-file", message: `${name} is missing: it is required` }));
      return null;
    }
    files.push(name);
    // the subscribers are not part of the list (whatever the file is called, wherever it lies)
    if (spec !== SUBSCRIBER_COLUMNS) hashes.set(name, sha256(read.bytes));
    let active: Reader<T> | null = null;
    const res = readCsvFile(name, read, spec, (header) => {
      const r = reader(header);
      active = r;
      return (row) => r.push(row);
    });
    problems.push(...res.problems);
    if (!res.header || active === null) return null;
    columns[name] = res.header.columnIndex;
    const done: Reader<T> = active;
    if (res.rows === 0 && !res.problems.some((p) => p.code === "csv-quote")) {
      empty.add(name);
      problems.push(
        problem({
          file: name,
          line: 1,
          code: "no-rows",
          severity: required ? "error" : "warning",
          message: `${name} has a header line but no rows: was it saved before the rows were pasted in?`,
        }),
      );
    }
    problems.push(...done.problems);
    return done.records;
  }

  const nominees: Nominee[] | null =
    (await load("nominees.csv", NOMINEE_COLUMNS, true, (h) => new RowValidator(h, NomineeRow)))?.map((n) => ({
      ...n,
      sort_name: n.sort_name ?? deriveSortName(n.name),
    })) ?? null;
  const authors = await load("authors.csv", AUTHOR_COLUMNS, true, (h) => new RowValidator(h, AuthorRow));
  // the criteria columns are named in edition.json: without a valid one, jury.csv is only read for syntax
  const jury = await load(
    "jury.csv",
    config ? { ...JURY_COLUMNS, extra: ranking.criteria.map((c) => c.id) } : { ...JURY_COLUMNS, anyColumn: true },
    false,
    (h): Reader<JuryRow> => (config ? new JuryReader(h, ranking) : { records: [], problems: [], push: () => undefined }),
  );
  const votes = await load("votes.csv", VOTE_COLUMNS, false, (h) => new RowValidator(h, VoteRow));
  const previous = await load("previous.csv", PREVIOUS_COLUMNS, false, (h) => new RowValidator(h, PreviousRow));
  const subscriberName = options.subscribersFile ? path.basename(options.subscribersFile) : "subscribers.csv";
  const subscribers = await load(
    subscriberName,
    SUBSCRIBER_COLUMNS,
    false,
    (h) => new RowValidator(h, subscriberRow(zone)),
    options.subscribersFile ? path.resolve(options.subscribersFile) : undefined,
  );
  if (options.subscribersFile !== undefined && subscribers === null && !problems.some((p) => p.file === subscriberName)) {
    problems.push(
      problem({ file: subscriberName, code: "missing-file", message: `--subscribers ${options.subscribersFile} does not exist` }),
    );
  }

  const intros = await loadIntros(dir, config, problems);
  for (const [rel, text] of Object.entries(intros)) hashes.set(rel, sha256(Buffer.from(text)));
  const photoFiles = await listPhotos(dir);
  hashes.set("photos/", photosHash(photoFiles));
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
          fingerprint: fingerprintOf(hashes),
          photoFiles,
          emptyFiles: empty,
        }
      : null;
  return { edition, problems, files };
}

/** The intro files edition.json names: relative paths that must resolve inside the edition folder. */
export async function loadIntros(dir: string, config: EditionConfig | null, problems: Problem[]): Promise<Record<string, string>> {
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
    const read = await readRegularFile(path.join(dir, rel), { maxBytes: LIMITS.text, within: dir });
    if (!read.ok) {
      const message = read.code === "missing-file" ? `${field}: file "${rel}" does not exist` : `${field}: "${rel}" ${read.message}`;
      problems.push(problem({ file: "edition.json", field, code: read.code, message, value: rel }));
      continue;
    }
    const decoded = decodeText(read.bytes);
    if (!decoded.ok) problems.push(problem({ file: rel, line: decoded.line, code: decoded.code, message: decoded.message }));
    else intros[rel] = decoded.text.replace(/\r\n?/g, "\n");
  }
  return intros;
}
