/** Site checks: a nominee whose id names one of the site's own folders would overwrite that section. */
import type { Edition } from "../../edition/model.js";
import { problem, type Problem } from "../../lib/problem.js";
import { RESERVED_EMBEDS, RESERVED_SEGMENTS } from "../shared/urls.js";

const reserved: ReadonlySet<string> = new Set([...RESERVED_SEGMENTS, ...RESERVED_EMBEDS]);

export function siteProblems(edition: Edition): Problem[] {
  return edition.nominees
    .filter((n) => reserved.has(n.id))
    .map((n) =>
      problem({
        file: "nominees.csv",
        line: n.line,
        column: edition.columns["nominees.csv"]?.["id"] ?? null,
        field: "id",
        code: "reserved-id",
        message: `id "${n.id}" is the name of a folder or embed of the site (${[...RESERVED_SEGMENTS, ...RESERVED_EMBEDS].join(", ")}); choose another id such as "${n.id}-1"`,
        value: n.id,
      }),
    );
}
