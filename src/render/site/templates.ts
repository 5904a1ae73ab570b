/**
 * The site templates (templates/site/): Handlebars in strict mode (an unknown variable is an error,
 * not an empty string), escaping by default. Read and compiled once per build; a syntax or runtime
 * error becomes a build error naming the template file.
 */
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import Handlebars from "handlebars";
import { KoepfeError } from "../../lib/errors.js";
import { displayPath } from "../../lib/paths.js";
import { hashKey } from "../../lib/content-cache.js";

/** templates/site/ of the installed package (src/render/site and dist/render/site are three levels deep). */
export const DEFAULT_TEMPLATES_DIR = path.resolve(import.meta.dirname, "../../../templates/site");

export const PAGE_TEMPLATES = ["index", "person", "category", "author", "newsletter", "404"] as const;
export const EMBED_TEMPLATES = ["teaser.html", "card.html", "teaser.mjml", "card.mjml"] as const;
export type TemplateName = `pages/${(typeof PAGE_TEMPLATES)[number]}` | `embed/${(typeof EMBED_TEMPLATES)[number]}`;

export interface SiteTemplates {
  render(name: TemplateName, view: object): string;
  /** A hash of every template source: part of each rendered page's cache key. */
  digest: string;
  /** The stylesheet as written in templates/site/assets/site.css. */
  css: string;
}

/** A template file as the editor would find it: relative below the working directory, else absolute. */
function templateError(file: string, e: unknown): KoepfeError {
  const message = (e instanceof Error ? e.message : String(e)).replace(/\s+/g, " ").trim();
  return new KoepfeError("E_TEMPLATE", `${displayPath(file)}: ${message}`, { cause: e });
}

async function readTemplate(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (e) {
    throw new KoepfeError(
      "E_TEMPLATE_MISSING",
      `template ${displayPath(file)} cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`,
      { cause: e },
    );
  }
}

/** The templates last compiled, by the hash of their sources: a preview's rebuild reuses them. */
let last: { key: string; templates: SiteTemplates } | null = null;

/** Reads and compiles every site template; parse errors surface here, before anything is written. */
export async function loadSiteTemplates(dir: string = DEFAULT_TEMPLATES_DIR): Promise<SiteTemplates> {
  const partialDir = path.join(dir, "partials");
  const partialFiles = (await readdir(partialDir).catch(() => [] as string[])).filter((f) => f.endsWith(".hbs"));
  const names: TemplateName[] = [...PAGE_TEMPLATES.map((p) => `pages/${p}` as const), ...EMBED_TEMPLATES.map((e) => `embed/${e}` as const)];
  const read = async (name: string, file: string) => ({ name, file, source: await readTemplate(file) });
  const partials = [await read("layout", path.join(dir, "layout.hbs"))];
  for (const f of partialFiles) partials.push(await read(f.slice(0, -4), path.join(partialDir, f)));
  const pages: { name: TemplateName; file: string; source: string }[] = [];
  for (const name of names) pages.push({ ...(await read(name, path.join(dir, `${name}.hbs`))), name });
  const css = await readTemplate(path.join(dir, "assets/site.css"));
  const digest = hashKey(...[...partials, ...pages].flatMap((t) => [t.name, t.source]));
  const key = hashKey(dir, digest, css);
  if (last?.key === key) return last.templates;

  const hb = Handlebars.create();
  // hb.compile is lazy: parse first so a syntax error is reported before anything is rendered
  const parse = (file: string, source: string) => {
    try {
      hb.parse(source);
    } catch (e) {
      throw templateError(file, e);
    }
  };
  for (const t of partials) {
    parse(t.file, t.source);
    hb.registerPartial(t.name, t.source);
  }
  // only Handlebars' own helpers (if, each, unless, with) exist: any other name is an error, not a silent miss
  const compiled = new Map<TemplateName, { file: string; run: HandlebarsTemplateDelegate }>();
  for (const t of pages) {
    parse(t.file, t.source);
    compiled.set(t.name, { file: t.file, run: hb.compile(t.source, { strict: true, preventIndent: true, knownHelpersOnly: true }) });
  }
  const templates: SiteTemplates = {
    css,
    digest,
    render(name, view) {
      const t = compiled.get(name);
      if (!t) throw new KoepfeError("E_TEMPLATE_MISSING", `no template ${name}`);
      try {
        return t.run(view);
      } catch (e) {
        throw templateError(t.file, e);
      }
    },
  };
  last = { key, templates };
  return templates;
}
