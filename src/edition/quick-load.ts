/**
 * The fast start of `send`: what an edition's fingerprint is without parsing its lists, and its
 * subscribers alone. A send whose edition is unchanged since the last build (same fingerprint) starts
 * from the issue that build compiled and checked, and reads only the subscribers: on a 10,000-nominee
 * edition that skips seconds of parsing, checking and ranking before the first message.
 * Either function answers null when anything is out of the ordinary (a file unreadable, a problem in
 * it): the caller then loads and checks the whole edition and reports as `check` does.
 */
import path from "node:path";
import { readCsvFile } from "./csv.js";
import { loadEditionConfig, fingerprintOf, listPhotos, loadIntros, photosHash, sha256 } from "./load.js";
import type { EditionConfig } from "./config-schema.js";
import { RowValidator } from "./validate-rows.js";
import { subscriberRow, SUBSCRIBER_COLUMNS } from "./row-schemas.js";
import type { Edition } from "./model.js";
import type { Problem } from "../lib/problem.js";
import { LIMITS, readRegularFile } from "../lib/read-file.js";

/** The files the fingerprint covers besides edition.json, the intros and the photos' names (load.ts hashes the same). */
const LIST_FILES = ["nominees.csv", "authors.csv", "jury.csv", "votes.csv", "previous.csv"] as const;

/** edition.json and the fingerprint `loadEdition` would give the folder; null on any problem. */
export async function quickFingerprint(dir: string): Promise<{ config: EditionConfig; fingerprint: string } | null> {
  const loaded = await loadEditionConfig(dir);
  if (loaded.config === null || loaded.problems.some((p) => p.severity === "error")) return null;
  const hashes = new Map<string, string>([["edition.json", loaded.hash]]);
  for (const name of LIST_FILES) {
    const read = await readRegularFile(path.join(dir, name), { maxBytes: LIMITS.csv });
    if (read.ok) hashes.set(name, sha256(read.bytes));
    else if (read.code !== "missing-file") return null;
  }
  const problems: Problem[] = [];
  const intros = await loadIntros(dir, loaded.config, problems);
  if (problems.length > 0) return null;
  for (const [rel, text] of Object.entries(intros)) hashes.set(rel, sha256(Buffer.from(text)));
  hashes.set("photos/", photosHash(await listPhotos(dir)));
  return { config: loaded.config, fingerprint: fingerprintOf(hashes) };
}

/** What a send needs of an edition: where it is, its settings and its subscribers. */
export type SendEdition = Pick<Edition, "dir" | "config" | "subscribers" | "subscribersFile">;

/**
 * The subscribers file alone, read and validated as `loadEdition` does (null: no file); null for the
 * whole answer when it has an error (the full check reports it with its line and column). The
 * cross-file check of the addresses (check/references.ts) is the caller's.
 */
export async function quickSubscribers(
  dir: string,
  config: EditionConfig,
  subscribersFile: string | undefined,
): Promise<{ edition: SendEdition; warnings: Problem[]; columns: Record<string, number> } | null> {
  const name = subscribersFile ? path.basename(subscribersFile) : "subscribers.csv";
  const location = subscribersFile ? path.resolve(subscribersFile) : path.join(dir, name);
  const base = { dir, config, subscribersFile: name };
  const read = await readRegularFile(location, { maxBytes: LIMITS.csv });
  if (!read.ok)
    return read.code === "missing-file" && subscribersFile === undefined
      ? { edition: { ...base, subscribers: null }, warnings: [], columns: {} }
      : null;
  let validator: RowValidator<ReturnType<typeof subscriberRow>> | null = null;
  const res = readCsvFile(name, read, SUBSCRIBER_COLUMNS, (header) => {
    const v = new RowValidator(header, subscriberRow(config.timezone));
    validator = v;
    return (row) => v.push(row);
  });
  const done = validator as RowValidator<ReturnType<typeof subscriberRow>> | null;
  const problems = [...res.problems, ...(done?.problems ?? [])];
  if (done === null || !res.header || res.rows === 0 || problems.some((p) => p.severity === "error")) return null;
  return { edition: { ...base, subscribers: done.records }, warnings: problems, columns: res.header.columnIndex };
}
