import { describe, expect, it } from "vitest";
import { nonHttpsLinks, renderIntro } from "../../../src/render/newsletter/markdown-lite.js";

describe("renderIntro", () => {
  it("makes paragraphs from blank-line separated blocks and joins soft line breaks", () => {
    expect(renderIntro("Erste Zeile\nzweite Zeile.\n\n\nNeuer Absatz.\n")).toEqual({
      html: "<p>Erste Zeile zweite Zeile.</p><p>Neuer Absatz.</p>",
      text: "Erste Zeile zweite Zeile.\n\nNeuer Absatz.",
    });
  });

  it("converts **bold** and https links", () => {
    expect(renderIntro("Die **100 Köpfe** auf [der Übersicht](https://koepfe.example.org/2024/).")).toEqual({
      html: '<p>Die <strong>100 Köpfe</strong> auf <a href="https://koepfe.example.org/2024/">der Übersicht</a>.</p>',
      text: "Die 100 Köpfe auf der Übersicht (https://koepfe.example.org/2024/).",
    });
  });

  it("escapes everything else, also inside bold text, link labels and link targets", () => {
    const { html } = renderIntro(`<script>x</script> **<b>&</b>** [<i>"q"</i>](https://e.org/?a=1&b='2')`);
    expect(html).toBe(
      '<p>&lt;script&gt;x&lt;/script&gt; <strong>&lt;b&gt;&amp;&lt;/b&gt;</strong> <a href="https://e.org/?a&#x3D;1&amp;b&#x3D;&#x27;2&#x27;">&lt;i&gt;&quot;q&quot;&lt;/i&gt;</a></p>',
    );
    // a target with a double quote is no https URL for koepfe (it could close an attribute): the label only
    expect(renderIntro('[x](https://e.org/?b="2")').html).toBe("<p>x</p>");
  });

  it("shows a link with a non-https target as its label only", () => {
    expect(renderIntro("[klick](javascript:alert(1)) und [alt](http://e.org/)")).toEqual({
      html: "<p>klick und alt</p>",
      text: "klick und alt",
    });
  });

  it("accepts one level of parentheses in a link target", () => {
    expect(renderIntro("[Wiki](https://de.wikipedia.org/wiki/Kopf_(Anatomie))").text).toBe(
      "Wiki (https://de.wikipedia.org/wiki/Kopf_(Anatomie))",
    );
  });
});

describe("nonHttpsLinks", () => {
  it("lists non-https link targets with their line", () => {
    expect(nonHttpsLinks("a\n[x](https://ok.org/)\n[y](http://no.org/) [z](mailto:a@b.de)")).toEqual([
      { line: 3, url: "http://no.org/" },
      { line: 3, url: "mailto:a@b.de" },
    ]);
  });
});
