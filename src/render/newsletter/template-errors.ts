/** A broken newsletter template stops the build with the template's file and line, like a compiler. */
import { KoepfeError } from "../../lib/errors.js";
import { problem, type Problem } from "../../lib/problem.js";

export const TEMPLATE_ERROR = "E_NEWSLETTER_TEMPLATE";

export interface TemplateLocation {
  file: string;
  line: number | null;
  message: string;
}

/**
 * One or more template problems as a single error: "templates/newsletter/partials/entry-card.mjml.hbs:12: …".
 * A partial used once per entry reports the same mistake once, not once per entry.
 */
export function templateErrors(label: string, locations: readonly TemplateLocation[], cause?: unknown): KoepfeError {
  const unique = [...new Map(locations.map((l) => [`${l.file}:${l.line}:${l.message}`, l])).values()];
  const problems: Problem[] = unique.map((l) =>
    problem({ file: `${label}/${l.file}`, line: l.line, code: "template-error", message: l.message }),
  );
  const first = problems[0];
  const where = first ? `${first.file}${first.line === null ? "" : `:${first.line}`}: ${first.message}` : label;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : "";
  return new KoepfeError(TEMPLATE_ERROR, `newsletter template error: ${where}${more}`, { problems, cause });
}

export function templateError(label: string, file: string, line: number | null, message: string, cause?: unknown): KoepfeError {
  return templateErrors(label, [{ file, line, message }], cause);
}
