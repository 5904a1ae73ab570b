/** sitemap.xml and robots.txt: absolute URLs under base_url. */
import { absolute } from "../shared/urls.js";

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
/** Text for XML content and attribute values (the sitemap, the SVG share image). */
export const xml = (s: string) => s.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);

/** The sitemap protocol allows 50,000 URLs per file; an edition has one page per nominee and author. */
export function sitemapXml(baseUrl: string, pagePaths: readonly string[]): string {
  const urls = pagePaths.map((p) => `  <url><loc>${xml(absolute(baseUrl, p))}</loc></url>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join("\n")}\n</urlset>\n`;
}

export function robotsTxt(baseUrl: string): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${absolute(baseUrl, "sitemap.xml")}\n`;
}
