/**
 * The shell of every sign-up page: German, no external resource (no fonts, no scripts, no images:
 * nothing to leak a reader's visit to a third party), inline CSS in the style of the unsubscribe pages.
 */
import Handlebars from "handlebars";

/** Escapes text for HTML content and quoted attributes (& < > " ' ` =). */
export const escapeHtml = (text: string): string => Handlebars.Utils.escapeExpression(text);

const FONT = `system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif`;

// Colours keep 4.5:1 against white for text and 3:1 for input borders (WCAG 1.4.3, 1.4.11).
const CSS = `body{font:17px/1.5 ${FONT};max-width:34rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a;background:#fff}
h1{font-size:1.5rem;line-height:1.3}a{color:#0b4f8a}
.field{margin:0 0 1.25rem}label{display:block;font-weight:600}
input[type=email],input[type=text]{font:inherit;width:100%;box-sizing:border-box;margin-top:.25rem;padding:.5rem .6rem;border:2px solid #595959;border-radius:4px}
input[aria-invalid=true]{border-color:#b00020}
.consent{display:grid;grid-template-columns:auto 1fr;gap:.25rem .75rem;align-items:start}
.consent input{width:1.4rem;height:1.4rem;margin:.15rem 0 0}.consent label{font-weight:400}
.consent .error{grid-column:1/-1}.consent .hint{grid-column:2}
.hint{margin:.25rem 0 0;font-size:.9rem;color:#4a4a4a}.error{margin:.25rem 0 0;font-weight:600;color:#b00020}
.summary{margin:0 0 1.5rem;padding:.75rem 1rem;border:3px solid #b00020}
.summary h2{margin:0 0 .5rem;font-size:1.15rem}.summary ul{margin:0;padding-left:1.2rem}.summary a{color:#b00020;font-weight:600}
button{font:inherit;padding:.6rem 1.2rem;border:0;border-radius:4px;background:#0b4f8a;color:#fff;cursor:pointer}
:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px}
.visually-hidden{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip-path:inset(50%);white-space:nowrap;border:0}`;

/** A whole German page: one `<main>` around `body`, which brings the page's only h1. */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><meta name="referrer" content="no-referrer"><title>${escapeHtml(title)}</title>
<style>${CSS}</style></head>
<body><main>${body}</main></body></html>
`;
}
