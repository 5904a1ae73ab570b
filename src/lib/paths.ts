/** Path helpers shared by the build, the site and the preview server. */
import path from "node:path";

/** True when `child` is `parent` or lies below it (no "..", no other root). */
export function inside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/** A path as the user would type it: relative to the working folder when below it, else absolute. */
export function displayPath(abs: string): string {
  const rel = path.relative(process.cwd(), abs);
  return rel === "" ? "." : rel.startsWith("..") || path.isAbsolute(rel) ? abs : rel;
}
