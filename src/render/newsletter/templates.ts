/**
 * Loads the newsletter templates (templates/newsletter/: layout.mjml.hbs, partials/*.mjml.hbs,
 * text.txt.hbs) into an isolated Handlebars environment: strict (an unknown variable is an error),
 * escaping by default, one registered helper (`eq`), and no triple-stash at all, so no template
 * edit can put CSV text into the mail unescaped. Errors name the template file and line.
 */
import { createHash } from "node:crypto";
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import Handlebars from "handlebars";
import { KoepfeError } from "../../lib/errors.js";
import { templateError } from "./template-errors.js";
import { instrumentLines } from "./template-lines.js";

export const DEFAULT_TEMPLATES_DIR = path.resolve(import.meta.dirname, "../../../templates/newsletter");
const LAYOUT = "layout.mjml.hbs";
const TEXT = "text.txt.hbs";
const PARTIALS = "partials";
const PARTIAL_EXT = ".mjml.hbs";

const HELPERS = { eq: (a: unknown, b: unknown) => a === b } as const;
const COMPILE: CompileOptions = {
  strict: true,
  knownHelpersOnly: true,
  knownHelpers: Object.fromEntries(Object.keys(HELPERS).map((h) => [h, true])),
};
type CompileOptions = Parameters<typeof Handlebars.compile>[1];

export interface NewsletterTemplates {
  /** How messages name the folder ("templates/newsletter" for the built-in one). */
  label: string;
  /** SHA-256 over every template source (part of the placeholder nonce). */
  digest: string;
  /** Files in load order (index = file number in instrumented markers). */
  files: string[];
  renderMjml(data: object): string;
  renderText(data: object): string;
}

interface Source {
  file: string;
  text: string;
}

type AstNode = { type?: string; escaped?: boolean; name?: { original?: unknown }; loc?: { start: { line: number } } };

/** Parse errors, partials that do not exist, and triple-stashes, found before anything is rendered. */
function lint(src: Source, label: string, partialNames: ReadonlySet<string>, allowRaw: boolean): void {
  let ast: unknown;
  try {
    ast = Handlebars.parse(src.text);
  } catch (e) {
    const line = /line (\d+)/.exec((e as Error).message)?.[1];
    throw templateError(
      label,
      src.file,
      line === undefined ? null : Number(line),
      (e as Error).message.split("\n").at(-1) ?? "parse error",
    );
  }
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (node === null || typeof node !== "object") return;
    const n = node as AstNode;
    const line = n.loc?.start.line ?? null;
    if (n.type === "MustacheStatement" && n.escaped === false && !allowRaw) {
      throw templateError(
        label,
        src.file,
        line,
        "{{{ }}} and {{& }} are not allowed: every text is escaped ({{intro.html}} is already safe HTML)",
      );
    }
    if (
      (n.type === "PartialStatement" || n.type === "PartialBlockStatement") &&
      typeof n.name?.original === "string" &&
      !partialNames.has(n.name.original)
    ) {
      throw templateError(
        label,
        src.file,
        line,
        `the partial "${n.name.original}" does not exist (partials: ${[...partialNames].join(", ")})`,
      );
    }
    for (const [key, value] of Object.entries(n)) if (key !== "loc") visit(value);
  };
  visit(ast);
}

function located(fn: (data: object, options?: Handlebars.RuntimeOptions) => string, label: string, file: string) {
  return (data: object, options?: Handlebars.RuntimeOptions): string => {
    try {
      return fn(data, options);
    } catch (e) {
      if (e instanceof KoepfeError) throw e;
      // strict-mode errors carry lineNumber; compile errors (an unknown helper) only end in " - line:column"
      const message = (e as Error).message;
      const line = (e as { lineNumber?: number }).lineNumber ?? Number(/ - (\d+):\d+$/.exec(message)?.[1] ?? Number.NaN);
      throw templateError(label, file, Number.isNaN(line) ? null : line, message.replace(/ - \d+:\d+$/, ""), e);
    }
  };
}

async function readSources(dir: string): Promise<{ layout: Source; text: Source; partials: Source[] }> {
  const read = async (file: string): Promise<Source> => ({ file, text: await readFile(path.join(dir, file), "utf8") });
  const names = (await readdir(path.join(dir, PARTIALS)).catch(() => [])).filter((f) => f.endsWith(PARTIAL_EXT)).sort();
  return { layout: await read(LAYOUT), text: await read(TEXT), partials: await Promise.all(names.map((n) => read(`${PARTIALS}/${n}`))) };
}

function digestOf(sources: Awaited<ReturnType<typeof readSources>>): string {
  return createHash("sha256")
    .update(JSON.stringify([sources.layout, ...sources.partials, sources.text]))
    .digest("hex");
}

/** The digest of the templates of `dir` without compiling them: is a stored compiled issue still current? */
export async function templatesDigest(dir: string = DEFAULT_TEMPLATES_DIR): Promise<string> {
  return digestOf(await readSources(dir));
}

/** The templates last compiled per folder and kind, by the hash of their sources: a preview's rebuild reuses them. */
const compiledLast = new Map<string, NewsletterTemplates>();

/**
 * Reads and compiles the templates of `dir`. With `instrument`, every MJML template line ends in a
 * marker naming its file and line (see template-lines.ts): used only to locate an MJML error.
 */
export async function loadTemplates(
  dir: string = DEFAULT_TEMPLATES_DIR,
  options: { instrument?: boolean } = {},
): Promise<NewsletterTemplates> {
  const label = dir === DEFAULT_TEMPLATES_DIR ? "templates/newsletter" : dir;
  let sources: Awaited<ReturnType<typeof readSources>>;
  try {
    sources = await readSources(dir);
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).path;
    throw templateError(
      label,
      missing === undefined ? "." : path.relative(dir, missing),
      null,
      `cannot read the template (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      e,
    );
  }
  const digest = digestOf(sources);
  const key = `${dir}\u0000${options.instrument === true}\u0000${digest}`;
  const memo = compiledLast.get(key);
  if (memo) return memo;
  const mjmlSources = [sources.layout, ...sources.partials];
  const files = [...mjmlSources, sources.text].map((s) => s.file);
  const partialName = (file: string) => path.basename(file, PARTIAL_EXT);
  const partialNames = new Set(sources.partials.map((p) => partialName(p.file)));
  for (const src of mjmlSources) lint(src, label, partialNames, false);
  lint(sources.text, label, new Set(), true);

  const hb = Handlebars.create();
  for (const [name, helper] of Object.entries(HELPERS)) hb.registerHelper(name, helper);
  const compile = (src: Source, extra: CompileOptions = {}) => {
    const text = options.instrument && src !== sources.text ? instrumentLines(src.text, files.indexOf(src.file)) : src.text;
    return located(hb.compile(text, { ...COMPILE, ...extra }), label, src.file);
  };
  for (const p of sources.partials) hb.registerPartial(partialName(p.file), compile(p) as unknown as Handlebars.Template);
  const layout = compile(sources.layout);
  // the text part is text/plain: HTML entities would show up literally in it
  const text = compile(sources.text, { noEscape: true });
  const templates: NewsletterTemplates = { label, digest, files, renderMjml: (data) => layout(data), renderText: (data) => text(data) };
  // one set per kind: the plain and the instrumented ones alternate when an MJML error is located
  for (const k of compiledLast.keys()) if (k.startsWith(`${dir}\u0000${options.instrument === true}\u0000`)) compiledLast.delete(k);
  compiledLast.set(key, templates);
  return templates;
}
