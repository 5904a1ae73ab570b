/**
 * Structured data (schema.org JSON-LD). The text comes from the CSVs, so the serialised JSON is made
 * safe for a <script> element: "<" (and ">", "&", the JS line separators) become \u escapes, so no
 * value can close the element or open a comment, and the JSON still parses to the same strings.
 */

const UNSAFE: Record<string, string> = { "<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029" };

export function jsonLdScriptText(data: unknown): string {
  return JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (c) => UNSAFE[c] ?? c);
}

const CONTEXT = "https://schema.org";

export interface PersonData {
  name: string;
  url: string;
  jobTitle?: string;
  worksFor?: string;
  image?: string;
  sameAs?: readonly string[];
  description?: string;
}

function person(p: PersonData): Record<string, unknown> {
  return {
    "@type": "Person",
    name: p.name,
    url: p.url,
    ...(p.jobTitle === undefined ? {} : { jobTitle: p.jobTitle }),
    ...(p.worksFor === undefined ? {} : { worksFor: { "@type": "Organization", name: p.worksFor } }),
    ...(p.image === undefined ? {} : { image: p.image }),
    ...(p.sameAs === undefined || p.sameAs.length === 0 ? {} : { sameAs: p.sameAs }),
    ...(p.description === undefined ? {} : { description: p.description }),
  };
}

export interface PageData {
  name: string;
  url: string;
  description: string;
  site: { name: string; url: string };
}

const webPage = (type: string, page: PageData) => ({
  "@context": CONTEXT,
  "@type": type,
  name: page.name,
  url: page.url,
  description: page.description,
  inLanguage: "de-DE",
  isPartOf: { "@type": "WebSite", name: page.site.name, url: page.site.url },
});

/** A profile page: WebPage whose mainEntity is the Person. */
export function profilePage(page: PageData, subject: PersonData): Record<string, unknown> {
  return { ...webPage("WebPage", page), mainEntity: person(subject) };
}

/** A list page (index, category): ItemList whose positions are the published ranks. */
export function itemList(page: PageData, items: readonly { position: number; url: string; name: string }[]): Record<string, unknown> {
  return {
    "@context": CONTEXT,
    "@type": "ItemList",
    name: page.name,
    url: page.url,
    description: page.description,
    numberOfItems: items.length,
    itemListOrder: "https://schema.org/ItemListOrderAscending",
    itemListElement: items.map((i) => ({ "@type": "ListItem", position: i.position, url: i.url, name: i.name })),
  };
}

/** Any other page (archive, 404). */
export function plainPage(page: PageData): Record<string, unknown> {
  return webPage("WebPage", page);
}
