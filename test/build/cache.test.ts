/**
 * The build cache (.koepfe/cache/) never changes what a build writes: a cached build of the sample
 * edition is byte for byte the build without the cache, and after a change to any kind of input (a
 * CSV cell, a template, a photo, edition.json) exactly the outputs that depend on it change — the
 * rest is linked from the cache, not made again.
 */
import { describe, expect, it } from "vitest";
import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildEdition } from "../../src/app/build.js";
import { fingerprint, tempOut } from "../helpers/site.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const ENV = { KOEPFE_SECRET: "cache-test-secret-0123456789" };
const AS_OF = "2026-01-01T12:00";

function sampleCopy(): { dir: string; templates: string } {
  const work = mkdtempSync(path.join(tmpdir(), "koepfe-cache-"));
  const dir = path.join(work, "edition");
  cpSync(path.join(ROOT, "data"), dir, { recursive: true, filter: (src) => !src.includes(".koepfe") });
  const templates = path.join(work, "site-templates");
  cpSync(path.join(ROOT, "templates/site"), templates, { recursive: true });
  return { dir, templates };
}

const build = (dir: string, templates: string, noCache = false) => {
  const out = tempOut();
  return buildEdition(dir, { out, asOf: AS_OF, env: ENV, siteTemplatesDir: templates, noCache }).then(() => out);
};

/** Files whose bytes differ between two builds (or exist in only one). */
function changed(a: Record<string, string>, b: Record<string, string>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((f) => a[f] !== b[f]).sort();
}

const linked = (out: string, file: string) => statSync(path.join(out, file)).nlink > 1;

describe("the build cache", () => {
  it("a cached build is byte-identical to a --no-cache build, and reuses what it cached", async () => {
    const { dir, templates } = sampleCopy();
    const cold = await build(dir, templates);
    const warm = await build(dir, templates);
    const fresh = await build(dir, templates, true);
    expect(changed(fingerprint(warm), fingerprint(fresh))).toEqual([]);
    expect(changed(fingerprint(cold), fingerprint(warm))).toEqual([]);
    // the warm build linked its pages and photos from the cache instead of making them again
    expect(linked(warm, "index.html")).toBe(true);
    expect(linked(warm, "photos/soeren-abendroth.jpg@320.webp")).toBe(true);
    expect(linked(fresh, "index.html")).toBe(false);
  }, 120_000);

  it.each([
    {
      kind: "a CSV cell (one laudation)",
      change: (dir: string) => {
        const file = path.join(dir, "nominees.csv");
        writeFileSync(
          file,
          readFileSync(file, "utf8").replace("hat Kundenbindung in diesem Jahr ein Gesicht gegeben", "hat Kundenbindung neu erfunden"),
        );
      },
      dependent: ["soeren-abendroth/index.html"],
      unrelated: ["antje-schaefer/index.html", "photos/soeren-abendroth.jpg@320.webp", "kategorie/medien/index.html"],
    },
    {
      kind: "a site template (the profile page)",
      change: (_dir: string, templates: string) => {
        const file = path.join(templates, "pages/person.hbs");
        writeFileSync(file, readFileSync(file, "utf8").replace("{{/layout}}", "<!-- neu -->\n{{/layout}}"));
      },
      dependent: ["soeren-abendroth/index.html", "antje-schaefer/index.html"],
      unrelated: ["index.html", "embed/soeren-abendroth.html", "photos/soeren-abendroth.jpg@320.webp"],
    },
    {
      kind: "a photo",
      change: (dir: string) => cpSync(path.join(dir, "photos/antje-schaefer.jpg"), path.join(dir, "photos/soeren-abendroth.jpg")),
      dependent: ["photos/soeren-abendroth.jpg", "photos/soeren-abendroth.jpg@320.webp"],
      unrelated: ["antje-schaefer/index.html", "photos/antje-schaefer.jpg@320.webp", "kategorie/medien/index.html"],
    },
    {
      kind: "edition.json (the title)",
      change: (dir: string) => {
        const file = path.join(dir, "edition.json");
        writeFileSync(file, readFileSync(file, "utf8").replace('"title": "100 Köpfe 2024"', '"title": "100 Köpfe 2024 (neu)"'));
      },
      dependent: ["index.html", "soeren-abendroth/index.html", "embed/teaser.html"],
      unrelated: ["photos/soeren-abendroth.jpg@320.webp"],
    },
  ])(
    "after a change to $kind, exactly what depends on it changes, and nothing stale is served",
    async ({ change, dependent, unrelated }) => {
      const { dir, templates } = sampleCopy();
      const before = fingerprint(await build(dir, templates));
      change(dir, templates);
      const after = await build(dir, templates);
      const fresh = await build(dir, templates, true);
      // nothing stale: the cached build after the change is what a build without cache makes
      expect(changed(fingerprint(after), fingerprint(fresh))).toEqual([]);
      const diff = changed(before, fingerprint(after));
      for (const f of dependent) expect(diff, f).toContain(f);
      for (const f of unrelated) {
        expect(diff, f).not.toContain(f);
        expect([f, linked(after, f)]).toEqual([f, true]);
      }
    },
    180_000,
  );
});

describe("a cache that is damaged or cannot be written", () => {
  it("only makes the build slower: damaged entries are made again, a blocked folder is left out", async () => {
    const { dir, templates } = sampleCopy();
    await build(dir, templates);
    const [version] = readdirSync(path.join(dir, ".koepfe/cache"));
    if (version === undefined) throw new Error("no cache folder");
    const root = path.join(dir, ".koepfe/cache", version);
    // every cached text damaged, and the budget folder replaced by a file
    for (const kind of ["photo-meta", "issue"])
      for (const shard of readdirSync(path.join(root, kind)))
        for (const name of readdirSync(path.join(root, kind, shard))) {
          const file = path.join(root, kind, shard, name);
          chmodSync(file, 0o600);
          writeFileSync(file, "{ not json");
        }
    rmSync(path.join(root, "budget"), { recursive: true });
    writeFileSync(path.join(root, "budget"), "in the way");
    const out = await build(dir, templates);
    expect(changed(fingerprint(out), fingerprint(await build(dir, templates, true)))).toEqual([]);
  }, 120_000);

  it("output files linked from the cache are read-only: an edit in place must not reach the cache", async () => {
    const { dir, templates } = sampleCopy();
    const out = await build(dir, templates);
    expect(statSync(path.join(out, "index.html")).mode & 0o777).toBe(0o444);
  }, 120_000);
});
