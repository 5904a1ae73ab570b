/**
 * The nominees: who they are (drawn up front, small records) and nominees.csv (texts are written
 * row by row, so 10,000 laudations never sit in memory at once).
 */
import { compareSortNames } from "../../src/lib/sort-key.js";
import type { Rng } from "./random.js";
import type { CategoryPlan } from "./categories.js";
import type { Author } from "./authors.js";
import type { CompanyRegistry, IdRegistry, PeopleRegistry, Person } from "./people.js";
import { balancedGenders, categoryCounts, slugOf } from "./people.js";
import { laudation, quote, teaser } from "./laudation.js";
import { voiceOf } from "./voice.js";
import { PHOTOGRAPHERS } from "./name-lists.js";
import { CsvFileWriter } from "./csv-writer.js";
import type { PhotoPlan } from "./photos.js";

export interface Nominee {
  id: string;
  person: Person;
  role: string;
  company: string;
  category: CategoryPlan;
  authorId: string;
  /** Latent quality the jury sees, and how well known the nominee is (drives votes). */
  merit: number;
  fame: number;
  photo: string | null;
}

const PHOTO_SHARE = 0.8;
const TITLE_SHARE = 0.14;

/** Draws the nominees, ordered by category and then by sort name as an editor's sheet would be. */
export function makeNominees(
  rng: Rng,
  count: number,
  plans: readonly CategoryPlan[],
  authors: readonly Author[],
  people: PeopleRegistry,
  companies: CompanyRegistry,
  ids: IdRegistry,
  photos: PhotoPlan,
): Nominee[] {
  const genders = balancedGenders(rng, count);
  const categories = rng.shuffle(categoryCounts(plans, count).flatMap((n, i) => Array<CategoryPlan>(n).fill(plans[i] as CategoryPlan)));
  const desks = new Map(plans.map((p) => [p.id, authors.filter((a) => a.category.id === p.id)]));
  const nominees = categories.map((category, i): Nominee => {
    const person = people.draw(rng, genders[i] ?? "d", TITLE_SHARE);
    const id = ids.claim(slugOf(person.name));
    const roleForms = rng.pick(category.roles);
    const role = person.gender === "w" ? roleForms[0] : person.gender === "m" ? roleForms[1] : roleForms[2];
    const desk = desks.get(category.id) ?? [];
    const author = rng.pick(desk.length > 0 ? desk : authors);
    const merit = rng.normal();
    const fame = 0.5 * merit + 0.87 * rng.normal();
    const hasPhoto = photos.kind !== "none" && rng.chance(PHOTO_SHARE);
    const photo = !hasPhoto ? null : photos.kind === "shared" ? rng.pick(photos.files) : `photos/${id}.jpg`;
    return { id, person, role, company: companies.draw(rng, category), category, authorId: author.id, merit, fame, photo };
  });
  const order = new Map(plans.map((p, i) => [p.id, i]));
  return nominees.sort(
    (a, b) =>
      (order.get(a.category.id) ?? 0) - (order.get(b.category.id) ?? 0) ||
      compareSortNames(a.person.sortName, b.person.sortName) ||
      (a.id < b.id ? -1 : 1),
  );
}

export const NOMINEE_HEADER = [
  "id",
  "name",
  "sort_name",
  "gender",
  "role",
  "company",
  "category",
  "author_id",
  "laudation",
  "teaser",
  "quote",
  "photo",
  "photo_credit",
  "linkedin",
  "website",
];

function website(company: string): string {
  const host = slugOf(company.replace(/\b(GmbH & Co\. KG|GmbH|AG|SE|KG|UG)\b/g, ""));
  return `https://www.${host}.example/`;
}

export function writeNominees(file: string, rng: Rng, nominees: readonly Nominee[]): void {
  const out = new CsvFileWriter(file, NOMINEE_HEADER);
  for (const n of nominees) {
    const topic = rng.pick(n.category.topics);
    const subject = { v: voiceOf(n.person), role: n.role, company: n.company, topic, feat: rng.pick(n.category.feats), rng };
    out.row([
      n.id,
      n.person.name,
      rng.chance(0.9) ? n.person.sortName : "",
      n.person.gender,
      n.role,
      n.company,
      n.category.id,
      n.authorId,
      laudation(subject),
      rng.chance(0.7) ? teaser(subject) : "",
      rng.chance(0.6) ? quote(rng) : "",
      n.photo ?? "",
      n.photo ? `Foto: ${rng.pick(PHOTOGRAPHERS)}` : "",
      rng.chance(0.7) ? `https://www.linkedin.com/in/${n.id}/` : "",
      rng.chance(0.4) ? website(n.company) : "",
    ]);
  }
  out.close();
}
