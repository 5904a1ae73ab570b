/**
 * MJML 5 with the options every koepfe mail needs: strict validation, minified output, no web
 * fonts (the default list loads fonts.googleapis.com, a GDPR problem in Germany; the font stack is
 * set with mj-all in the layout), and CSS minification off so htmlnano never needs to find a nested
 * cssnano (with npm 11 it may not: PITFALLS.md).
 */
import type { MJMLParseError, MJMLParsingOptions } from "mjml-core";

export const MJML_OPTIONS: MJMLParsingOptions = {
  validationLevel: "strict",
  minify: true,
  minifyOptions: { minifyCss: false, removeComments: "safe" },
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
    return result.errors.length > 0 ? { ok: false, errors: result.errors } : { ok: true, html: result.html };
  } catch (e) {
    const errors = (e as { errors?: MJMLParseError[] }).errors;
    if (Array.isArray(errors) && errors.length > 0) return { ok: false, errors };
    throw e;
  }
}
