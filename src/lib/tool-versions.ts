/**
 * The versions of what shapes koepfe's output besides the data and the templates: koepfe itself and
 * the libraries that render (MJML, Handlebars, sharp with its libvips). Part of every build-cache
 * folder's name and of a compiled issue's fingerprint, so that after an upgrade nothing made by the
 * old versions is reused (a cached build must equal an uncached one).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/** Raised by hand when koepfe changes how it renders without a new version number (development). */
const OUTPUT_FORMAT = 2;
const RENDERERS = ["mjml", "mjml-core", "handlebars", "sharp"] as const;

function versionOf(require: NodeRequire, name: string): string {
  try {
    // walk up from the entry point: not every package exports its package.json
    let dir = path.dirname(require.resolve(name));
    for (let i = 0; i < 6; i++, dir = path.dirname(dir)) {
      try {
        const pkg = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { name?: string; version?: string };
        if (pkg.name === name) return pkg.version ?? "?";
      } catch {
        // not here: one folder up
      }
    }
  } catch {
    // not installed: an optional renderer
  }
  return "?";
}

let cached: string | null = null;

/** e.g. "koepfe 0.1.0/2, mjml 5.4.1, mjml-core 5.4.1, handlebars 4.7.10, sharp 0.34.5". */
export function toolVersions(): string {
  if (cached !== null) return cached;
  const require = createRequire(import.meta.url);
  const own = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../package.json"), "utf8")) as { version: string };
  cached = [`koepfe ${own.version}/${OUTPUT_FORMAT}`, ...RENDERERS.map((n) => `${n} ${versionOf(require, n)}`)].join(", ");
  return cached;
}
