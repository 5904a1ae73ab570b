/**
 * The newsletter stage's public API: compile each issue once (MJML), personalise per recipient,
 * build the files of `koepfe build`, and the plan (which issue reveals whom).
 */
export type { CompiledIssue, Recipient, PersonalizedMail } from "./model.js";
export { compileIssues, type CompileOptions } from "./compile.js";
export { personalize, webVersion, salutationText, type PersonalizeContext } from "./personalize.js";
export { buildNewsletters, type NewsletterBuildResult, type NewsletterIssueSummary } from "./build.js";
export { planIssues, defaultIssues, selectEntries, type PlannedIssue } from "./plan.js";
export { checkBudget, type BudgetOptions, type BudgetReport } from "./budget.js";
export { resolveSendAt, germanDate, type SendAt } from "./send-at.js";
export { newsletterProblems } from "./validate.js";
