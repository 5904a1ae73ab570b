import { describe, it, expect } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");
// zod's own issue code, mapped to one of ours by edition/validate-rows.ts
const NOT_OURS = new Set(["custom"]);

/** Every literal problem or error code in src/: `code: "x"`, `fail("x"`, `"E_X"`, `"budget-x"`. */
function codesInSource(): Map<string, string> {
  const found = new Map<string, string>();
  const patterns = [
    /code: "([a-z][a-z0-9-]+)"/g,
    /fail\("([a-z][a-z0-9-]+)"/g,
    /"(E_[A-Z_]+)"/g,
    /"(budget-[a-z-]+)"/g,
    /return "([a-z]+-[a-z-]+)";/g,
  ];
  for (const file of readdirSync(path.join(ROOT, "src"), { recursive: true, encoding: "utf8" })) {
    if (!file.endsWith(".ts")) continue;
    const text = readFileSync(path.join(ROOT, "src", file), "utf8");
    for (const p of patterns) for (const m of text.matchAll(p)) if (m[1] && !NOT_OURS.has(m[1])) found.set(m[1], file);
  }
  return found;
}

describe("docs/error-codes.md", () => {
  it("documents every code the source can report", () => {
    const doc = readFileSync(path.join(ROOT, "docs/error-codes.md"), "utf8");
    const missing = [...codesInSource()].filter(([code]) => !doc.includes(`\`${code}\``)).map(([code, file]) => `${code} (${file})`);
    expect(missing).toEqual([]);
  });
});
