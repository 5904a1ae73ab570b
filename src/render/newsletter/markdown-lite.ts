/**
 * The intro of an issue is "Markdown-lite": paragraphs (separated by a blank line), **bold** and
 * [links](https://…). Everything else is text and is escaped, so an intro can never inject markup.
 * A link whose target is not https becomes plain text (and `check` reports it).
 */
import Handlebars from "handlebars";
import { isHttpsUrl } from "../../edition/fields.js";

const escapeHtml = Handlebars.Utils.escapeExpression;
// the target may hold one level of balanced parentheses, as in Wikipedia URLs
const LINK = /\[([^\]\n]+)\]\(((?:[^()\s]|\([^()\s]*\))+)\)/g;
const BOLD = /\*\*(.+?)\*\*/g;

export interface IntroParts {
  /** `<p>` elements, safe to place in the mail's HTML as is. */
  html: string;
  /** Paragraphs separated by a blank line; links written as "text (url)". */
  text: string;
}

function paragraphs(source: string): string[] {
  return source
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n/)
    .map((p) => p.replace(/\s+/g, " ").trim())
    .filter((p) => p.length > 0);
}

const inlineHtml = (s: string) => escapeHtml(s).replace(BOLD, "<strong>$1</strong>");
const inlineText = (s: string) => s.replace(BOLD, "$1");

function convertParagraph(p: string, mode: "html" | "text"): string {
  let out = "";
  let last = 0;
  for (const m of p.matchAll(LINK)) {
    const [whole, label = "", url = ""] = m;
    const before = p.slice(last, m.index);
    if (mode === "html")
      out += inlineHtml(before) + (isHttpsUrl(url) ? `<a href="${escapeHtml(url)}">${inlineHtml(label)}</a>` : inlineHtml(label));
    else out += inlineText(before) + (isHttpsUrl(url) ? `${inlineText(label)} (${url})` : inlineText(label));
    last = m.index + whole.length;
  }
  const rest = p.slice(last);
  return out + (mode === "html" ? inlineHtml(rest) : inlineText(rest));
}

/** Converts an intro text to HTML paragraphs and to plain text. Pure. */
export function renderIntro(source: string): IntroParts {
  const ps = paragraphs(source);
  return {
    html: ps.map((p) => `<p>${convertParagraph(p, "html")}</p>`).join(""),
    text: ps.map((p) => convertParagraph(p, "text")).join("\n\n"),
  };
}

/** Links in an intro whose target is not an https URL, with their 1-based line, for `check`. */
export function nonHttpsLinks(source: string): { line: number; url: string }[] {
  return source
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .flatMap((text, i) => [...text.matchAll(LINK)].filter((m) => !isHttpsUrl(m[2] ?? "")).map((m) => ({ line: i + 1, url: m[2] ?? "" })));
}
