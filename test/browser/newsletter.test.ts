/**
 * Each issue of the sample edition (data/), personalised, in headless Debian Chromium at phone and
 * desktop-mail widths: a screenshot per issue and width into screenshots/newsletter/, and nothing
 * may stick out to the right. Photos are served from data/photos at <base_url>photos/<file> (the
 * address the site publishes them at); every other request is refused and reported.
 */
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser } from "playwright-core";
import { loadValidEdition as requireValidEdition } from "../../src/app/checked-edition.js";
import { rankEdition } from "../../src/rank/rank.js";
import { compileIssues } from "../../src/render/newsletter/compile.js";
import { personalize } from "../../src/render/newsletter/personalize.js";
import { CHROMIUM, CHROMIUM_ARGS } from "./chromium.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const DATA = path.join(ROOT, "data");
const SCREENSHOTS = path.join(ROOT, "screenshots/newsletter");
const WIDTHS = [375, 600] as const;

let browser: Browser;
let baseUrl: string;
let mails: { number: number; html: string }[];

beforeAll(async () => {
  const { edition } = await requireValidEdition(DATA);
  baseUrl = edition.config.base_url;
  const issues = await compileIssues(edition, rankEdition(edition));
  const ctx = {
    secret: "browser-test-secret-0123456789",
    listId: "koepfe-2024.example.org",
    unsubscribeBaseUrl: "https://koepfe.example.org/u/",
  };
  mails = issues.map((i) => ({
    number: i.number,
    html: personalize(i, { email: "anna.leserin@example.org", first_name: "Anna" }, ctx).html,
  }));
  await mkdir(SCREENSHOTS, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
});

interface Layout {
  viewport: number;
  scrollWidth: number;
  overflowing: string[];
  brokenImages: string[];
}

async function render(html: string, width: number, screenshot: string): Promise<Layout & { refused: string[] }> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const refused: string[] = [];
  try {
    await page.route("**/*", async (route) => {
      const url = route.request().url();
      const file = url.startsWith(`${baseUrl}photos/`) ? url.slice(`${baseUrl}photos/`.length) : null;
      if (file !== null && /^[A-Za-z0-9._-]+$/.test(file)) {
        await route.fulfill({ body: await readFile(path.join(DATA, "photos", file)), contentType: "image/jpeg" });
      } else {
        refused.push(url);
        await route.abort();
      }
    });
    await page.setContent(html, { waitUntil: "load" });
    await page.screenshot({ path: screenshot, fullPage: true });
    const layout = await page.evaluate((): Layout => {
      const viewport = document.documentElement.clientWidth;
      const overflowing = Array.from(document.querySelectorAll("body *")).flatMap((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.right > viewport + 0.5
          ? [`<${el.tagName.toLowerCase()}> right edge at ${Math.round(r.right)} px: ${(el.textContent ?? "").trim().slice(0, 40)}`]
          : [];
      });
      const brokenImages = Array.from(document.images)
        .filter((img) => !img.complete || img.naturalWidth === 0)
        .map((img) => img.src);
      return { viewport, scrollWidth: document.scrollingElement?.scrollWidth ?? 0, overflowing, brokenImages };
    });
    return { ...layout, refused };
  } finally {
    await page.close();
  }
}

describe("newsletter mails in Chromium", () => {
  it("renders the ten issues of the sample edition", () => {
    expect(mails.map((m) => m.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  for (const width of WIDTHS) {
    it(`nothing overflows horizontally at ${width} px, photos load, no other request is made`, async () => {
      const findings: string[] = [];
      for (const mail of mails) {
        const shot = path.join(SCREENSHOTS, `issue-${String(mail.number).padStart(2, "0")}-${width}.png`);
        const r = await render(mail.html, width, shot);
        const at = `issue ${mail.number} at ${width} px`;
        if (r.viewport !== width) findings.push(`${at}: viewport is ${r.viewport} px`);
        if (r.scrollWidth > r.viewport) findings.push(`${at}: the page is ${r.scrollWidth} px wide`);
        findings.push(...r.overflowing.map((o) => `${at}: ${o}`));
        findings.push(...r.brokenImages.map((src) => `${at}: image did not load: ${src}`));
        findings.push(...r.refused.map((url) => `${at}: unexpected request to ${url}`));
      }
      expect(findings).toEqual([]);
    });
  }
});
