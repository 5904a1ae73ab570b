/**
 * The fast start of `send ISSUE`: when nothing the issue was made of changed since the last
 * `koepfe build` (the edition's files but its subscribers, the newsletter templates, what went out),
 * that build's check, ranking and compiled issue still hold, and only the subscribers are read. On a
 * 10,000-nominee edition this skips seconds of parsing, checking and ranking before the first
 * message. Anything out of the ordinary (no build, a change since, a problem in the subscribers file,
 * a ledger of another edition) answers null: the caller loads and checks the whole edition, and
 * reports what it finds as `check` does.
 */
import { subscriberDuplicates } from "../check/references.js";
import { assertEditionDir } from "../edition/load.js";
import { quickFingerprint, quickSubscribers } from "../edition/quick-load.js";
import { issueFingerprint } from "./fingerprint.js";
import { loadStoredIssue, storedFingerprintsAre } from "./issue-store.js";
import { fromLedger, readyToSend, type IssueOrigin, type PreparedIssue } from "./prepare-issue.js";
import { readPublished } from "./publication.js";
import type { EditionConfig } from "../edition/config-schema.js";

/** The edition folder as it is now, and the fingerprint an issue compiled from it would carry; null when in doubt. */
async function currentFingerprint(
  dirArg: string,
  env: NodeJS.ProcessEnv,
  templatesDir?: string,
): Promise<{ dir: string; config: EditionConfig; fingerprint: string } | null> {
  const dir = await assertEditionDir(dirArg);
  const quick = await quickFingerprint(dir);
  if (!quick) return null;
  try {
    const published = readPublished({ dir, config: quick.config }, env);
    return { dir, config: quick.config, fingerprint: await issueFingerprint(quick, published, templatesDir) };
  } catch {
    // a ledger of another edition, or none readable: the full path says what is wrong
    return null;
  }
}

export async function quickPrepareIssue(
  request: { dir: string; issue: number; subscribersFile: string | undefined },
  options: { secret: string; env: NodeJS.ProcessEnv; templatesDir?: string },
): Promise<PreparedIssue | null> {
  const current = await currentFingerprint(request.dir, options.env, options.templatesDir);
  const newsletter = current?.config.newsletter;
  if (!current || !newsletter) return null;
  const { dir } = current;
  const stored = await loadStoredIssue(dir, request.issue, current.fingerprint);
  if (stored === null) return null;
  const subscribers = await quickSubscribers(dir, current.config, request.subscribersFile);
  if (subscribers === null) return null;
  const sent = fromLedger({ dir }, request.issue, options.env);
  const origin: IssueOrigin = sent ? { kind: "ledger", publishedAt: sent.publishedAt } : { kind: "build", builtAt: stored.builtAt };
  return readyToSend({
    edition: subscribers.edition,
    newsletter,
    compiled: sent?.compiled ?? stored.issue,
    origin,
    places: stored.places,
    warnings: [
      ...stored.warnings,
      ...subscribers.warnings,
      ...subscriberDuplicates(subscribers.edition.subscribers, subscribers.edition.subscribersFile, (f) => subscribers.columns[f] ?? null),
    ],
    secret: options.secret,
  });
}

/**
 * Whether every issue the last build stored was compiled from the edition as it is now (then a build
 * compiles no issue and needs no MJML); false when in doubt.
 */
export async function storedIssuesCurrent(dirArg: string, env: NodeJS.ProcessEnv, templatesDir?: string): Promise<boolean> {
  try {
    const current = await currentFingerprint(dirArg, env, templatesDir);
    return current !== null && (await storedFingerprintsAre(current.dir, current.fingerprint));
  } catch {
    return false;
  }
}
