/**
 * Newsletter personalisation: one issue of the sample edition compiled once and filled for 100,000
 * generated recipients (salutation, signed unsubscribe link, web link), against the naive way —
 * Handlebars + MJML for every recipient — for 200 recipients. Single-threaded, so the rate is per core.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { emit, ROOT } from "./lib.js";

const load = async <T>(rel: string) => (await import(pathToFileURL(path.join(ROOT, "dist", rel)).href)) as T;
const nl = {
  ...(await load<typeof import("../../src/render/newsletter/compile.js")>("render/newsletter/compile.js")),
  ...(await load<typeof import("../../src/render/newsletter/personalize.js")>("render/newsletter/personalize.js")),
  ...(await load<typeof import("../../src/render/newsletter/plan.js")>("render/newsletter/plan.js")),
};
const { loadValidEdition: requireValidEdition } = await load<typeof import("../../src/app/checked-edition.js")>("app/checked-edition.js");
const { rankEdition } = await load<typeof import("../../src/rank/rank.js")>("rank/rank.js");
const { loadTemplates } = await load<typeof import("../../src/render/newsletter/templates.js")>("render/newsletter/templates.js");
const { issueContent } = await load<typeof import("../../src/render/newsletter/view-model.js")>("render/newsletter/view-model.js");
const { mjmlToHtml } = await load<typeof import("../../src/render/newsletter/mjml.js")>("render/newsletter/mjml.js");
const { unsubscribeToken } = await load<typeof import("../../src/lib/token.js")>("lib/token.js");

const RECIPIENTS = 100_000;
const NAIVE_RECIPIENTS = 200;
const FIRST_NAMES = ["Anna", "Jörg", "Büşra", "Zoë", undefined, "Marie-Luise", "Ömer", undefined];
const recipients = Array.from({ length: RECIPIENTS }, (_, i) => ({
  email: `leser.${i}@example.org`,
  first_name: FIRST_NAMES[i % FIRST_NAMES.length],
}));

const { edition } = await requireValidEdition(path.join(ROOT, "data"));
const ranking = rankEdition(edition);
const config = edition.config.newsletter;
if (!config) throw new Error("the sample edition has no newsletter section");
const ctx = { secret: "bench-secret-0123456789abcdef", listId: config.list_id, unsubscribeBaseUrl: config.unsubscribe_url };

const compileStart = performance.now();
const issues = await nl.compileIssues(edition, ranking);
const compileSeconds = (performance.now() - compileStart) / 1000;
const first = issues[0];
if (!first) throw new Error("no issue compiled");
const issue = first;

function fillRate(encode: boolean): { rate: number; bytes: number } {
  let bytes = 0;
  for (let i = 0; i < 2_000; i++) nl.personalize(issue, recipients[i] as { email: string }, ctx);
  const start = performance.now();
  for (const r of recipients) {
    const mail = nl.personalize(issue, r, ctx);
    // encoding to UTF-8 is what the SMTP transport does next; without it V8 may keep the string as a rope
    bytes += encode ? Buffer.byteLength(mail.html) + Buffer.byteLength(mail.text) : mail.html.length + mail.text.length;
  }
  return { rate: RECIPIENTS / ((performance.now() - start) / 1000), bytes };
}
const fill = fillRate(false);
const fillEncoded = fillRate(true);

// the naive way: the whole render for every recipient (templates parsed once, to be fair to it)
const templates = await loadTemplates();
const planned = nl.planIssues(edition, ranking)[0];
if (!planned) throw new Error("no planned issue");
const content = issueContent(edition, planned, ranking.mode === "ranked");
const naiveStart = performance.now();
for (const r of recipients.slice(0, NAIVE_RECIPIENTS)) {
  const data = {
    ...content,
    salutation: nl.salutationText(r.first_name),
    links: { web: issue.webUrl, unsubscribe: config.unsubscribe_url + unsubscribeToken(ctx.secret, ctx.listId, r.email) },
  };
  const html = await mjmlToHtml(templates.renderMjml(data));
  if (!html.ok) throw new Error("naive render failed");
  templates.renderText(data);
}
const naiveRate = NAIVE_RECIPIENTS / ((performance.now() - naiveStart) / 1000);

const perSecond = (n: number) => `${Math.round(n).toLocaleString("en-US")} /s`;
emit([
  {
    name: `newsletter: personalised mails per core (compile once, fill), ${RECIPIENTS.toLocaleString("en-US")} recipients`,
    value: perSecond(fill.rate),
    target: ">= 20,000 /s",
    note: `issue 1 (${issue.entryIds.length} entries, ${Math.round(fill.bytes / RECIPIENTS / 1024)} KiB html+text); with UTF-8 encoding of both parts ${perSecond(fillEncoded.rate)}`,
  },
  {
    name: `newsletter: naive (Handlebars + MJML per recipient), ${NAIVE_RECIPIENTS} recipients`,
    value: perSecond(naiveRate),
    note: `compile once + fill is ${Math.round(fill.rate / naiveRate).toLocaleString("en-US")}× faster`,
  },
  {
    name: `newsletter: compile all ${issues.length} issues of the sample edition`,
    value: `${compileSeconds.toFixed(2)} s`,
    note: "includes loading MJML on the first compile (~0.5 s)",
  },
]);
