/**
 * The audience of an issue as the ledger and the edition say it: the confirmed rows of
 * subscribers.csv and the sign-ups confirmed through `koepfe serve`, minus the suppression list and
 * the forgotten addresses (known only by their keyed hash, lib/token.ts forgetHash).
 */
import { forgetHash } from "../lib/token.js";
import { selectAudience, type Audience } from "../send/audience.js";
import type { Ledger } from "../send/ledger/ledger.js";
import type { PreparedIssue } from "./prepare-issue.js";

export function audienceOf(p: PreparedIssue, ledger: Ledger | null): Audience {
  const suppressed = ledger?.suppressions.lowerCasedSet() ?? new Set<string>();
  const forgotten = ledger?.forgotten() ?? new Set<string>();
  const secret = p.personalize.secret;
  const isOut = (email: string) => suppressed.has(email.toLowerCase()) || (forgotten.size > 0 && forgotten.has(forgetHash(secret, email)));
  const signUps = (ledger?.subscriptions.confirmed() ?? []).map((s) => ({ email: s.email, firstName: s.firstName }));
  return selectAudience(p.edition.subscribers ?? [], isOut, signUps);
}
