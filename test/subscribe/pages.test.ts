import { describe, expect, it } from "vitest";
import { parse } from "parse5";
import { DateTime } from "luxon";
import { all, attr, byTag, first, text, type Element, type Node } from "../helpers/html.js";
import { formPage, embedForm } from "../../src/subscribe/form-pages.js";
import { acceptedPage, confirmPage, confirmedPage, invalidTokenPage } from "../../src/subscribe/answer-pages.js";
import { consentFor } from "../../src/subscribe/consent.js";
import type { FormView } from "../../src/subscribe/form.js";
import { KoepfeError } from "../../src/lib/errors.js";

const SCRIPT = "</title><script>alert(1)</script>";
const ATTR = '"><img src=x onerror=alert(2)>';

const view = (over: Partial<FormView> = {}): FormView => ({
  listTitle: "100 Köpfe 2026",
  consent: consentFor("100 Köpfe 2026"),
  action: "/anmelden",
  formToken: "abc.def",
  ...over,
});

const byId = (doc: Node, id: string): Element => first(doc, (e) => attr(e, "id") === id);
const ids = (e: Element, name: string) => (attr(e, name) ?? "").split(/\s+/).filter((s) => s !== "");

/** Every page: German, one h1, no script, no external resource, no on* handler, no injected tag. */
function assertPage(html: string): Node {
  const doc = parse(html);
  expect(attr(byTag(doc, "html")[0]!, "lang")).toBe("de");
  expect(byTag(doc, "h1")).toHaveLength(1);
  expect(byTag(doc, "script")).toEqual([]);
  expect(byTag(doc, "img")).toEqual([]);
  expect(all(doc, (e) => e.attrs.some((a) => a.name.startsWith("on")))).toEqual([]);
  expect(
    all(doc, (e) => ["src", "srcset"].some((n) => attr(e, n) !== null) || (e.tagName === "link" && attr(e, "rel") === "stylesheet")),
  ).toEqual([]);
  return doc;
}

describe("formPage", () => {
  it("binds a label to each input, in the order email, first name, consent, button", () => {
    const doc = assertPage(formPage(view()));
    const email = byId(doc, "email");
    expect([attr(email, "type"), attr(email, "autocomplete"), attr(email, "required"), attr(email, "name")]).toEqual([
      "email",
      "email",
      "",
      "email",
    ]);
    const name = byId(doc, "first-name");
    expect([attr(name, "autocomplete"), attr(name, "required"), attr(name, "name")]).toEqual(["given-name", null, "first_name"]);
    const box = byId(doc, "consent");
    expect([attr(box, "type"), attr(box, "required"), attr(box, "value"), attr(box, "checked")]).toEqual(["checkbox", "", "ja", null]);
    for (const id of ["email", "first-name", "consent", "homepage"]) {
      expect(
        all(doc, (e) => e.tagName === "label" && attr(e, "for") === id),
        id,
      ).toHaveLength(1);
    }
    const controls = all(
      doc,
      (e) => ["input", "button"].includes(e.tagName) && attr(e, "type") !== "hidden" && attr(e, "tabindex") !== "-1",
    );
    expect(controls.map((e) => attr(e, "id") ?? e.tagName)).toEqual(["email", "first-name", "consent", "button"]);
    expect(text(first(doc, (e) => e.tagName === "button"))).toBe("Anmelden");
  });

  it("the checkbox label is the consent text; the version describes the checkbox and travels as a hidden field", () => {
    const consent = consentFor("100 Köpfe 2026");
    const doc = assertPage(formPage(view()));
    expect(text(first(doc, (e) => e.tagName === "label" && attr(e, "for") === "consent"))).toBe(consent.text);
    expect(text(first(doc, (e) => e.tagName === "label" && attr(e, "for") === "consent"))).toMatch(
      /^Ja, ich möchte den Newsletter „100 Köpfe 2026“/,
    );
    expect(ids(byId(doc, "consent"), "aria-describedby")).toEqual(["consent-version"]);
    expect(text(byId(doc, "consent-version"))).toContain(consent.version);
    const hidden = all(doc, (e) => e.tagName === "input" && attr(e, "type") === "hidden").map((e) => [attr(e, "name"), attr(e, "value")]);
    expect(hidden).toEqual([
      ["consent_version", consent.version],
      ["form_token", "abc.def"],
    ]);
  });

  it("hides the honeypot from layout and assistive technology, keeps it out of the tab order and of autofill", () => {
    const doc = assertPage(formPage(view()));
    const pot = byId(doc, "homepage");
    expect([attr(pot, "tabindex"), attr(pot, "autocomplete"), attr(pot, "value")]).toEqual(["-1", "off", ""]);
    const wrapper = first(doc, (e) => all(e, (x) => x === pot).length > 0 && attr(e, "aria-hidden") === "true");
    expect(attr(wrapper, "style")).toBe("display:none");
  });

  it("has no error summary and no aria-invalid without errors", () => {
    const html = formPage(view());
    const doc = assertPage(html);
    expect(all(doc, (e) => attr(e, "role") === "alert" || attr(e, "aria-invalid") !== null)).toEqual([]);
    expect(text(byTag(doc, "title")[0]!)).toBe("Newsletter abonnieren: 100 Köpfe 2026");
  });

  it("comes back with the values, a summary with role=alert at the top, and each error linked to its field", () => {
    const errors = { email: "Bitte geben Sie eine gültige E-Mail-Adresse ein.", consent: "Bitte setzen Sie das Häkchen." };
    const doc = assertPage(formPage(view({ values: { email: "anna@", firstName: "Jörg", consent: false }, errors })));
    expect(text(byTag(doc, "title")[0]!)).toMatch(/^Fehler: /);
    const summary = first(doc, (e) => attr(e, "role") === "alert");
    const main = byTag(doc, "main")[0]!;
    // the summary comes before the form
    expect(all(main).indexOf(summary)).toBeLessThan(all(main).indexOf(byTag(doc, "form")[0]!));
    expect(byTag(summary, "a").map((a) => [attr(a, "href"), text(a)])).toEqual([
      ["#email", errors.email],
      ["#consent", errors.consent],
    ]);
    expect(attr(byId(doc, "email"), "aria-invalid")).toBe("true");
    expect(ids(byId(doc, "email"), "aria-describedby")).toEqual(["email-error"]);
    expect(text(byId(doc, "email-error"))).toBe(`Fehler: ${errors.email}`);
    expect(ids(byId(doc, "consent"), "aria-describedby")).toEqual(["consent-version", "consent-error"]);
    expect(attr(byId(doc, "first-name"), "aria-invalid")).toBeNull();
    expect([attr(byId(doc, "email"), "value"), attr(byId(doc, "first-name"), "value")]).toEqual(["anna@", "Jörg"]);
    expect(attr(byId(doc, "consent"), "checked")).toBeNull();
  });

  it("keeps the consent box ticked when it was ticked", () => {
    const doc = assertPage(formPage(view({ values: { email: "x", firstName: "", consent: true }, errors: { email: "falsch" } })));
    expect(attr(byId(doc, "consent"), "checked")).toBe("");
  });

  it("links the Datenschutz page only when one is configured", () => {
    const without = assertPage(formPage(view()));
    expect(byTag(without, "a")).toEqual([]);
    const doc = assertPage(formPage(view({ privacyUrl: "https://example.org/datenschutz" })));
    const link = first(doc, (e) => e.tagName === "a");
    expect([attr(link, "href"), text(link)]).toEqual(["https://example.org/datenschutz", "Hinweisen zum Datenschutz"]);
  });

  it("escapes <script> and attribute breakers in the title, the consent, the values, the errors, the action and the token", () => {
    const html = formPage(
      view({
        listTitle: SCRIPT,
        consent: { text: `Ja ${SCRIPT}`, version: ATTR },
        action: `/anmelden${ATTR}`,
        formToken: ATTR,
        privacyUrl: `https://example.org/${ATTR}`,
        values: { email: ATTR, firstName: SCRIPT, consent: false },
        errors: { email: SCRIPT, firstName: ATTR, consent: SCRIPT },
      }),
    );
    const doc = assertPage(html);
    expect(text(byTag(doc, "title")[0]!)).toBe(`Fehler: Newsletter abonnieren: ${SCRIPT}`);
    expect(attr(byId(doc, "email"), "value")).toBe(ATTR);
    expect(attr(byId(doc, "first-name"), "value")).toBe(SCRIPT);
    expect(attr(byTag(doc, "form")[0]!, "action")).toBe(`/anmelden${ATTR}`);
    expect(text(byId(doc, "first-name-error"))).toBe(`Fehler: ${ATTR}`);
  });
});

describe("embedForm", () => {
  const action = "https://koepfe.example.org/anmelden";

  it("is a whole German document posting to the absolute action, into the top window", () => {
    const doc = assertPage(embedForm(view({ action })));
    const form = byTag(doc, "form")[0]!;
    expect([attr(form, "method"), attr(form, "action"), attr(form, "target")]).toEqual(["post", action, "_top"]);
    expect(all(doc, (e) => ["email", "first-name", "consent", "homepage"].includes(attr(e, "id") ?? ""))).toHaveLength(4);
  });

  it("refuses an action that is not an absolute https URL", () => {
    for (const bad of ["/anmelden", "http://koepfe.example.org/anmelden", "javascript:alert(1)"]) {
      expect(() => embedForm(view({ action: bad })), bad).toThrow(KoepfeError);
    }
  });
});

describe("acceptedPage", () => {
  it("says what to do next, names no address, and is byte-identical on every call", () => {
    const v = { listTitle: "100 Köpfe 2026", ttlHours: 48 };
    const once = acceptedPage(v);
    const doc = assertPage(once);
    expect(text(byTag(doc, "h1")[0]!)).toBe("Bitte bestätigen Sie Ihre Anmeldung");
    expect(text(doc)).toContain("48 Stunden");
    expect(once).not.toContain("@");
    expect(acceptedPage({ ...v })).toBe(once);
    expect(acceptedPage(v)).toBe(acceptedPage(v));
  });
});

describe("confirmPage and confirmedPage", () => {
  it("GET shows only a button posting to the same URL", () => {
    const action = "/bestaetigen/YW5uYUBleGFtcGxlLm9yZw.abc.nonce";
    const doc = assertPage(confirmPage({ listTitle: SCRIPT, action }));
    const form = byTag(doc, "form")[0]!;
    expect([attr(form, "method"), attr(form, "action")]).toEqual(["post", action]);
    expect(byTag(form, "button").map(text)).toEqual(["Anmeldung bestätigen"]);
    expect(byTag(form, "input")).toEqual([]);
    expect(text(doc)).toContain(`„${SCRIPT}“`);
  });

  it("confirmed: with the next issue's German date and hour", () => {
    const nextIssueAt = DateTime.fromISO("2026-12-08T07:00", { zone: "Europe/Berlin" });
    const doc = assertPage(confirmedPage({ listTitle: "100 Köpfe 2026", nextIssueAt }));
    expect(text(byTag(doc, "h1")[0]!)).toBe("Ihre Anmeldung ist bestätigt");
    expect(text(doc)).toContain("Die nächste Ausgabe erscheint am Dienstag, 8. Dezember 2026, um 7 Uhr.");
    const half = DateTime.fromISO("2026-12-09T18:30", { zone: "Europe/Berlin" });
    expect(text(parse(confirmedPage({ listTitle: "x", nextIssueAt: half })))).toContain("am Mittwoch, 9. Dezember 2026, um 18:30 Uhr.");
  });

  it("confirmed: a sentence without a date when no issue is scheduled", () => {
    const doc = assertPage(confirmedPage({ listTitle: SCRIPT, nextIssueAt: null }));
    const main = text(byTag(doc, "main")[0]!);
    expect(main).toContain("Sie erhalten die nächste Ausgabe, sobald sie erscheint.");
    expect(main).not.toMatch(/\d{4}|Uhr/);
  });
});

describe("invalidTokenPage", () => {
  it("explains each reason in German, offers signing up again, names no address", () => {
    const h1 = (html: string) => text(byTag(assertPage(html), "h1")[0]!);
    expect(h1(invalidTokenPage("expired"))).toBe("Dieser Bestätigungslink ist abgelaufen");
    expect(h1(invalidTokenPage("used"))).toBe("Dieser Bestätigungslink gilt nicht mehr");
    expect(h1(invalidTokenPage("forged"))).toBe("Dieser Bestätigungslink ist ungültig");
    // a forger learns nothing about the token format
    expect(invalidTokenPage("malformed")).toBe(invalidTokenPage("forged"));
    for (const reason of ["forged", "malformed", "expired", "used"] as const) {
      const html = invalidTokenPage(reason, "https://koepfe.example.org/anmelden");
      expect(html).not.toContain("@");
      const link = first(parse(html), (e) => e.tagName === "a");
      expect([attr(link, "href"), text(link)]).toEqual(["https://koepfe.example.org/anmelden", "noch einmal anmelden"]);
    }
  });
});
