import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { MAX_SIGN_UP_BYTES, readSignUp, type SignUp } from "../../src/subscribe/request.js";

const VERSION = "standard-1-2720c0a2";
const FORM = "application/x-www-form-urlencoded";

type Fields = Record<string, string | undefined>;
const DEFAULTS: Fields = {
  email: "anna.mueller@example.org",
  first_name: "Anna",
  consent: "ja",
  consent_version: VERSION,
  form_token: "abc.def",
  homepage: "",
};

/** A body as a browser encodes our form; `undefined` leaves a field out. */
function body(over: Fields = {}): string {
  const fields = { ...DEFAULTS, ...over };
  return Object.entries(fields)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v).replace(/%20/g, "+")}`)
    .join("&");
}

const read = (raw: string | Uint8Array, contentType: string | undefined = FORM): SignUp =>
  readSignUp({ body: typeof raw === "string" ? Buffer.from(raw, "utf8") : raw, contentType, consentVersion: VERSION });

const reason = (s: SignUp) => (s.kind === "refused" ? s.reason : s.kind);

describe("readSignUp: valid", () => {
  it("reads what a browser sends, with the domain lower-cased and the spaces around trimmed", () => {
    expect(read(body({ email: "  Anna.Mueller@Example.ORG ", first_name: " Jörg-Peter " }))).toEqual({
      kind: "valid",
      email: "Anna.Mueller@example.org",
      firstName: "Jörg-Peter",
      consent: true,
      consentVersion: VERSION,
      honeypot: "",
      timing: "abc.def",
    });
  });

  it("an empty first name is null; the honeypot is passed on for the caller to judge", () => {
    const s = read(body({ first_name: "", homepage: "http://spam.example" }));
    expect(s).toMatchObject({ kind: "valid", firstName: null, honeypot: "http://spam.example" });
  });

  it("accepts charset=utf-8 in any case, and the German domain in its ASCII form", () => {
    expect(read(body(), "application/x-www-form-urlencoded; charset=UTF-8").kind).toBe("valid");
    expect(read(body(), 'Application/X-WWW-Form-Urlencoded;charset="utf-8"').kind).toBe("valid");
    expect(read(body({ email: "info@bäckerei-müller.de" }))).toMatchObject({ kind: "valid", email: "info@xn--bckerei-mller-bfb28a.de" });
  });

  it("ignores empty segments as browsers do", () => {
    expect(read(`&${body()}&&`).kind).toBe("valid");
  });
});

describe("readSignUp: fixable (the form comes back with a 400)", () => {
  it("an unticked consent box", () => {
    const s = read(body({ consent: undefined }));
    expect(s).toEqual({
      kind: "fixable",
      values: { email: "anna.mueller@example.org", firstName: "Anna", consent: false },
      errors: { consent: expect.stringContaining("Bitte setzen Sie das Häkchen") },
    });
  });

  it("a consent wording that changed while the form was open: the box must be ticked again", () => {
    const s = read(body({ consent_version: "standard-1-00000000" }));
    expect(s).toMatchObject({ kind: "fixable", values: { consent: false }, errors: { consent: expect.stringContaining("geändert") } });
  });

  it("invalid, overlong and umlaut addresses, each with its own German message", () => {
    const cases: [string, string][] = [
      ["", "Bitte geben Sie Ihre E-Mail-Adresse ein."],
      ["anna.mueller.example.org", "braucht ein @"],
      ["anna@example", "gültige E-Mail-Adresse"],
      ["anna mueller@example.org", "keine Leerzeichen"],
      [`${"a".repeat(65)}@example.org`, "vor dem @ ist zu lang"],
      [`anna@${Array.from({ length: 5 }, () => "b".repeat(60)).join(".")}.de`, "höchstens 254 Zeichen"],
      ["jörg@example.org", "keine Umlaute"],
    ];
    for (const [email, message] of cases) {
      const s = read(body({ email }));
      expect(s.kind, email).toBe("fixable");
      if (s.kind === "fixable") {
        expect(s.errors.email, email).toContain(message);
        expect(s.values.email).toBe(email);
      }
    }
  });

  it("a first name with control characters, over 80 characters, or that is not a name", () => {
    for (const firstName of [
      "Anna\u0085Maria",
      "Anna\u2028Maria",
      "Anna\u202eMaria",
      "Anna\tMaria",
      "A".repeat(81),
      "https://spam.example",
      "Anna <b>",
    ]) {
      const s = read(body({ first_name: firstName }));
      expect(s.kind, JSON.stringify(firstName)).toBe("fixable");
      if (s.kind === "fixable") expect(s.errors.firstName, firstName).toMatch(/Vorname|Vornamen/);
    }
  });

  it("collects every fixable mistake at once and shows control characters as '?'", () => {
    const s = read(body({ email: "x", first_name: "An\u0001na", consent: undefined }));
    expect(s).toMatchObject({ kind: "fixable", values: { email: "x", firstName: "An?na", consent: false } });
    if (s.kind === "fixable") expect(Object.keys(s.errors).sort()).toEqual(["consent", "email", "firstName"]);
  });
});

describe("readSignUp: refused (the same accepted page, nothing stored)", () => {
  it("a content type other than urlencoded UTF-8", () => {
    expect(readSignUp({ body: Buffer.from(body()), contentType: undefined, consentVersion: VERSION })).toEqual({
      kind: "refused",
      reason: "content-type",
      detail: "(none)",
    });
    for (const type of [
      "",
      "multipart/form-data; boundary=x",
      "text/plain",
      "application/json",
      `${FORM}; charset=iso-8859-1`,
      `${FORM}; foo=bar`,
    ]) {
      expect(read(body(), type), String(type)).toMatchObject({ kind: "refused", reason: "content-type" });
    }
  });

  it("a body over the cap (the caller reads cap + 1 bytes)", () => {
    const big = `${body()}&${"x".repeat(MAX_SIGN_UP_BYTES)}`;
    expect(reason(read(Buffer.from(big).subarray(0, MAX_SIGN_UP_BYTES + 1)))).toBe("too-large");
    expect(reason(readSignUp({ body: Buffer.from(body()), contentType: FORM, consentVersion: VERSION, maxBytes: 20 }))).toBe("too-large");
  });

  it("bytes that are not UTF-8, raw or percent-encoded", () => {
    expect(reason(read(Buffer.concat([Buffer.from(body()), Buffer.from([0xff])])))).toBe("not-utf8");
    expect(reason(read(body().replace("Anna", "J%F6rg")))).toBe("not-utf8");
    expect(reason(read(body().replace("Anna", "%C3")))).toBe("not-utf8");
  });

  it("a broken percent escape", () => {
    expect(reason(read(body().replace("Anna", "An%zzna")))).toBe("malformed-body");
    expect(reason(read(`${body()}&x%`))).toBe("malformed-body");
  });

  it("unknown, repeated and missing fields", () => {
    expect(read(`${body()}&admin=1`)).toEqual({ kind: "refused", reason: "unknown-field", detail: "admin" });
    expect(read(`${body()}&email=b%40example.org`)).toEqual({ kind: "refused", reason: "repeated-field", detail: "email" });
    expect(read(`${body()}&consent=ja`)).toMatchObject({ reason: "repeated-field" });
    for (const name of ["email", "first_name", "consent_version", "form_token", "homepage"]) {
      expect(read(body({ [name]: undefined })), name).toEqual({ kind: "refused", reason: "missing-field", detail: name });
    }
  });

  it("a field name with control characters is logged printable", () => {
    expect(read(`${body()}&%1B%5B31m=1`)).toEqual({ kind: "refused", reason: "unknown-field", detail: "?[31m" });
  });

  it("header injection: CR, LF or NUL in any field, also double-encoded", () => {
    for (const name of Object.keys(DEFAULTS)) {
      for (const evil of ["a\r\nBcc: victim@example.org", "a\nb", "a\rb", "a\0b", "a%0d%0aBcc: x@example.org", "a%0Ab"]) {
        const value = name === "consent" ? evil.replace("a", "ja") : evil;
        expect(read(body({ [name]: value })), `${name}: ${JSON.stringify(value)}`).toEqual({
          kind: "refused",
          reason: "header-injection",
          detail: name,
        });
      }
    }
    expect(reason(read(body().replace("Anna", "Anna%0D%0ABcc:%20x%40example.org")))).toBe("header-injection");
  });

  it("a consent box with a value our form never sends", () => {
    expect(read(body({ consent: "on" }))).toMatchObject({ kind: "refused", reason: "unexpected-value" });
  });

  it("never throws and always answers one of the three kinds (random bodies)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.string({ maxLength: 60 }), (bytes, type) => {
        const s = readSignUp({ body: bytes, contentType: type === "" ? FORM : type, consentVersion: VERSION });
        expect(["valid", "fixable", "refused"]).toContain(s.kind);
      }),
    );
  });
});
