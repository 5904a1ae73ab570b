import { describe, expect, it } from "vitest";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildEdition } from "../../src/app/build.js";
import { MARKER } from "../../src/build/swap.js";
import { DEFAULT_TEMPLATES_DIR } from "../../src/render/site/templates.js";
import { LAUDATION, baseFiles, configWith, writeEdition } from "../helpers/edition.js";
import { runCli } from "../helpers/cli.js";
import { NEWSLETTER as SENDER_SETTINGS } from "../helpers/newsletter.js";
import { buildFixture, fingerprint, nomineesWith, tempOut } from "../helpers/site.js";

const NEWSLETTER = {
  ...SENDER_SETTINGS,
  issues: [{ number: 1, send_at: "2024-12-02T07:00", subject: "Alle sechs", preheader: "Der Countdown", ranks: [1, 6] }],
};

/** Siblings of the output folder: a failed or finished build leaves no temporary or backup folder. */
const leftovers = (out: string) => readdirSync(path.dirname(out)).filter((n) => n !== path.basename(out));

async function publishedOnce(): Promise<{ dir: string; out: string; before: Record<string, string> }> {
  const { dir, out } = await buildFixture({ "edition.json": configWith((c) => (c["newsletter"] = NEWSLETTER)) });
  return { dir, out, before: fingerprint(out) };
}

describe("build: summary", () => {
  it("reports pages, mails, bytes per kind and each issue's size, and leaves only the output folder", async () => {
    const { out, result } = await buildFixture({ "edition.json": configWith((c) => (c["newsletter"] = NEWSLETTER)) });
    const s = result.summary;
    // index, 6 profiles, 2 categories, 1 author, archive, 404 + 1 newsletter web version
    expect(s.kinds.pages.files).toBe(12);
    expect(s.pages).toBe(13);
    expect(s.mails).toBe(1);
    // the compiled issue in the state folder: mail.html, mail.txt, issue.json
    expect(s.kinds.mails).toEqual({ files: 3, bytes: expect.any(Number) as number });
    expect(s.kinds.embeds.files).toBe(14);
    expect(s.issues).toEqual([expect.objectContaining({ number: 1, subject: "Alle sechs", maxHtmlBytes: 90_000 })]);
    expect(s.issues[0]?.htmlBytes).toBeGreaterThan(1000);
    expect(s.kinds.pages.bytes).toBeGreaterThan(10_000);
    expect(existsSync(path.join(out, ".koepfe-build"))).toBe(true);
    expect(leftovers(out)).toEqual([]);
  });

  it("the command prints the summary and exits 0", async () => {
    const dir = writeEdition();
    const out = tempOut();
    const r = await runCli(["build", dir, "--out", out]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^built .+ in \d+\.\d\d s: 12 pages, 0 mails\n/);
    expect(r.stdout).toMatch(/site pages\s+12\s+\d/);
    expect(existsSync(path.join(out, "anna-mueller/index.html"))).toBe(true);
  });
});

describe("build: a failed build leaves the previous output untouched, byte for byte", () => {
  it("when the edition has check errors", async () => {
    const { dir, out, before } = await publishedOnce();
    writeFileSync(path.join(dir, "nominees.csv"), nomineesWith({ "anna-mueller": { category: "sport" } }));
    const r = await runCli(["build", dir, "--out", out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("nominees.csv:");
    expect(r.stderr).toMatch(/error\[E_EDITION_INVALID\]: the edition has 1 error.*nothing was published: ".+public" is unchanged/);
    expect(fingerprint(out)).toEqual(before);
    expect(leftovers(out)).toEqual([]);
  });

  it("when a site template has an error, naming the template", async () => {
    const { dir, out, before } = await publishedOnce();
    const templates = mkdtempSync(path.join(tmpdir(), "koepfe-templates-"));
    cpSync(DEFAULT_TEMPLATES_DIR, templates, { recursive: true });
    writeFileSync(path.join(templates, "pages/person.hbs"), "{{#> layout}}<h1>{{name}}</h1>{{missingField}}{{/layout}}\n");
    await expect(buildEdition(dir, { out, siteTemplatesDir: templates })).rejects.toMatchObject({
      code: "E_TEMPLATE",
      message: expect.stringMatching(/pages\/person\.hbs: "missingField" not defined.*nothing was published/) as string,
    });
    writeFileSync(path.join(templates, "pages/person.hbs"), "{{#if}}\n");
    await expect(buildEdition(dir, { out, siteTemplatesDir: templates })).rejects.toMatchObject({
      code: "E_TEMPLATE",
      message: expect.stringMatching(/\/pages\/person\.hbs: Parse error on line 2/) as string,
    });
    expect(fingerprint(out)).toEqual(before);
    expect(leftovers(out)).toEqual([]);
  });

  it("when a newsletter issue is over its size budget", async () => {
    const { dir, out, before } = await publishedOnce();
    writeFileSync(
      path.join(dir, "edition.json"),
      configWith((c) => (c["newsletter"] = { ...NEWSLETTER, max_html_bytes: 2000 })),
    );
    await expect(buildEdition(dir, { out })).rejects.toMatchObject({
      code: "E_NEWSLETTER_BUDGET",
      problems: expect.arrayContaining([expect.objectContaining({ severity: "error" })]),
    });
    expect(fingerprint(out)).toEqual(before);
    expect(leftovers(out)).toEqual([]);
  });

  it("when a photo cannot be read", async () => {
    const { dir, out, before } = await publishedOnce();
    writeFileSync(path.join(dir, "nominees.csv"), nomineesWith({ "anna-mueller": { photo: "photos/anna.jpg", photo_credit: "Foto: X" } }));
    mkdirSync(path.join(dir, "photos"));
    writeFileSync(path.join(dir, "photos/anna.jpg"), "not a jpeg");
    await expect(buildEdition(dir, { out })).rejects.toMatchObject({
      code: "E_PHOTO",
      message: expect.stringContaining("photos/anna.jpg: cannot read the image") as string,
    });
    expect(fingerprint(out)).toEqual(before);
    expect(leftovers(out)).toEqual([]);
  });
});

describe("build: the output folder", () => {
  it("replaces the previous output as a whole (a page of an old build does not survive)", async () => {
    const { dir, out } = await publishedOnce();
    mkdirSync(path.join(out, "removed-person"));
    writeFileSync(path.join(out, "removed-person/index.html"), "<p>old</p>");
    await buildEdition(dir, { out });
    expect(existsSync(path.join(out, "removed-person"))).toBe(false);
    expect(existsSync(path.join(out, "anna-mueller/index.html"))).toBe(true);
    expect(leftovers(out)).toEqual([]);
  });

  it("refuses to replace a folder it did not write, the edition itself, or the working directory", async () => {
    const dir = writeEdition();
    const foreign = tempOut();
    mkdirSync(foreign);
    writeFileSync(path.join(foreign, "keep.txt"), "mine");
    await expect(buildEdition(dir, { out: foreign })).rejects.toMatchObject({ code: "E_OUT_NOT_BUILD" });
    expect(readFileSync(path.join(foreign, "keep.txt"), "utf8")).toBe("mine");
    await expect(buildEdition(dir, { out: dir })).rejects.toMatchObject({
      code: "E_USAGE",
      message: expect.stringContaining("would replace the edition folder") as string,
    });
    await expect(buildEdition(dir, { out: path.dirname(dir) })).rejects.toMatchObject({ code: "E_USAGE" });
    await expect(buildEdition(dir, { out: process.cwd() })).rejects.toMatchObject({
      code: "E_USAGE",
      message: expect.stringContaining("working directory") as string,
    });
  });

  it("removes temporary folders left by a killed build, keeps those of a running one", async () => {
    const dir = writeEdition();
    const out = tempOut();
    const dead = `${out}.tmp-999999999-0badc0de`;
    const running = `${out}.tmp-${process.pid}-00000001`;
    for (const folder of [dead, running]) {
      mkdirSync(folder);
      writeFileSync(path.join(folder, MARKER), "");
    }
    await buildEdition(dir, { out });
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(running)).toBe(true);
  });

  it("leaves a sibling named like a build's backup alone when it carries no marker (build deleted a folder it did not write)", async () => {
    const dir = writeEdition();
    const out = tempOut();
    const foreign = `${out}.old-999999999-0badc0de`;
    mkdirSync(foreign);
    writeFileSync(path.join(foreign, "thesis.tex"), "years of work");
    await buildEdition(dir, { out });
    expect(readFileSync(path.join(foreign, "thesis.tex"), "utf8")).toBe("years of work");
  });

  it("refuses to replace an earlier output that holds the edition, also when the edition is reached through a symbolic link", async () => {
    const out = tempOut();
    const first = writeEdition();
    await buildEdition(first, { out });
    // an editor moved the edition into the published folder and works through a link to it
    const inside = path.join(out, "edition");
    cpSync(first, inside, { recursive: true });
    const link = path.join(path.dirname(out), `link-${path.basename(out)}`);
    symlinkSync(inside, link);
    await expect(buildEdition(link, { out })).rejects.toMatchObject({
      code: "E_USAGE",
      message: expect.stringContaining("would replace the edition folder") as string,
    });
    expect(existsSync(path.join(inside, "edition.json"))).toBe(true);
  });

  it("a nominee id that names a site folder is a located problem", async () => {
    const dir = writeEdition({
      "nominees.csv": nomineesWith({}, [
        {
          id: "newsletter",
          name: "Nina Letter",
          gender: "w",
          role: "CEO",
          company: "Brief AG",
          category: "medien",
          author_id: "lbeispiel",
          laudation: LAUDATION,
        },
      ]),
      "jury.csv": `${String(baseFiles()["jury.csv"])}j1,newsletter,5,5\nj2,newsletter,5,5\nj3,newsletter,5,5\n`,
    });
    const r = await runCli(["build", dir, "--out", tempOut()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nominees\.csv:\d+:1: error\[reserved-id\]: id "newsletter" is the name of a folder or embed of the site/);
  });
});
