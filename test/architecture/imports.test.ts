/**
 * The house rules of src/ as tests: the stages import only downward (the order below, which is the
 * pipeline), two folders never import each other, no file is part of an import circle, and no code
 * is compiled from strings.
 */
import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";

const SRC = path.resolve(import.meta.dirname, "../../src");
/** Bottom to top: a folder may import its own and any folder before it. */
const LAYERS = [
  "lib",
  "types",
  "edition",
  "check",
  "rank",
  "render",
  "schedule",
  "build",
  "send",
  "bounce",
  "subscribe",
  "serve",
  "app",
  "commands",
  "cli.ts",
];

function importGraph(): Map<string, string[]> {
  const files = readdirSync(SRC, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(path.join(SRC, file), "utf8");
    const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^"';]*?from\s+"(\.[^"]+)"|import\("(\.[^"]+)"\)/g)].map(
      (m) => m[1] ?? m[2] ?? "",
    );
    graph.set(
      file,
      specifiers.map((s) => path.normalize(path.join(path.dirname(file), s)).replace(/\.js$/, ".ts")),
    );
  }
  return graph;
}

function cycles(graph: Map<string, Iterable<string>>): string[] {
  const found: string[] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, "open");
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === "open") found.push([...stack.slice(stack.indexOf(next)), next].join(" → "));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, "done");
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return found;
}

const top = (file: string) => file.split("/")[0] ?? file;

describe("the import graph of src/", () => {
  const graph = importGraph();

  it("has every top-level folder in the layer order", () => {
    expect([...new Set([...graph.keys()].map(top))].filter((t) => !LAYERS.includes(t))).toEqual([]);
  });

  it("imports only downward", () => {
    const upward = [...graph].flatMap(([file, deps]) =>
      deps.filter((d) => LAYERS.indexOf(top(d)) > LAYERS.indexOf(top(file))).map((d) => `${file} → ${d}`),
    );
    expect(upward).toEqual([]);
  });

  it("has no circle between files or between folders", () => {
    const folders = new Map<string, Set<string>>();
    for (const [file, deps] of graph) {
      for (const d of deps) {
        if (path.dirname(d) === path.dirname(file)) continue;
        const set = folders.get(path.dirname(file)) ?? new Set<string>();
        set.add(path.dirname(d));
        folders.set(path.dirname(file), set);
      }
    }
    expect([...cycles(graph), ...cycles(folders)]).toEqual([]);
  });

  it("compiles no code from strings and reads no private fields of nodemailer", () => {
    const offending = [...graph.keys()].filter((file) => {
      const text = readFileSync(path.join(SRC, file), "utf8");
      return /new Function\(|eval:\s*true|\._(transforms|processFuncs|raw)\b/.test(text);
    });
    expect(offending).toEqual([]);
  });
});
