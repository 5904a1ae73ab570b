/**
 * The confirmation mail of a sign-up (templates/newsletter/confirm/), compiled once when `koepfe
 * serve` starts, with the per-mail fields as placeholders in the same slots an issue has: the
 * salutation, the unsubscribe link, and the one link of the mail — here the confirmation link, in
 * the slot an issue uses for its web version. Each mail is then a fill, never an MJML run.
 */
import path from "node:path";
import type { EditionConfig } from "../../edition/config-schema.js";
import type { FillPlan } from "./model.js";
import { mjmlToHtml } from "./mjml.js";
import { contentNonce, fillPlan, placeholdersFor } from "./placeholders.js";
import { DEFAULT_TEMPLATES_DIR, loadTemplates } from "./templates.js";
import { templateErrors } from "./template-errors.js";

export const DEFAULT_CONFIRM_TEMPLATES_DIR = path.join(DEFAULT_TEMPLATES_DIR, "confirm");

export interface ConfirmMailView {
  config: Pick<EditionConfig, "title" | "publisher">;
  consent: { text: string; version: string };
  ttlHours: number;
}

export interface CompiledConfirmMail {
  subject: string;
  fill: { html: FillPlan; text: FillPlan };
}

export async function compileConfirmMail(view: ConfirmMailView, dir = DEFAULT_CONFIRM_TEMPLATES_DIR): Promise<CompiledConfirmMail> {
  const templates = await loadTemplates(dir);
  const subject = `Bitte bestätigen: Ihre Anmeldung zum Newsletter „${view.config.title}“`;
  const content = {
    subject,
    edition: { title: view.config.title },
    publisher: view.config.publisher,
    consent: view.consent,
    ttlHours: view.ttlHours,
  };
  const placeholders = placeholdersFor(contentNonce(templates.digest, JSON.stringify(content)));
  const data = {
    ...content,
    salutation: placeholders.salutation,
    links: { confirm: placeholders.webUrl, unsubscribe: placeholders.unsubscribeUrl },
  };
  const compiled = await mjmlToHtml(templates.renderMjml(data));
  if (!compiled.ok) {
    throw templateErrors(
      templates.label,
      compiled.errors.map((e) => ({ file: "layout.mjml.hbs", line: null, message: `${e.tagName}: ${e.message}` })),
    );
  }
  const text = templates.renderText(data);
  return { subject, fill: { html: fillPlan(compiled.html, placeholders), text: fillPlan(text, placeholders) } };
}
