/** edition.json → EditionConfig, with JSON syntax errors located by line:column and schema errors by JSON path. */
import { EditionConfig } from "./config-schema.js";
import { issueCode } from "./validate-rows.js";
import { decodeText } from "./decode.js";
import { problem, type Problem } from "../lib/problem.js";

const FILE = "edition.json";

export function jsonPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) out += typeof key === "number" ? `[${key}]` : `${out ? "." : ""}${String(key)}`;
  return out || "(top level)";
}

function positionToLineCol(text: string, pos: number): { line: number; column: number } {
  const before = text.slice(0, pos).split("\n");
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

export function parseEditionConfig(bytes: Uint8Array): { config: EditionConfig | null; problems: Problem[] } {
  const decoded = decodeText(bytes);
  if (!decoded.ok)
    return { config: null, problems: [problem({ file: FILE, line: decoded.line, code: decoded.code, message: decoded.message })] };
  let json: unknown;
  try {
    json = JSON.parse(decoded.text);
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    const at = pos ? positionToLineCol(decoded.text, Number(pos[1])) : null;
    return {
      config: null,
      problems: [
        problem({
          file: FILE,
          line: at?.line ?? null,
          column: at?.column ?? null,
          code: "invalid-json",
          message: `edition.json is not valid JSON: ${msg.replace(/^[^:]*JSON[^:]*:\s*/, "")}`,
        }),
      ],
    };
  }
  const result = EditionConfig.safeParse(json);
  if (result.success) return { config: result.data, problems: [] };
  const problems = result.error.issues.map((issue) => {
    const keys = issue.code === "unrecognized_keys" ? ` (${issue.keys.map((k) => `"${k}"`).join(", ")})` : "";
    const field = jsonPath(issue.path);
    const input = valueAt(json, issue.path);
    return problem({
      file: FILE,
      field,
      code: issueCode(issue, input),
      message: issue.code === "invalid_type" && input === undefined ? `${field} is required` : `${field}: ${issue.message}${keys}`,
      value: typeof input === "object" ? undefined : input,
    });
  });
  return { config: null, problems };
}

function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = json;
  for (const key of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}
