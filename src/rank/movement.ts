/** Method step 10: movement against last edition's list (previous.csv). */
import type { Movement } from "./model.js";

/** `up` when the previous rank number was larger (previous − current > 0). */
export function movement(previous: number | undefined, current: number | null): Movement {
  if (previous === undefined) return { kind: "new" };
  if (current === null || previous === current) return { kind: "same" };
  return previous > current ? { kind: "up", by: previous - current } : { kind: "down", by: current - previous };
}

/** "new", "up 3", "down 2", "same": the form of the JSON and CSV exports. */
export function movementText(m: Movement): string {
  return m.kind === "up" || m.kind === "down" ? `${m.kind} ${m.by}` : m.kind;
}
