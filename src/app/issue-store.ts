/**
 * Compiled issues live in the edition's state folder, `<edition>/.koepfe/issues/<n>/`, never in the
 * published folder: `mail.html` and `mail.txt` (the templates with their per-recipient
 * placeholders, for a look) and `issue.json` (everything `send` needs, and the fingerprint of what
 * the issue was compiled from). `send` takes the issue as the last build compiled it when the
 * fingerprint still matches, and compiles it itself otherwise. With it, the build keeps what its
 * check and ranking found: the places the issue reveals and the edition's warnings, so that such a
 * send need not parse, check and rank the edition again (edition/quick-load.ts).
 */
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { CompiledIssue } from "../render/newsletter/model.js";
import { fillPlan } from "../render/newsletter/placeholders.js";
import { issueContentHash } from "../render/newsletter/content-hash.js";
import { stateFolder } from "../lib/state-folder.js";
import type { Problem } from "../lib/problem.js";
import type { NewPlace } from "./publication.js";

interface StoredMeta {
  version: 2;
  fingerprint: string;
  builtAt: string;
  issue: Omit<CompiledIssue, "html" | "text" | "fill">;
  places: NewPlace[];
  /** The edition's warnings but those of the subscribers file (a send reads that one itself). */
  warnings: Problem[];
}

/** What the build stores of one issue. */
export interface IssueToStore {
  compiled: CompiledIssue;
  places: NewPlace[];
}

/** An issue as the last build stored it. */
export interface StoredIssue {
  issue: CompiledIssue;
  builtAt: string;
  places: NewPlace[];
  warnings: Problem[];
}

const folderOf = (editionDir: string, issue: number) => path.join(stateFolder(editionDir), "issues", String(issue));

async function sameAsStored(folder: string, stored: StoredMeta, parts: { html: string; text: string }): Promise<boolean> {
  try {
    const old = JSON.parse(await readFile(path.join(folder, "issue.json"), "utf8")) as StoredMeta;
    if (JSON.stringify({ ...old, builtAt: "" }) !== JSON.stringify({ ...stored, builtAt: "" })) return false;
    // the parts as stored, not only their names: a hand-edited mail.html is written again
    const [html, text] = await Promise.all(["mail.html", "mail.txt"].map((f) => readFile(path.join(folder, f), "utf8")));
    return html === parts.html && text === parts.text;
  } catch {
    return false;
  }
}

/** Writes the compiled issues; each folder is replaced as a whole (written next to it, then renamed). */
export async function storeIssues(
  editionDir: string,
  issues: readonly IssueToStore[],
  stamp: { fingerprint: string; builtAt: string; warnings: Problem[] },
): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  for (const { compiled: issue, places } of issues) {
    const target = folderOf(editionDir, issue.number);
    const { html, text, fill: _fill, ...meta } = issue;
    const stored: StoredMeta = { version: 2, ...stamp, issue: meta, places };
    const written: [string, string][] = [
      ["mail.html", html],
      ["mail.txt", text],
      ["issue.json", `${JSON.stringify(stored, null, 2)}\n`],
    ];
    files += written.length;
    for (const [, content] of written) bytes += Buffer.byteLength(content);
    // the same issue from the same edition (its content hash covers mail.html and mail.txt): kept as
    // it is, with the time of the build that made it
    if (await sameAsStored(target, stored, { html, text })) continue;
    const tmp = `${target}.tmp-${process.pid}`;
    await rm(tmp, { recursive: true, force: true });
    await mkdir(tmp, { recursive: true });
    for (const [name, content] of written) await writeFile(path.join(tmp, name), content);
    await rm(target, { recursive: true, force: true });
    await rename(tmp, target);
  }
  // issues the plan no longer has (edition.json changed): nothing can send them any more
  const kept = new Set(issues.map((i) => String(i.compiled.number)));
  const root = path.join(stateFolder(editionDir), "issues");
  for (const name of await readdir(root).catch(() => [] as string[]))
    if (/^\d+$/.test(name) && !kept.has(name)) await rm(path.join(root, name), { recursive: true, force: true });
  return { files, bytes };
}

/** True when issues are stored and every one was compiled from `fingerprint`. */
export async function storedFingerprintsAre(editionDir: string, fingerprint: string): Promise<boolean> {
  const root = path.join(stateFolder(editionDir), "issues");
  const names = (await readdir(root).catch(() => [] as string[])).filter((n) => /^\d+$/.test(n));
  if (names.length === 0) return false;
  for (const n of names) {
    const meta = JSON.parse(await readFile(path.join(root, n, "issue.json"), "utf8")) as StoredMeta;
    if (meta.version !== 2 || meta.fingerprint !== fingerprint) return false;
  }
  return true;
}

/** The issue as the last build compiled it, when it was compiled from the same fingerprint; else null. */
export async function loadStoredIssue(editionDir: string, issue: number, fingerprint: string): Promise<StoredIssue | null> {
  const folder = folderOf(editionDir, issue);
  try {
    const meta = JSON.parse(await readFile(path.join(folder, "issue.json"), "utf8")) as StoredMeta;
    if (meta.version !== 2 || meta.fingerprint !== fingerprint || meta.issue.number !== issue) return null;
    const html = await readFile(path.join(folder, "mail.html"), "utf8");
    const text = await readFile(path.join(folder, "mail.txt"), "utf8");
    // mail.html or mail.txt changed since the build (by hand, or half replaced): not what was checked
    if (issueContentHash({ ...meta.issue, html, text }) !== meta.issue.contentHash) return null;
    const compiled: CompiledIssue = {
      ...meta.issue,
      html,
      text,
      fill: { html: fillPlan(html, meta.issue.placeholders), text: fillPlan(text, meta.issue.placeholders) },
    };
    return { issue: compiled, builtAt: meta.builtAt, places: meta.places, warnings: meta.warnings };
  } catch {
    // missing, unreadable or from an older koepfe: the issue is compiled again
    return null;
  }
}

/** A compiled issue as text, for the ledger's record of what went out. */
export function serializeIssue(issue: CompiledIssue): string {
  const { fill: _fill, ...rest } = issue;
  return JSON.stringify(rest);
}

export function deserializeIssue(json: string): CompiledIssue {
  const rest = JSON.parse(json) as Omit<CompiledIssue, "fill">;
  return { ...rest, fill: { html: fillPlan(rest.html, rest.placeholders), text: fillPlan(rest.text, rest.placeholders) } };
}
