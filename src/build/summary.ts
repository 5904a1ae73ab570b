/** What a build wrote, for the command's report: files and bytes per kind, each issue's size, the time. */
import type { SiteResult } from "../render/site/write.js";
import { displayPath } from "../lib/paths.js";

export interface KindFigures {
  files: number;
  bytes: number;
}

export interface IssueFigures {
  number: number;
  subject: string;
  /** The mail's HTML after personalisation for the longest recipient: what the budget limits. */
  htmlBytes: number;
  maxHtmlBytes: number;
  textBytes: number;
}

export interface BuildSummary {
  /** Absolute path of the output folder. */
  out: string;
  pages: number;
  mails: number;
  kinds: {
    pages: KindFigures;
    newsletterWeb: KindFigures;
    mails: KindFigures;
    embeds: KindFigures;
    photos: KindFigures;
    assets: KindFigures;
    meta: KindFigures;
  };
  issues: IssueFigures[];
  seconds: number;
  warnings: number;
  /** What a countdown build shows: "public as of …: 12 of 100 places; next: …". */
  reveal: string | null;
  /** Why the site has no sign-up form, when it has none although the edition has a newsletter. */
  signUpNote?: string;
}

export interface NewsletterFigures {
  web: KindFigures;
  mails: KindFigures;
  issues: IssueFigures[];
}

export function summarize(
  out: string,
  site: SiteResult,
  newsletters: NewsletterFigures,
  seconds: number,
  warnings: number,
  reveal: string | null = null,
): BuildSummary {
  const of = (k: keyof SiteResult["files"]): KindFigures => ({ files: site.files[k], bytes: site.bytes[k] });
  return {
    out,
    pages: site.files.page + newsletters.web.files,
    mails: newsletters.issues.length,
    kinds: {
      pages: of("page"),
      newsletterWeb: newsletters.web,
      mails: newsletters.mails,
      embeds: of("embed"),
      photos: of("photo"),
      assets: of("asset"),
      meta: of("meta"),
    },
    issues: newsletters.issues,
    seconds,
    warnings,
    reveal,
  };
}

/** 1,234 bytes → "1.2 kB" (decimal units, as the mail budget is given in bytes). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

const LABELS: Record<keyof BuildSummary["kinds"], string> = {
  pages: "site pages",
  newsletterWeb: "newsletter web versions",
  mails: "compiled issues (.koepfe/issues/)",
  embeds: "embeds (html + mjml)",
  photos: "photos (original + resized)",
  assets: "css + images",
  meta: "sitemap.xml + robots.txt",
};

/** A folder as the user would type it: relative below the working directory, else absolute. */

export function formatSummary(s: BuildSummary): string {
  const lines = [`built ${displayPath(s.out)}/ in ${s.seconds.toFixed(2)} s: ${s.pages} pages, ${s.mails} mails`];
  const kinds = Object.entries(s.kinds) as [keyof BuildSummary["kinds"], KindFigures][];
  const width = Math.max(...Object.values(LABELS).map((l) => l.length));
  for (const [kind, f] of kinds) {
    if (f.files === 0) continue;
    lines.push(`  ${LABELS[kind].padEnd(width)}  ${String(f.files).padStart(6)}  ${formatBytes(f.bytes).padStart(9)}`);
  }
  // the compiled issues are in the state folder, not in the output: not part of its total
  const total = kinds
    .filter(([k]) => k !== "mails")
    .reduce((t, [, f]) => ({ files: t.files + f.files, bytes: t.bytes + f.bytes }), { files: 0, bytes: 0 });
  lines.push(`  ${"total in the output".padEnd(width)}  ${String(total.files).padStart(6)}  ${formatBytes(total.bytes).padStart(9)}`);
  if (s.issues.length > 0) {
    lines.push("newsletter issues (mail HTML after personalisation / budget, text part):");
    for (const i of s.issues) {
      lines.push(
        `  #${String(i.number).padEnd(3)} ${formatBytes(i.htmlBytes).padStart(8)} / ${formatBytes(i.maxHtmlBytes)}  ${formatBytes(i.textBytes).padStart(8)}  ${i.subject}`,
      );
    }
  }
  if (s.reveal !== null) lines.push(s.reveal);
  if (s.signUpNote !== undefined) lines.push(s.signUpNote);
  if (s.warnings > 0) lines.push(`${s.warnings} warning${s.warnings === 1 ? "" : "s"} in the edition (run "koepfe check" to see them)`);
  return `${lines.join("\n")}\n`;
}
