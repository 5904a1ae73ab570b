import { describe, expect, it } from "vitest";
import { parseFormBody } from "../../src/subscribe/form-body.js";

const parse = (s: string | number[]) => parseFormBody(typeof s === "string" ? Buffer.from(s, "utf8") : Uint8Array.from(s));

describe("parseFormBody", () => {
  it("decodes + and %XX as UTF-8 and keeps the order, also of repeated names", () => {
    expect(parse("a=J%C3%B6rg+M%C3%BCller&b=%E2%80%9Ehallo%E2%80%9C&a=2&c")).toEqual({
      ok: true,
      pairs: [
        ["a", "Jörg Müller"],
        ["b", "„hallo“"],
        ["a", "2"],
        ["c", ""],
      ],
    });
  });

  it("keeps a literal %2B and an '=' inside a value", () => {
    expect(parse("x=1%2B1%3D2&y=a=b")).toEqual({
      ok: true,
      pairs: [
        ["x", "1+1=2"],
        ["y", "a=b"],
      ],
    });
  });

  it("reads raw UTF-8 as well (curl --data without encoding)", () => {
    expect(parse("name=Jörg")).toEqual({ ok: true, pairs: [["name", "Jörg"]] });
  });

  it("refuses Latin-1 and overlong or surrogate UTF-8, raw or escaped", () => {
    expect(parse([0x6e, 0x3d, 0xf6])).toEqual({ ok: false, reason: "not-utf8" });
    expect(parse("n=%F6")).toEqual({ ok: false, reason: "not-utf8" });
    expect(parse("n=%C0%AF")).toEqual({ ok: false, reason: "not-utf8" });
    expect(parse("n=%ED%A0%80")).toEqual({ ok: false, reason: "not-utf8" });
  });

  it("refuses a broken escape instead of keeping it", () => {
    for (const s of ["n=%", "n=%4", "n=%G0", "%zz=1"]) expect(parse(s), s).toEqual({ ok: false, reason: "malformed-body" });
  });

  it("keeps a leading byte-order mark in a value (it is then no valid address)", () => {
    expect(parse("e=%EF%BB%BFa")).toEqual({ ok: true, pairs: [["e", "\ufeffa"]] });
  });

  it("a value that spells a reason is just a value", () => {
    expect(parse("e=not-utf8")).toEqual({ ok: true, pairs: [["e", "not-utf8"]] });
  });
});
