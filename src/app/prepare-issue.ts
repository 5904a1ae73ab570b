/**
 * Everything `send` (and `approve`) needs before the first message: the issue as it goes out, its
 * settings for headers and unsubscribe links, and the places it reveals. The issue is, in order:
 * the one that already started going out (the ledger keeps it: a resumed send sends exactly that),
 * the one the last `koepfe build` compiled when nothing it was made of changed since, or compiled
 * here. An issue over its budget, or one that selects nobody, never goes out.
 */
import type { SendEdition } from "../edition/quick-load.js";
import type { NewsletterConfig } from "../edition/config-schema.js";
import { KoepfeError } from "../lib/errors.js";
import { hasErrors, problem, type Problem } from "../lib/problem.js";
import { compileIssues } from "../render/newsletter/compile.js";
import { checkBudget } from "../render/newsletter/budget.js";
import type { CompiledIssue } from "../render/newsletter/model.js";
import type { PersonalizeContext } from "../render/newsletter/personalize.js";
import { parseFrom, type Mailbox, type MailSettings } from "../send/mailer/message.js";
import { openExistingLedger } from "../send/ledger/location.js";
import type { BounceEnvelope } from "../send/source.js";
import { deliveryTag, verpAddress } from "../bounce/verp.js";
import type { ValidEdition } from "./checked-edition.js";
import { placesOf, planForPublication, rankForPublication, revealedBy, type NewPlace } from "./publication.js";
import { issueFingerprint } from "./fingerprint.js";
import { deserializeIssue, loadStoredIssue } from "./issue-store.js";

/** Where the issue that goes out comes from. */
export type IssueOrigin = { kind: "ledger"; publishedAt: string } | { kind: "build"; builtAt: string } | { kind: "compiled" };

export interface PreparedIssue {
  edition: SendEdition;
  newsletter: NewsletterConfig;
  warnings: Problem[];
  compiled: CompiledIssue;
  origin: IssueOrigin;
  /** The places the issue reveals, for the ledger's published state. */
  places: NewPlace[];
  settings: MailSettings;
  sender: Mailbox;
  personalize: PersonalizeContext;
  /** With newsletter.bounce_address: the VERP envelope senders (null: the From address is the envelope sender). */
  bounce: BounceEnvelope | null;
}

/** newsletter.bounce_address as each delivery's own envelope sender, `bounces+<tag>@domain`. */
function bounceEnvelope(newsletter: NewsletterConfig, secret: string, issue: number): BounceEnvelope | null {
  const address = newsletter.bounce_address;
  if (address === undefined) return null;
  return { address, forDelivery: (position) => verpAddress(address, deliveryTag(secret, newsletter.list_id, issue, position)) };
}

/** One sentence on where the issue comes from, for the send's log. */
export function describeOrigin(issue: number, origin: IssueOrigin): string {
  switch (origin.kind) {
    case "ledger":
      return `issue ${issue}: resuming the issue as it started going out at ${origin.publishedAt}`;
    case "build":
      return `issue ${issue}: as compiled by koepfe build at ${origin.builtAt} (nothing changed since)`;
    case "compiled":
      return `issue ${issue}: compiled now (no build of the current edition: the edition, the templates or what went out changed since the last build, or there was none)`;
  }
}

/** The issue that went out, from the ledger; null before its first send. */
export function fromLedger(
  edition: Pick<SendEdition, "dir">,
  issueNumber: number,
  env: NodeJS.ProcessEnv,
): { compiled: CompiledIssue; publishedAt: string } | null {
  const ledger = openExistingLedger(edition.dir, env);
  if (ledger === null) return null;
  try {
    const json = ledger.publication.compiled(issueNumber);
    const at = ledger.publication.issues().find((i) => i.issue === issueNumber)?.publishedAt;
    return json === null || at === undefined ? null : { compiled: deserializeIssue(json), publishedAt: at };
  } finally {
    ledger.close();
  }
}

/**
 * The issue as it goes out, checked against its budget; stops with a KoepfeError (exit 1) when it
 * must not go out. `secret` signs the unsubscribe links (not needed to approve).
 */
export async function prepareIssue(
  valid: ValidEdition,
  issueNumber: number,
  options: { secret: string; env: NodeJS.ProcessEnv; templatesDir?: string },
): Promise<PreparedIssue> {
  const { edition, warnings, published } = valid;
  const newsletter = edition.config.newsletter;
  if (!newsletter)
    throw new KoepfeError(
      "E_NO_NEWSLETTER",
      'edition.json has no "newsletter" section: add from, list_id, unsubscribe_url and unsubscribe_mailto (see docs/edition-format.md)',
    );
  const ranking = rankForPublication(edition, published);
  const plan = planForPublication(edition, ranking, published);
  const planned = plan.find((p) => p.issue.number === issueNumber);
  if (!planned)
    throw new KoepfeError(
      "E_UNKNOWN_ISSUE",
      `there is no newsletter issue ${issueNumber} (issues: ${plan.map((p) => p.issue.number).join(", ")})`,
    );

  let compiled: CompiledIssue;
  let origin: IssueOrigin;
  const sent = fromLedger(edition, issueNumber, options.env);
  if (sent !== null) {
    compiled = sent.compiled;
    origin = { kind: "ledger", publishedAt: sent.publishedAt };
  } else {
    const stored = await loadStoredIssue(edition.dir, issueNumber, await issueFingerprint(edition, published, options.templatesDir));
    if (stored !== null) {
      compiled = stored.issue;
      origin = { kind: "build", builtAt: stored.builtAt };
    } else {
      const removedNames = new Map(published.places.filter((p) => !edition.nominees.some((n) => n.id === p.id)).map((p) => [p.id, p.name]));
      const [fresh] = await compileIssues(edition, ranking, {
        only: issueNumber,
        published: revealedBy(published),
        removedNames,
        ...(options.templatesDir === undefined ? {} : { templatesDir: options.templatesDir }),
      });
      if (!fresh) throw new Error(`issue ${issueNumber} is planned but was not compiled`);
      compiled = fresh;
      origin = { kind: "compiled" };
    }
  }

  return readyToSend({ edition, newsletter, compiled, origin, places: placesOf(planned), warnings, secret: options.secret });
}

/** The parts of an issue ready to go out, before its last checks. */
export interface IssueParts {
  edition: SendEdition;
  newsletter: NewsletterConfig;
  compiled: CompiledIssue;
  origin: IssueOrigin;
  places: NewPlace[];
  warnings: Problem[];
  secret: string;
}

/**
 * An issue checked against its budget, with its mail settings; stops with a KoepfeError (exit 1)
 * when it must not go out.
 */
export function readyToSend(parts: IssueParts): PreparedIssue {
  const { edition, newsletter, compiled, origin, places, warnings } = parts;
  const issueNumber = compiled.number;
  const budget = checkBudget(compiled, {
    maxHtmlBytes: newsletter.max_html_bytes,
    listId: newsletter.list_id,
    unsubscribeBaseUrl: newsletter.unsubscribe_url,
  });
  const problems = [...budget.problems];
  if (compiled.entryIds.length === 0) {
    problems.push(
      problem({ file: "edition.json", field: compiled.field, code: "issue-empty", message: `issue ${issueNumber} selects no entries` }),
    );
  }
  if (hasErrors(problems)) {
    throw new KoepfeError(
      "E_ISSUE_NOT_SENDABLE",
      `issue ${issueNumber} is not fit to send (see above); "koepfe build" shows the same report`,
      { problems },
    );
  }
  const sender = parseFrom(newsletter.from);
  return {
    edition,
    newsletter,
    warnings: [...warnings, ...problems],
    compiled,
    origin,
    places,
    sender,
    settings: {
      year: edition.config.year,
      issue: issueNumber,
      subject: compiled.subject,
      replyTo: newsletter.reply_to,
      listId: newsletter.list_id,
      listTitle: edition.config.title,
      unsubscribeMailto: newsletter.unsubscribe_mailto,
    },
    personalize: { secret: parts.secret, listId: newsletter.list_id, unsubscribeBaseUrl: newsletter.unsubscribe_url },
    bounce: bounceEnvelope(newsletter, parts.secret, issueNumber),
  };
}
