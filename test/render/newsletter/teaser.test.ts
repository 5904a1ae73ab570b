import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { TEASER_MAX, teaserFor } from "../../../src/render/shared/teaser.js";

const words = (n: number) => Array.from({ length: n }, (_, i) => `wort${i}`).join(" ");

describe("teaserFor", () => {
  it("uses the teaser column when there is one (whitespace collapsed)", () => {
    expect(teaserFor({ teaser: "  Kurz\nund  gut. ", laudation: "Lang." })).toBe("Kurz und gut.");
  });

  it("uses a laudation of up to 300 characters whole", () => {
    expect(teaserFor({ laudation: "Erster Absatz.\n\nZweiter Absatz." })).toBe("Erster Absatz. Zweiter Absatz.");
  });

  it("takes the first sentences that fit into 300 characters", () => {
    const s1 = `Dr. Anna Müller führt seit dem 2. Januar die Agentur. ${"a".repeat(150)}.`; // 206 characters
    const s2 = `Sie sagt: „Wir fangen erst an.“`; // ends at 237
    const s3 = `Danach ${"b".repeat(80)}.`; // would end at 327
    const teaser = teaserFor({ laudation: `${s1} ${s2} ${s3}` });
    expect(teaser).toBe(`${s1} ${s2}`);
  });

  it("does not end a sentence after an abbreviation or an ordinal number", () => {
    const first = `Seit dem 2. Dezember leitet Dr. Anna Müller z. B. das Team. ${"c".repeat(230)}.`;
    expect(first.length).toBe(291);
    expect(teaserFor({ laudation: `${first} Weiter geht es mit einem zweiten Satz, der nicht mehr passt.` })).toBe(first);
  });

  it("cuts a first sentence longer than 300 characters at a word boundary with …", () => {
    // "wort0" … "wort9" have 5 characters, "wort10" … 6: 44 words and their spaces take 7·44 − 11 = 297 characters,
    // a 45th would need 304; with " …" the teaser has 299
    expect(words(44).length).toBe(297);
    expect(teaserFor({ laudation: `${words(80)}.` })).toBe(`${words(44)}\u00a0…`);
  });

  it("never exceeds 300 characters", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 200, maxLength: 4000 }), (laudation) => {
        expect(teaserFor({ laudation }).length).toBeLessThanOrEqual(TEASER_MAX);
      }),
    );
  });
});
