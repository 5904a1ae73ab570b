/** The ranking stage's public API: data functions (pure) and their terminal formats. */
export { rankEdition, analyse, type Analysis } from "./rank.js";
export { explainNominee, type NomineeExplanation, type BallotLine, type Neighbour } from "./explain.js";
export { stability, type Stability, type StabilityEntry, type StablePlace } from "./stability.js";
export { jurorBias, type BiasTable, type JurorBias } from "./bias.js";
export { rankingJson, rankingCsv, type RankingJson, type RankingJsonEntry } from "./export.js";
export { rankingProblems } from "./validate.js";
export { formatRanking } from "./format-ranking.js";
export { formatExplanation } from "./format-explain.js";
export { formatBias } from "./format-jurors.js";
export { formatStability } from "./format-stability.js";
export type { Ranking, RankedEntry, Movement } from "./model.js";
