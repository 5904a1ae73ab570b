/**
 * Walking HTML parsed by parse5 (a real HTML parser, as a browser parses): elements in document
 * order, attributes, text. Shared by the newsletter, site and unsubscribe tests.
 */
import type { DefaultTreeAdapterTypes as P } from "parse5";

export type Node = P.Node;
export type Element = P.Element;

export function isElement(n: Node): n is Element {
  return "tagName" in n;
}

export function children(n: Node): Node[] {
  const kids = "childNodes" in n ? (n.childNodes as Node[]) : [];
  // <template> keeps its children in .content
  return isElement(n) && n.tagName === "template" ? [...kids, ...((n as P.Template).content.childNodes as Node[])] : kids;
}

/** Every element below `root` (document order) that matches. */
export function all(root: Node, match: (e: Element) => boolean = () => true): Element[] {
  const out: Element[] = [];
  const walk = (n: Node) => {
    if (isElement(n) && match(n)) out.push(n);
    for (const c of children(n)) walk(c);
  };
  walk(root);
  return out;
}

export const byTag = (root: Node, tag: string) => all(root, (e) => e.tagName === tag);
export const byClass = (root: Node, cls: string) => all(root, (e) => (attr(e, "class") ?? "").split(/\s+/).includes(cls));

export function first(root: Node, match: (e: Element) => boolean): Element {
  const found = all(root, match)[0];
  if (!found) throw new Error("no matching element");
  return found;
}

export function attr(e: Element, name: string): string | null {
  return e.attrs.find((a) => a.name === name)?.value ?? null;
}

/** Text content with whitespace collapsed. */
export function text(n: Node): string {
  const parts: string[] = [];
  const walk = (x: Node) => {
    if (x.nodeName === "#text") parts.push((x as P.TextNode).value);
    for (const c of children(x)) walk(c);
  };
  walk(n);
  return parts.join("").replace(/\s+/g, " ").trim();
}
