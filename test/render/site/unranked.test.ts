import { describe, expect, it } from "vitest";
import path from "node:path";
import { configWith } from "../../helpers/edition.js";
import { buildFixture, byClass, byTag, first, jsonLd, parseFile, text, type Node } from "../../helpers/site.js";

describe("site: unranked mode", () => {
  it("groups the index by category (edition order), alphabetical by DIN 5007-2 sort name, without ranks or points", async () => {
    const { out } = await buildFixture({
      "edition.json": configWith((c) => ((c["ranking"] as Record<string, unknown>)["mode"] = "unranked")),
    });
    const doc = parseFile(path.join(out, "index.html"));
    const groups = byTag(doc, "section").filter((s) => byClass(s, "group-title").length > 0);
    // Lang < Müller < Schäfer; Ober < Özdemir (oe) < Weiß (weiss)
    expect(groups.map((g) => [text(first(g, (e) => e.tagName === "h2")), byTag(g, "h3").map(text)])).toEqual([
      ["Marketing", ["Eva Lang", "Dr. Anna Müller", "Bernd Schäfer"]],
      ["Medien", ["Frank Ober", "Deniz Özdemir", "Clara Weiß"]],
    ]);
    expect(byClass(doc, "entry-rank")).toEqual([]);
    expect(byClass(doc, "entry-points")).toEqual([]);
    expect(byClass(doc, "move")).toEqual([]);
    expect((jsonLd(doc)[0]?.["itemListElement"] as { position: number }[] | undefined)?.map((i) => i.position)).toEqual([1, 2, 3, 4, 5, 6]);
    const person = parseFile(path.join(out, "deniz-oezdemir/index.html"));
    expect(byClass(person, "profile-rank")).toEqual([]);
    expect(text(first(person, (e) => e.tagName === "title"))).toBe("Deniz Özdemir – 100 Köpfe 2024");
  });

  it("hides points when the edition does not publish them, and movement without a previous list", async () => {
    const { out } = await buildFixture({
      "edition.json": configWith((c) => ((c["ranking"] as Record<string, unknown>)["publish_points"] = false)),
      "previous.csv": null,
    });
    const doc = parseFile(path.join(out, "index.html"));
    expect(byClass(doc, "entry-rank").map((e) => text(e as Node))).toHaveLength(6);
    expect(byClass(doc, "entry-points")).toEqual([]);
    expect(byClass(doc, "move")).toEqual([]);
  });
});
