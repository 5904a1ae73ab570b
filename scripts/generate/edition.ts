/**
 * Generates a complete, valid edition folder from a seed: the same options always give the same
 * bytes. Each file draws from its own random stream, so the parts stay stable when another changes.
 */
import fs from "node:fs";
import path from "node:path";
import { UsageError } from "../../src/lib/errors.js";
import { streamFor } from "./random.js";
import { CATEGORY_PLANS } from "./categories.js";
import { CompanyRegistry, IdRegistry, PeopleRegistry, categoryCounts } from "./people.js";
import { makeAuthors, writeAuthors } from "./authors.js";
import { makeNominees, writeNominees } from "./nominees.js";
import { MAX_CRITERIA, MIN_BALLOTS, criteriaFor, makeJurors, writeJury } from "./jury.js";
import { writePrevious, writeVotes } from "./audience-signals.js";
import { writeSubscribers } from "./subscribers.js";
import { countdownIssues, editionJson, introText } from "./edition-config.js";
import { VARIANTS, renderPortraits, writePhotos, type PhotoPlan } from "./photos.js";

export interface GenerateOptions {
  nominees: number;
  subscribers: number;
  seed: number;
  /** Folder to write; created when missing. A non-empty folder needs `force`. */
  out: string;
  /** Default 9. At least 4: one juror sits out the conflict and every nominee needs 3 ballots. */
  jurors?: number;
  /** Default 3 (impact, innovation, visibility); 4 adds relevance, weights rescaled to sum to 1. */
  criteria?: number;
  /** Replace the generated files of an edition already in `out` (other files are left alone). */
  force?: boolean;
  /** Default true. Without photos the nominees have no `photo` and no photos/ folder is written. */
  photos?: boolean;
}

export interface GenerateResult {
  out: string;
  /** Paths written, relative to `out`, sorted. */
  files: string[];
  nominees: number;
  authors: number;
  jurors: number;
  criteria: number;
  ballots: number;
  subscribers: number;
  previous: number;
  issues: number;
  photos: number;
}

const GENERATED = [
  "edition.json",
  "nominees.csv",
  "authors.csv",
  "jury.csv",
  "votes.csv",
  "previous.csv",
  "subscribers.csv",
  "newsletter",
  "photos",
];
const SAMPLE_NOMINEES = 100;
const PER_NOMINEE_PHOTOS_UP_TO = 200;
const SHARED_PHOTOS = Array.from({ length: VARIANTS }, (_, i) => `photos/platzhalter-${i + 1}.jpg`);

function wholeNumber(name: string, value: number, min: number, max: number): void {
  if (!Number.isSafeInteger(value) || value < min || value > max)
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got ${value}`);
}

function validate(o: GenerateOptions): Required<GenerateOptions> {
  const full = { jurors: 9, criteria: 3, force: false, photos: true, ...o };
  wholeNumber("nominees", full.nominees, 1, 1_000_000);
  wholeNumber("subscribers", full.subscribers, 0, 10_000_000);
  wholeNumber("jurors", full.jurors, MIN_BALLOTS + 1, 100);
  wholeNumber("criteria", full.criteria, 1, MAX_CRITERIA);
  if (!Number.isSafeInteger(full.seed)) throw new UsageError(`--seed must be a whole number, got ${full.seed}`);
  if (full.out.trim() === "") throw new UsageError("--out must name a folder");
  return full;
}

function prepareOut(out: string, force: boolean): void {
  if (fs.existsSync(out)) {
    if (!fs.statSync(out).isDirectory()) throw new UsageError(`--out ${out} exists and is not a folder`);
    if (fs.readdirSync(out).length > 0) {
      if (!force) throw new UsageError(`--out ${out} is not empty; pass --force to replace the edition in it`);
      for (const entry of GENERATED) fs.rmSync(path.join(out, entry), { recursive: true, force: true });
    }
  }
  fs.mkdirSync(out, { recursive: true });
}

function listFiles(dir: string, prefix = ""): string[] {
  return fs
    .readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(dir, path.posix.join(prefix, e.name)) : [path.posix.join(prefix, e.name)]))
    .sort();
}

/** Writes a complete edition into `options.out` and says what it wrote. */
export async function generateEdition(options: GenerateOptions): Promise<GenerateResult> {
  const o = validate(options);
  const rng = (part: string) => streamFor(o.seed, part);
  prepareOut(o.out, o.force);
  const file = (name: string) => path.join(o.out, name);

  const people = new PeopleRegistry();
  const companies = new CompanyRegistry();
  const nomineeIds = new IdRegistry();
  const photoPlan: PhotoPlan = !o.photos
    ? { kind: "none" }
    : o.nominees <= PER_NOMINEE_PHOTOS_UP_TO
      ? { kind: "per-nominee" }
      : { kind: "shared", files: SHARED_PHOTOS };
  const authors = makeAuthors(rng("authors"), Math.max(12, Math.ceil(o.nominees / 50)), CATEGORY_PLANS, people, photoPlan);
  const nominees = makeNominees(rng("nominees"), o.nominees, CATEGORY_PLANS, authors, people, companies, nomineeIds, photoPlan);
  const { jurors, conflict } = makeJurors(rng("jurors"), o.jurors, CATEGORY_PLANS, people, companies, nominees);
  const criteria = criteriaFor(o.criteria);
  const issues = countdownIssues(o.nominees);

  const edition = editionJson({
    nominees: nominees.length,
    plans: CATEGORY_PLANS,
    counts: categoryCounts(CATEGORY_PLANS, o.nominees),
    withSizes: o.nominees === SAMPLE_NOMINEES,
    jurors,
    criteria,
    issues,
  });
  fs.writeFileSync(file("edition.json"), `${JSON.stringify(edition, null, 2)}\n`);
  writeNominees(file("nominees.csv"), rng("texts"), nominees);
  writeAuthors(file("authors.csv"), authors);
  const ballots = writeJury(file("jury.csv"), rng("ballots"), jurors, criteria, nominees, conflict);
  writeVotes(file("votes.csv"), rng("votes"), nominees);
  const previous = writePrevious(file("previous.csv"), rng("previous"), nominees, people, nomineeIds);
  writeSubscribers(file("subscribers.csv"), rng("subscribers"), o.subscribers, "Europe/Berlin");
  if (issues) {
    fs.mkdirSync(file("newsletter"), { recursive: true });
    for (const issue of issues) fs.writeFileSync(file(issue.intro), introText(issue, issues.length, jurors.length));
  }
  const photoRng = rng("photos");
  const photos = new Map<string, number>();
  for (const photo of [...authors.map((a) => a.photo), ...nominees.map((n) => n.photo)]) {
    if (photo === null || photos.has(photo)) continue;
    const shared = SHARED_PHOTOS.indexOf(photo);
    photos.set(photo, shared >= 0 ? shared : photoRng.int(0, VARIANTS - 1));
  }
  const photoCount = photos.size > 0 ? writePhotos(o.out, photos, await renderPortraits()) : 0;

  return {
    out: o.out,
    files: listFiles(o.out).filter((f) => GENERATED.includes(f.split("/")[0] ?? "")),
    nominees: nominees.length,
    authors: authors.length,
    jurors: jurors.length,
    criteria: criteria.length,
    ballots,
    subscribers: o.subscribers,
    previous,
    issues: issues?.length ?? 0,
    photos: photoCount,
  };
}
