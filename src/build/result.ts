/** What a build produced: the preview's editors' page and `koepfe build`'s report read it. */
import type { Edition } from "../edition/model.js";
import type { Problem } from "../lib/problem.js";
import type { Ranking } from "../rank/model.js";
import type { NewsletterBuildResult } from "../render/newsletter/build.js";
import type { BuildSummary } from "./summary.js";

export interface BuildResult {
  edition: Edition;
  ranking: Ranking;
  newsletters: NewsletterBuildResult;
  /** Warnings of check and of the newsletters (the build went ahead). */
  warnings: Problem[];
  summary: BuildSummary;
  /** Entries not public yet, with when they go public (the preview marks them). */
  upcoming: ReadonlyMap<string, string>;
}
