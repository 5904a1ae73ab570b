/**
 * The built sample edition (data/) in headless Debian Chromium: axe-core finds no WCAG 2.2 AA
 * violation on the index, a profile, a category and an author page; Lighthouse scores a profile page
 * (accessibility, SEO and best practices 100, performance at least 95); screenshots at 375 and
 * 1280 px go to screenshots/site/. The site is served from 127.0.0.1 at base_url's path.
 */
import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import { buildEdition } from "../../src/app/build.js";
import type { BuildResult } from "../../src/build/result.js";
import { serveSite } from "../../src/serve/preview/static.js";
import { CHROMIUM, CHROMIUM_ARGS, axeViolations } from "./chromium.js";
import { tempOut } from "../helpers/site.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SCREENSHOTS = path.join(ROOT, "screenshots/site");

let browser: Browser;
let server: Server;
let site: string;
let built: BuildResult;
let pages: { name: string; path: string }[];

beforeAll(async () => {
  const out = tempOut();
  // with the secret the index carries the sign-up form, which axe checks with the rest
  built = await buildEdition(path.join(ROOT, "data"), { out, env: { KOEPFE_SECRET: "browser-test-secret-0123456789" } });
  const mount = new URL(built.edition.config.base_url).pathname;
  server = createServer((req, res) => void serveSite(req, res, out, mount));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  site = `http://127.0.0.1:${(server.address() as { port: number }).port}${mount}`;
  // the profile with a local photo: the page whose largest paint is an image
  const first = built.ranking.entries.find((e) => e.nominee.photo?.startsWith("photos/"));
  if (!first) throw new Error("the sample edition has no entry with a photo");
  pages = [
    { name: "index", path: "" },
    { name: "signup-embed", path: "embed/anmelden.html" },
    { name: "person", path: `${first.id}/` },
    { name: "category", path: `kategorie/${first.nominee.category}/` },
    { name: "author", path: `autoren/${first.nominee.author_id}/` },
  ];
  await mkdir(SCREENSHOTS, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

async function open(url: string, width: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await page.goto(url, { waitUntil: "load" });
  // lazy images below the fold: load them all, so the full-page screenshot shows the real page
  await page.evaluate(async () => {
    for (const img of Array.from(document.images)) {
      img.loading = "eager";
      await img.decode().catch(() => undefined);
    }
  });
  return page;
}

describe("site in Chromium", () => {
  it("axe-core: no WCAG 2.2 AA violation on the index, a profile, a category and an author page", async () => {
    for (const p of pages) {
      for (const width of [375, 1280]) {
        const page = await open(`${site}${p.path}`, width);
        try {
          expect(await axeViolations(page), `${p.name} at ${width}px`).toEqual([]);
          await page.screenshot({ path: path.join(SCREENSHOTS, `${p.name}-${width}.png`), fullPage: true });
        } finally {
          await page.close();
        }
      }
    }
  });

  it("axe-core: none either on the countdown between two issues, a corrected profile, and the editors' preview marks", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "koepfe-countdown-"));
    cpSync(path.join(ROOT, "data"), dir, { recursive: true, filter: (src) => !src.includes(".koepfe") });
    const last = built.ranking.entries.at(-1);
    if (!last) throw new Error("the sample edition has no entries");
    const config = JSON.parse(await readFile(path.join(dir, "edition.json"), "utf8")) as Record<string, unknown>;
    config["corrections"] = [{ id: last.id, date: "2024-12-02", text: "Eine Angabe zur Funktion war falsch: <korrigiert> & ergänzt." }];
    writeFileSync(path.join(dir, "edition.json"), JSON.stringify(config, null, 2));
    const between = tempOut();
    const preview = tempOut();
    await buildEdition(dir, { out: between, asOf: "2024-12-02T12:00" });
    await buildEdition(dir, { out: preview, asOf: "2024-12-01T12:00", preview: true });
    const mount = new URL(built.edition.config.base_url).pathname;
    const servers = [between, preview].map((out) => createServer((req, res) => void serveSite(req, res, out, mount)));
    try {
      const origins = await Promise.all(
        servers.map(
          (srv) =>
            new Promise<string>((resolve) =>
              srv.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(srv.address() as { port: number }).port}${mount}`)),
            ),
        ),
      );
      const [live, editors] = origins as [string, string];
      const checks = [
        { name: "countdown index", url: live, shows: "Als Nächstes" },
        { name: "corrected profile", url: `${live}${last.id}/`, shows: "Korrektur vom 2. Dezember 2024" },
        { name: "preview index", url: editors, shows: "Vorschau: erscheint" },
        { name: "preview profile", url: `${editors}${last.id}/`, shows: "Vorschau: noch nicht öffentlich" },
      ];
      for (const c of checks) {
        for (const width of [375, 1280]) {
          const page = await open(c.url, width);
          try {
            expect(await page.content(), c.name).toContain(c.shows);
            expect(await axeViolations(page), `${c.name} at ${width}px`).toEqual([]);
            expect(await page.evaluate(() => document.documentElement.scrollWidth), c.name).toBeLessThanOrEqual(width);
          } finally {
            await page.close();
          }
        }
      }
    } finally {
      await Promise.all(servers.map((srv) => new Promise<void>((resolve) => srv.close(() => resolve()))));
    }
  });

  it("nothing sticks out to the right at 375 px", async () => {
    for (const p of pages) {
      const page = await open(`${site}${p.path}`, 375);
      try {
        expect(await page.evaluate(() => document.documentElement.scrollWidth), p.name).toBeLessThanOrEqual(375);
      } finally {
        await page.close();
      }
    }
  });

  it("Lighthouse on a profile page: accessibility, SEO and best practices 100, performance >= 95", async () => {
    const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROMIUM_ARGS });
    try {
      const person = pages.find((p) => p.name === "person")?.path ?? "";
      const result = await lighthouse(`${site}${person}`, {
        port: chrome.port,
        output: "json",
        logLevel: "error",
        onlyCategories: ["performance", "accessibility", "seo", "best-practices"],
      });
      const lhr = result?.lhr;
      if (!lhr) throw new Error("Lighthouse returned no result");
      const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
      const failing = Object.values(lhr.audits)
        .filter((a) => a.scoreDisplayMode === "binary" && a.score !== 1)
        .map((a) => a.id);
      expect({ accessibility: score("accessibility"), seo: score("seo"), bestPractices: score("best-practices"), failing }).toEqual({
        accessibility: 100,
        seo: 100,
        bestPractices: 100,
        failing: [],
      });
      expect(score("performance")).toBeGreaterThanOrEqual(95);
    } finally {
      chrome.kill();
    }
  });
});
