/**
 * The sign-up pages (src/subscribe/) in headless Debian Chromium, served from 127.0.0.1: axe-core
 * finds no WCAG 2.2 AA violation on any of them at phone and desktop width; the keyboard reaches
 * email, first name, consent and the button in that order and never the honeypot, and each focus is
 * visible. Nothing is loaded from anywhere else. Screenshots go to screenshots/subscribe/.
 */
import { mkdir } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import { acceptedPage, confirmPage, confirmedPage, invalidTokenPage } from "../../src/subscribe/answer-pages.js";
import { consentFor } from "../../src/subscribe/consent.js";
import type { FormView } from "../../src/subscribe/form.js";
import { embedForm, formPage } from "../../src/subscribe/form-pages.js";
import { formToken } from "../../src/subscribe/token.js";
import { CHROMIUM, CHROMIUM_ARGS, axeViolations } from "./chromium.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SCREENSHOTS = path.join(ROOT, "screenshots/subscribe");
const TITLE = "100 Köpfe 2026";

const view: FormView = {
  listTitle: TITLE,
  consent: consentFor(TITLE),
  action: "/anmelden",
  formToken: formToken("browser-test-secret-0123456789", 1_796_000_000),
};
const withPrivacy: FormView = { ...view, privacyUrl: "https://koepfe.example.org/datenschutz/" };
const withErrors: FormView = {
  ...withPrivacy,
  values: { email: "anna.mueller@", firstName: "Anna\u0001", consent: false },
  errors: {
    email: "Bitte geben Sie eine gültige E-Mail-Adresse ein, zum Beispiel anna.mueller@example.de.",
    firstName: "Der Vorname enthält einen Zeilenumbruch oder unsichtbare Steuerzeichen. Bitte tippen Sie ihn noch einmal ein.",
    consent: "Bitte setzen Sie das Häkchen, wenn Sie den Newsletter erhalten möchten.",
  },
};

const PAGES: Record<string, string> = {
  form: formPage(view),
  "form-privacy": formPage(withPrivacy),
  "form-errors": formPage(withErrors),
  embed: embedForm({ ...withPrivacy, action: "https://koepfe.example.org/anmelden" }),
  accepted: acceptedPage({ listTitle: TITLE, ttlHours: 48 }),
  confirm: confirmPage({ listTitle: TITLE, action: "/bestaetigen/abc" }),
  confirmed: confirmedPage({ listTitle: TITLE, nextIssueAt: DateTime.fromISO("2026-12-08T07:00", { zone: "Europe/Berlin" }) }),
  "confirmed-no-date": confirmedPage({ listTitle: TITLE, nextIssueAt: null }),
  "invalid-forged": invalidTokenPage("forged"),
  "invalid-expired": invalidTokenPage("expired"),
  "invalid-used": invalidTokenPage("used"),
};

let browser: Browser;
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const html = PAGES[(req.url ?? "/").slice(1)];
    res.writeHead(html === undefined ? 404 : 200, { "content-type": "text/html; charset=utf-8" });
    res.end(html ?? "not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
  await mkdir(SCREENSHOTS, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

/** Opens a page; every request to anywhere but our server is refused and reported. */
async function open(name: string, width: number, foreign: string[]): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await page.route("**/*", (route) => {
    if (route.request().url().startsWith(base)) return route.continue();
    foreign.push(route.request().url());
    return route.abort();
  });
  await page.goto(`${base}${name}`, { waitUntil: "load" });
  return page;
}

/** What has focus: its id, or its tag and text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return "body";
    return el.id !== "" ? el.id : `${el.tagName.toLowerCase()}:${(el.textContent ?? "").trim()}`;
  });

/** Tabs through the page once (until focus comes back round) and checks that every focus is visible. */
async function tabOrder(page: Page): Promise<string[]> {
  const order: string[] = [];
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press("Tab");
    const now = await focused(page);
    if (now === "body" || order.includes(now)) break;
    const outline = await page.evaluate(() => {
      const s = getComputedStyle(document.activeElement as Element);
      return { style: s.outlineStyle, width: Number.parseFloat(s.outlineWidth) };
    });
    expect(outline.style, `focus on ${now} is visible`).not.toBe("none");
    expect(outline.width, `focus on ${now} is visible`).toBeGreaterThanOrEqual(2);
    order.push(now);
  }
  return order;
}

describe("sign-up pages in Chromium", () => {
  it("axe-core: no WCAG 2.2 AA violation on any page at 375 and 1280 px, nothing loaded from elsewhere", async () => {
    const foreign: string[] = [];
    for (const name of Object.keys(PAGES)) {
      for (const width of [375, 1280]) {
        const page = await open(name, width, foreign);
        try {
          expect(await axeViolations(page), `${name} at ${width}px`).toEqual([]);
          expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} at ${width}px`).toBeLessThanOrEqual(width);
          await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
        } finally {
          await page.close();
        }
      }
    }
    expect(foreign).toEqual([]);
  });

  it("Tab reaches email, first name, consent and the button in that order, never the honeypot", async () => {
    const foreign: string[] = [];
    for (const [name, expected] of [
      ["form", ["email", "first-name", "consent", "button:Anmelden"]],
      ["form-privacy", ["email", "first-name", "consent", "a:Hinweisen zum Datenschutz", "button:Anmelden"]],
      ["embed", ["email", "first-name", "consent", "a:Hinweisen zum Datenschutz", "button:Anmelden"]],
    ] as const) {
      const page = await open(name, 1280, foreign);
      try {
        expect(await tabOrder(page), name).toEqual(expected);
      } finally {
        await page.close();
      }
    }
    expect(foreign).toEqual([]);
  });

  it("after a fixable mistake, focus starts on the error summary, whose links lead to the fields", async () => {
    const page = await open("form-errors", 1280, []);
    try {
      expect(await page.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("alert");
      const order = await tabOrder(page);
      expect(order).toEqual([
        `a:${withErrors.errors?.email}`,
        `a:${withErrors.errors?.firstName}`,
        `a:${withErrors.errors?.consent}`,
        "email",
        "first-name",
        "consent",
        "a:Hinweisen zum Datenschutz",
        "button:Anmelden",
      ]);
      await page.getByRole("link", { name: withErrors.errors?.consent ?? "" }).click();
      expect(await page.evaluate(() => location.hash)).toBe("#consent");
    } finally {
      await page.close();
    }
  });

  it("the honeypot is neither visible nor in the accessibility tree; the fields have their accessible names", async () => {
    const page = await open("form", 1280, []);
    try {
      expect(await page.locator("#homepage").isVisible()).toBe(false);
      const tree = await page.locator("body").ariaSnapshot();
      expect(tree).not.toContain("leer lassen");
      expect(tree).toContain('textbox "E-Mail-Adresse"');
      expect(tree).toContain('textbox "Vorname (freiwillig)"');
      expect(tree).toContain('checkbox "Ja, ich möchte den Newsletter „100 Köpfe 2026“');
      expect(tree).toContain('button "Anmelden"');
    } finally {
      await page.close();
    }
  });

  it("without JavaScript the browser itself asks for the address and the consent before sending", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const posted: string[] = [];
    await page.route("**/*", (route) => {
      if (route.request().method() === "POST") posted.push(route.request().postData() ?? "");
      return route.request().url().startsWith(base) ? route.continue() : route.abort();
    });
    try {
      await page.goto(`${base}form`);
      await page.getByRole("button", { name: "Anmelden" }).click();
      await page.keyboard.type("anna.mueller@example.org");
      await page.getByRole("button", { name: "Anmelden" }).click();
      expect(posted).toEqual([]);
      await page.getByRole("checkbox").check();
      await page.getByRole("button", { name: "Anmelden" }).click();
      await page.waitForLoadState();
      expect(posted).toHaveLength(1);
      const sent = new URLSearchParams(posted[0]);
      expect([...sent.keys()]).toEqual(["email", "first_name", "consent", "consent_version", "form_token", "homepage"]);
      expect(sent.get("email")).toBe("anna.mueller@example.org");
      expect(sent.get("homepage")).toBe("");
    } finally {
      await context.close();
    }
  });
});
