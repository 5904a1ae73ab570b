/**
 * Where each page lives. Pages link to each other with relative URLs, so the same output works under
 * the edition's base_url path, in the preview server at "/" and from any static host; only canonical,
 * Open Graph, JSON-LD, the sitemap and the embeds (shown on other sites) use absolute URLs.
 */

/** Top-level folders of the site: a nominee id equal to one of them would overwrite that section. */
export const RESERVED_SEGMENTS = ["kategorie", "autoren", "newsletter", "embed", "photos", "assets"] as const;

/** The embeds of the whole list (embed/teaser.*) and the sign-up form (embed/anmelden.html): a nominee's card would overwrite them. */
export const RESERVED_EMBEDS = ["teaser", "anmelden"] as const;

export const pagePath = {
  index: "",
  person: (id: string) => `${id}/`,
  category: (id: string) => `kategorie/${id}/`,
  author: (id: string) => `autoren/${id}/`,
  archive: "newsletter/",
  issue: (n: number) => `newsletter/${n}/`,
};

/** The file a page path is written to ("anna/" → "anna/index.html"). */
export function fileOf(page: string): string {
  return `${page}index.html`;
}

/** "../" per folder level of a page path: the prefix that turns a root-relative path into a link. */
export function rootOf(page: string): string {
  return "../".repeat(page.split("/").length - 1);
}

/** A link from a page (given by its root prefix) to a root-relative path; "" (the index) becomes "./". */
export function link(root: string, target: string): string {
  const href = `${root}${target}`;
  return href === "" ? "./" : href;
}

/** The absolute URL of a root-relative path; base_url is validated https and ends with "/". */
export function absolute(baseUrl: string, target: string): string {
  return `${baseUrl}${target}`;
}
