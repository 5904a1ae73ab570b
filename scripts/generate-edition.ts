/**
 * Deterministic generator of fictional editions, for the sample in data/, tests and benchmarks:
 *
 *   npx tsx scripts/generate-edition.ts --nominees 100 --subscribers 300 --seed 2024 --out data --force
 *
 * Flags: --nominees N, --subscribers M, --seed S, --out DIR (required), --jurors J (default 9),
 * --criteria C (default 3), --force (replace the generated files in a non-empty DIR), --no-photos.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { KoepfeError, UsageError, EXIT } from "../src/lib/errors.js";
import { generateEdition } from "./generate/edition.js";

export { generateEdition, type GenerateOptions, type GenerateResult } from "./generate/edition.js";

const USAGE =
  "usage: generate-edition --out DIR [--nominees N] [--subscribers M] [--seed S] [--jurors J] [--criteria C] [--force] [--no-photos]";

function count(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^-?\d+$/.test(value.trim())) throw new UsageError(`--${flag} must be a whole number, got "${value}"\n${USAGE}`);
  return Number(value);
}

async function main(argv: string[]): Promise<number> {
  const started = performance.now();
  try {
    const { values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        nominees: { type: "string" },
        subscribers: { type: "string" },
        seed: { type: "string" },
        out: { type: "string" },
        jurors: { type: "string" },
        criteria: { type: "string" },
        force: { type: "boolean" },
        "no-photos": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
    if (values.help) {
      console.log(USAGE);
      return EXIT.ok;
    }
    if (values.out === undefined) throw new UsageError(`--out DIR is required\n${USAGE}`);
    const result = await generateEdition({
      nominees: count("nominees", values.nominees, 100),
      subscribers: count("subscribers", values.subscribers, 300),
      seed: count("seed", values.seed, 2024),
      jurors: count("jurors", values.jurors, 9),
      criteria: count("criteria", values.criteria, 3),
      out: values.out,
      force: values.force ?? false,
      photos: !(values["no-photos"] ?? false),
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `wrote ${result.files.length} files to ${result.out} in ${seconds} s: ${result.nominees} nominees, ${result.authors} authors, ` +
        `${result.jurors} jurors × ${result.criteria} criteria (${result.ballots} jury rows), ${result.subscribers} subscribers, ` +
        `${result.previous} previous ranks, ${result.issues} newsletter issues, ${result.photos} photos`,
    );
    return EXIT.ok;
  } catch (error) {
    if (error instanceof KoepfeError) {
      console.error(`generate-edition: ${error.message}`);
      return error.exitCode;
    }
    if (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS")) {
      console.error(`generate-edition: ${error.message}\n${USAGE}`);
      return EXIT.usage;
    }
    console.error("generate-edition: internal error (a bug in the generator):", error);
    return EXIT.internal;
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) process.exitCode = await main(process.argv.slice(2));
