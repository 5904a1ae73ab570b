/**
 * A full garbage collection on request, for the few points where a batch command knows a large
 * amount of memory just became garbage. V8 grows its heap lazily (to 2–4× the live data before the
 * next full collection), so `check` of 10,000 nominees and 100,000 subscribers peaked at ~350 MB
 * RSS with ~100 MB live; collecting after each large file keeps it near 260 MB for ~0.2 s.
 */
import v8 from "node:v8";
import vm from "node:vm";

let gc: (() => void) | undefined;

export function collectGarbage(): void {
  if (gc === undefined) {
    // Node's documented way to reach gc() without starting node with --expose-gc
    v8.setFlagsFromString("--expose-gc");
    gc = vm.runInNewContext("gc") as () => void;
  }
  gc();
}
