/**
 * Schedule checks contributed to `koepfe check`: every send_at exists and is unambiguous in the
 * edition's time zone, issues are in ascending time, rank blocks do not overlap and, in ranked mode,
 * cover the published list.
 */
import type { Edition } from "../edition/model.js";
import { problem, type Problem } from "../lib/problem.js";
import { resolveWallTime } from "./wall-time.js";

const FILE = "edition.json";

export function scheduleProblems(edition: Edition): Problem[] {
  const newsletter = edition.config.newsletter;
  if (!newsletter?.issues) return [];
  const out: Problem[] = [];
  const zone = edition.config.timezone;
  let previous: { number: number; millis: number } | null = null;
  newsletter.issues.forEach((issue, i) => {
    const field = `newsletter.issues[${i}].send_at`;
    const resolved = resolveWallTime(issue.send_at, zone);
    if (!resolved.ok) {
      // an unparseable time is reported by the newsletter's own checks (render/newsletter/validate.ts)
      if (resolved.code === "invalid-send-at") return;
      out.push(problem({ file: FILE, field, code: resolved.code, message: `${field}: ${resolved.message}`, value: issue.send_at }));
      return;
    }
    const millis = resolved.instant.toMillis();
    if (previous && millis <= previous.millis) {
      out.push(
        problem({
          file: FILE,
          field,
          code: "send-at-order",
          message: `${field}: issue ${issue.number} is scheduled at or before issue ${previous.number}; issues must be in ascending time`,
          value: issue.send_at,
        }),
      );
    }
    previous = { number: issue.number, millis };
  });
  if (edition.config.ranking.mode === "ranked") out.push(...rankBlockProblems(edition));
  return out;
}

function rankBlockProblems(edition: Edition): Problem[] {
  const issues = edition.config.newsletter?.issues ?? [];
  const blocks = issues.flatMap((issue, i) =>
    issue.ranks ? [{ i, number: issue.number, from: Math.min(...issue.ranks), to: Math.max(...issue.ranks) }] : [],
  );
  if (blocks.length === 0) return [];
  const out: Problem[] = [];
  const owner = new Map<number, number>();
  for (const b of blocks) {
    for (let place = b.from; place <= b.to; place++) {
      const other = owner.get(place);
      if (other !== undefined) {
        out.push(
          problem({
            file: FILE,
            field: `newsletter.issues[${b.i}].ranks`,
            code: "ranks-overlap",
            message: `newsletter.issues[${b.i}].ranks: place ${place} is already in issue ${other}; rank blocks must not overlap`,
            value: `[${b.from}, ${b.to}]`,
          }),
        );
        break;
      }
      owner.set(place, b.number);
    }
  }
  const total = edition.nominees.length;
  const missing: number[] = [];
  for (let place = 1; place <= total; place++) if (!owner.has(place)) missing.push(place);
  if (missing.length > 0) {
    out.push(
      problem({
        file: FILE,
        field: "newsletter.issues",
        code: "ranks-not-covered",
        message: `newsletter.issues do not reveal place${missing.length === 1 ? "" : "s"} ${compactRanges(missing)} of ${total}; every place must be in one issue`,
      }),
    );
  }
  return out;
}

/** [1,2,3,7,9,10] → "1–3, 7, 9–10" */
export function compactRanges(nums: readonly number[]): string {
  const parts: string[] = [];
  let start = nums[0];
  let prev = start;
  for (const n of [...nums.slice(1), Number.NaN]) {
    if (prev !== undefined && n === prev + 1) {
      prev = n;
      continue;
    }
    if (start !== undefined && prev !== undefined) parts.push(start === prev ? `${start}` : `${start}–${prev}`);
    start = n;
    prev = n;
  }
  return parts.join(", ");
}
