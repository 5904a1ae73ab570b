/**
 * Budget checks of a compiled issue, on its HTML after personalisation (parsed with parse5, a real
 * HTML parser): size (Gmail clips over ~102 KB and the unsubscribe link goes with the rest), alt
 * texts, lang="de", https only, no external stylesheet or font, no placeholder left, subject length,
 * preheader. The figures are measured with the longest recipient the data allows.
 */
import { parse, type DefaultTreeAdapterTypes as T } from "parse5";
import { problem, type Problem } from "../../lib/problem.js";
import { MAX_SUBJECT, type CompiledIssue } from "./model.js";
import { personalize } from "./personalize.js";

export interface BudgetOptions {
  maxHtmlBytes: number;
  listId: string;
  unsubscribeBaseUrl: string;
}

// first_name is at most 80 characters and an address at most 254: "&" escapes to five bytes
const WORST_CASE = { email: `${"x".repeat(64)}@${"y".repeat(63)}.${"z".repeat(63)}.${"w".repeat(61)}`, first_name: "&".repeat(80) };
const MEASURING_SECRET = "budget-measurement-only-secret";

const fmt = (n: number) => n.toLocaleString("en-US");

function elements(node: T.Node, out: T.Element[] = []): T.Element[] {
  if ("tagName" in node) out.push(node);
  if ("childNodes" in node) for (const child of node.childNodes) elements(child, out);
  if (node.nodeName === "template") elements((node as T.Template).content, out);
  return out;
}

function textOf(node: T.Node): string {
  if (node.nodeName === "#text") return (node as T.TextNode).value;
  return "childNodes" in node ? node.childNodes.map(textOf).join("") : "";
}

const attr = (el: T.Element, name: string) => el.attrs.find((a) => a.name === name)?.value;

export interface BudgetReport {
  /** Bytes of the HTML and text after personalisation for the longest recipient the data allows. */
  htmlBytes: number;
  textBytes: number;
  /** Empty when the mail is fit to send. */
  problems: Problem[];
}

/** Measures an issue against its budget. Pure. */
export function checkBudget(issue: CompiledIssue, options: BudgetOptions): BudgetReport {
  const out: Problem[] = [];
  const report = (code: string, message: string, value?: string, field = issue.field) =>
    out.push(problem({ file: "edition.json", field, code, message: `issue ${issue.number}: ${message}`, value }));
  const mail = personalize(issue, WORST_CASE, {
    secret: MEASURING_SECRET,
    listId: options.listId,
    unsubscribeBaseUrl: options.unsubscribeBaseUrl,
  });

  const bytes = Buffer.byteLength(mail.html, "utf8");
  if (bytes > options.maxHtmlBytes) {
    report(
      "budget-html-size",
      `the HTML is ${fmt(bytes)} bytes after personalisation, over the limit of ${fmt(options.maxHtmlBytes)} (newsletter.max_html_bytes): Gmail clips larger mails and hides the unsubscribe link; put fewer entries into this issue or shorten the teasers`,
      String(bytes),
    );
  }
  if ([...issue.subject].length > MAX_SUBJECT)
    report(
      "budget-subject-length",
      `the subject has ${[...issue.subject].length} characters, more than ${MAX_SUBJECT}: mail clients cut it off`,
      issue.subject,
      `${issue.field}.subject`,
    );
  if (issue.preheader.trim() === "")
    report(
      "budget-preheader",
      "the preheader is empty: write the line mail clients show after the subject",
      undefined,
      `${issue.field}.preheader`,
    );

  const nonce = issue.placeholders.salutation.slice(0, issue.placeholders.salutation.lastIndexOf("_"));
  if (mail.html.includes(nonce) || mail.text.includes(nonce))
    report("budget-placeholder-left", "a placeholder was left unfilled after personalisation (a template or MJML changed its spelling)");
  for (const [part, plan] of Object.entries(issue.fill)) {
    if (!plan.slots.includes("unsubscribeUrl"))
      report("budget-no-unsubscribe", `the ${part} part has no unsubscribe link (the footer template must use {{links.unsubscribe}})`);
  }

  const doc = parse(mail.html);
  const all = elements(doc);
  const html = all.find((el) => el.tagName === "html");
  if (!html || attr(html, "lang") !== "de")
    report(
      "budget-lang",
      `the <html> element must have lang="de" (found ${html ? JSON.stringify(attr(html, "lang") ?? "") : "no <html>"})`,
    );
  if (!doc.childNodes.some((n) => n.nodeName === "#documentType")) report("budget-doctype", "the HTML has no <!doctype html>");
  if (!textOf(doc).includes(issue.preheader.trim()))
    report("budget-preheader", "the preheader does not appear in the HTML (the layout must keep <mj-preview>)");
  for (const el of all) {
    if (el.tagName === "img" && (attr(el, "alt") ?? "").trim() === "")
      report("budget-img-alt", `an image has no alt text: ${attr(el, "src") ?? "(no src)"}`, attr(el, "src"));
    for (const a of el.attrs) {
      if (/^(href|src|background|action|srcset)$/.test(a.name) && /^\s*http:/i.test(a.value))
        report("budget-insecure-link", `<${el.tagName} ${a.name}> uses http: (only https is allowed): ${a.value}`, a.value);
      if (a.name === "style" && /url\(\s*['"]?\s*http:/i.test(a.value))
        report("budget-insecure-link", `a style attribute loads http: content: ${a.value}`, a.value);
    }
    if (el.tagName === "link" && /stylesheet|preload|font/i.test(attr(el, "rel") ?? ""))
      report("budget-external-style", `the mail links an external stylesheet or font: ${attr(el, "href") ?? ""}`, attr(el, "href"));
    if (el.tagName === "style" && /@import|@font-face[^}]*url\(/i.test(textOf(el)))
      report("budget-external-style", "a <style> element imports an external stylesheet or font (@import or @font-face with url())");
  }
  return { htmlBytes: bytes, textBytes: Buffer.byteLength(mail.text, "utf8"), problems: out };
}
