import { beforeAll, describe, expect, it } from "vitest";
import { rmSync } from "node:fs";
import path from "node:path";
import { compileIssues } from "../../../src/render/newsletter/compile.js";
import { loadTemplates } from "../../../src/render/newsletter/templates.js";
import { startMjmlThread, stopMjmlThread } from "../../../src/render/newsletter/mjml.js";
import type { Edition } from "../../../src/edition/model.js";
import { KoepfeError } from "../../../src/lib/errors.js";
import { lineOf, loadFixture, rankingOf, templatesWith } from "../../helpers/newsletter.js";

let edition: Edition;
beforeAll(async () => {
  edition = await loadFixture();
}, 30_000);

async function failure(templatesDir: string): Promise<KoepfeError> {
  const e = await compileIssues(edition, rankingOf(edition), { templatesDir }).then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof KoepfeError)) throw new Error(`expected a KoepfeError, got ${String(e)}`);
  return e;
}

describe("on MJML's own thread (koepfe build starts one)", () => {
  it("an issue compiles to the same HTML, and an MJML error still names the file and line", async () => {
    const here = await compileIssues(edition, rankingOf(edition), { only: 1 });
    startMjmlThread();
    try {
      const there = await compileIssues(edition, rankingOf(edition), { only: 1 });
      expect(there[0]?.html).toBe(here[0]?.html);
      const file = "partials/entry-card.mjml.hbs";
      const dir = templatesWith(file, (s) => s.replace('<mj-text padding="0 12px">', '<mj-text padding="0 12px" colr="red">'));
      const e = await failure(dir);
      expect(e.problems.map((p) => [p.file, p.line, p.message])).toEqual([
        [path.join(dir, file), lineOf(dir, file, 'colr="red"'), "mj-text: Attribute colr is illegal"],
      ]);
    } finally {
      await stopMjmlThread();
    }
  }, 60_000);
});

describe("template errors name the file and line", () => {
  it("an MJML validation error in a partial", async () => {
    const file = "partials/entry-card.mjml.hbs";
    const dir = templatesWith(file, (s) => s.replace('<mj-text padding="0 12px">', '<mj-text padding="0 12px" colr="red">'));
    const e = await failure(dir);
    const line = lineOf(dir, file, 'colr="red"');
    expect(e.code).toBe("E_NEWSLETTER_TEMPLATE");
    expect(e.problems.map((p) => [p.file, p.line, p.message])).toEqual([
      [path.join(dir, file), line, "mj-text: Attribute colr is illegal"],
    ]);
    expect(e.message).toBe(`newsletter template error: ${path.join(dir, file)}:${line}: mj-text: Attribute colr is illegal`);
  }, 60_000);

  it("an MJML error in the layout, after a partial of several lines", async () => {
    const dir = templatesWith("layout.mjml.hbs", (s) => s.replace("{{> footer}}", "{{> footer}}\n    <mj-wrong></mj-wrong>"));
    const e = await failure(dir);
    expect(e.problems.map((p) => [p.file, p.line])).toContainEqual([
      path.join(dir, "layout.mjml.hbs"),
      lineOf(dir, "layout.mjml.hbs", "<mj-wrong>"),
    ]);
  }, 60_000);

  it("an unknown variable (strict mode)", async () => {
    const file = "partials/author-line.mjml.hbs";
    const dir = templatesWith(file, (s) => s.replace("{{author}}", "{{autor}}"));
    const e = await failure(dir);
    expect(e.problems.map((p) => [p.file, p.line])).toEqual([[path.join(dir, file), 2]]);
    expect(e.message).toContain('"autor" not defined');
  });

  it("an unknown variable in the text part", async () => {
    const dir = templatesWith("text.txt.hbs", (s) => s.replace("{{issue.heading}}", "{{issue.title}}"));
    const e = await failure(dir);
    expect(e.problems.map((p) => [p.file, p.line])).toEqual([
      [path.join(dir, "text.txt.hbs"), lineOf(dir, "text.txt.hbs", "{{issue.title}}")],
    ]);
  });

  it("a triple-stash, which would put CSV text into the mail unescaped", async () => {
    const file = "partials/entry-card.mjml.hbs";
    const dir = templatesWith(file, (s) => s.replace("{{teaser}}", "{{{teaser}}}"));
    const e = await failure(dir);
    expect(e.problems.map((p) => [p.file, p.line])).toEqual([[path.join(dir, file), lineOf(dir, file, "{{{teaser}}}")]]);
    expect(e.message).toContain("{{{ }}} and {{& }} are not allowed");
  });

  it("a partial that does not exist, an unknown helper, a syntax error", async () => {
    const missing = await failure(templatesWith("layout.mjml.hbs", (s) => s.replace("{{> footer}}", "{{> fusszeile}}")));
    expect(missing.message).toMatch(/layout\.mjml\.hbs:\d+: the partial "fusszeile" does not exist/);
    const helperDir = templatesWith("partials/author-line.mjml.hbs", (s) => s.replace("{{author}}", "{{upper author}}"));
    const helper = await failure(helperDir);
    expect(helper.problems.map((p) => [p.file, p.line])).toEqual([[path.join(helperDir, "partials/author-line.mjml.hbs"), 2]]);
    expect(helper.message).toContain("unknown helper upper");
    const syntax = await failure(templatesWith("partials/intro.mjml.hbs", (s) => s.replace("{{salutation}}", "{{#if salutation}}")));
    expect(syntax.problems[0]?.file).toMatch(/partials\/intro\.mjml\.hbs$/);
    expect(syntax.problems[0]?.line).toBeGreaterThan(0);
  });

  it("calls the built-in folder templates/newsletter", async () => {
    expect((await loadTemplates()).label).toBe("templates/newsletter");
  });
});

describe("a missing template", () => {
  it("names the file that could not be read", async () => {
    const dir = templatesWith("partials/footer.mjml.hbs", (s) => `${s} `);
    rmSync(path.join(dir, "text.txt.hbs"));
    const e = await failure(dir);
    expect(e.message).toBe(`newsletter template error: ${dir}/text.txt.hbs: cannot read the template (ENOENT)`);
  });
});
