/**
 * MJML 5 with the options every koepfe mail needs: strict validation, no web fonts (the default list
 * loads fonts.googleapis.com, a GDPR problem in Germany; the font stack is set with mj-all in the
 * layout), and MJML's own minifier off: loading it (htmlnano and its plugins) cost 0.35–0.5 s on the
 * first compile of every build, which is most of a rebuild after one changed laudation; collapsing
 * the whitespace here gives a smaller mail (44.7 kB vs 44.9 kB for the sample's issue 1) in 1 ms.
 */
import type { MJMLParseError, MJMLParsingOptions } from "mjml-core";

export const MJML_OPTIONS: MJMLParsingOptions = {
  validationLevel: "strict",
  minify: false,
  fonts: {},
  keepComments: false,
};

/**
 * MJML is loaded on the first compile, not at start-up: it costs ~0.4 s and ~60 MB of memory, which
 * `check`, `rank`, `status` and every `send --due` run with nothing due would pay for nothing.
 */
let loaded: Promise<typeof import("mjml")> | null = null;
const mjml = () => (loaded ??= import("mjml").then((m) => m.default));

export type MjmlResult = { ok: true; html: string } | { ok: false; errors: MJMLParseError[] };

/** Compiles MJML; validation errors are returned with their line in `source`, never thrown. */
export async function mjmlToHtml(source: string): Promise<MjmlResult> {
  try {
    const mjml2html = await mjml();
    const result = await mjml2html(source, MJML_OPTIONS);
    return result.errors.length > 0 ? { ok: false, errors: result.errors } : { ok: true, html: collapseWhitespace(result.html) };
  } catch (e) {
    const errors = (e as { errors?: MJMLParseError[] }).errors;
    if (Array.isArray(errors) && errors.length > 0) return { ok: false, errors };
    throw e;
  }
}

/**
 * Runs of whitespace as HTML renders them anyway: one containing a line break becomes that line
 * break (short lines suit quoted-printable), others one space. Only where whitespace is meaningful
 * (pre, textarea, a white-space style) is the mail left as it is.
 */
export function collapseWhitespace(html: string): string {
  if (/<pre\b|<textarea\b|white-space\s*:\s*pre/i.test(html)) return html;
  return html.replace(/[ \t]*\r?\n[ \t\r\n]*/g, "\n").replace(/[ \t]{2,}/g, " ");
}
