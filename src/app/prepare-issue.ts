/**
 * Everything `send` needs before the first message, from the edition folder alone (no earlier
 * `build`): the checked edition, the ranking, the compiled issue (within its budget) and the settings
 * for headers and unsubscribe links. An edition with check errors is never sent.
 */
import type { Edition } from "../edition/model.js";
import type { NewsletterConfig } from "../edition/config-schema.js";
import { KoepfeError } from "../lib/errors.js";
import { hasErrors, problem, type Problem } from "../lib/problem.js";
import type { Ranking } from "../rank/model.js";
import { compileIssues } from "../render/newsletter/compile.js";
import { planIssues } from "../render/newsletter/plan.js";
import { checkBudget } from "../render/newsletter/budget.js";
import type { CompiledIssue } from "../render/newsletter/model.js";
import type { PersonalizeContext } from "../render/newsletter/personalize.js";
import { parseFrom, type Mailbox, type MailSettings } from "../send/mailer/message.js";
import type { ValidEdition } from "./checked-edition.js";

export interface PreparedIssue {
  edition: Edition;
  newsletter: NewsletterConfig;
  warnings: Problem[];
  compiled: CompiledIssue;
  settings: MailSettings;
  sender: Mailbox;
  personalize: PersonalizeContext;
}

/**
 * Compiles one issue of a checked and ranked edition and checks it against its budget; stops with
 * a KoepfeError (exit 1) when the issue must not go out.
 */
export async function prepareIssue(valid: ValidEdition, ranking: Ranking, issueNumber: number, secret: string): Promise<PreparedIssue> {
  const { edition, warnings } = valid;
  const newsletter = edition.config.newsletter;
  if (!newsletter)
    throw new KoepfeError(
      "E_NO_NEWSLETTER",
      'edition.json has no "newsletter" section: add from, list_id, unsubscribe_url and unsubscribe_mailto (see docs/edition-format.md)',
    );
  const numbers = planIssues(edition, ranking).map((p) => p.issue.number);
  if (!numbers.includes(issueNumber))
    throw new KoepfeError("E_UNKNOWN_ISSUE", `there is no newsletter issue ${issueNumber} (issues: ${numbers.join(", ")})`);
  const [compiled] = await compileIssues(edition, ranking, { only: issueNumber });
  if (!compiled) throw new Error(`issue ${issueNumber} is planned but was not compiled`);

  const budget = checkBudget(compiled, {
    maxHtmlBytes: newsletter.max_html_bytes,
    listId: newsletter.list_id,
    unsubscribeBaseUrl: newsletter.unsubscribe_url,
  });
  const problems = [...budget.problems];
  if (compiled.entryIds.length === 0)
    problems.push(
      problem({ file: "edition.json", field: compiled.field, code: "issue-empty", message: `issue ${issueNumber} selects no entries` }),
    );
  if (hasErrors(problems))
    throw new KoepfeError(
      "E_ISSUE_NOT_SENDABLE",
      `issue ${issueNumber} is not fit to send (see above); "koepfe build" shows the same report`,
      { problems },
    );

  const sender = parseFrom(newsletter.from);
  return {
    edition,
    newsletter,
    warnings: [...warnings, ...problems],
    compiled,
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
    personalize: { secret, listId: newsletter.list_id, unsubscribeBaseUrl: newsletter.unsubscribe_url },
  };
}
