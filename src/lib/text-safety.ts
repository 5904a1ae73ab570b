/**
 * Control characters, in one place. All CSV and relay text is hostile: a C0/C1 control character or
 * a Unicode line separator can end a mail header early or forge a log line, an escape sequence can
 * rewrite the terminal, and the bidi overrides reorder what an editor reads. Validation refuses them
 * in single-line fields; every place that shows foreign text (terminal, logs, headers) replaces them.
 */

/** C0 (tab and line breaks too), DEL, C1 (NEL U+0085 …), U+2028/U+2029: never in a single-line field. */
export const SINGLE_LINE_FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** The same but for a line feed: multi-line text (laudations, bios) keeps its paragraphs. */
export const TEXT_FORBIDDEN = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/;

/** What never reaches a terminal, a log line or a header: controls, separators, bidi overrides. */
const UNSAFE_TO_SHOW = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Foreign text for a terminal, a table or a log line: every unsafe character becomes "?". */
export function printable(text: string): string {
  return text.replace(UNSAFE_TO_SHOW, "?");
}

/** Foreign text for one header line: unsafe characters become spaces, runs of them one space. */
export function singleLine(text: string): string {
  return text.replace(UNSAFE_TO_SHOW, " ").replace(/ {2,}/g, " ").trim();
}
