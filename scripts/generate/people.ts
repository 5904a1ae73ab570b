/**
 * Fictional people and companies. Registries keep person names, ids and company names unique for as
 * long as the word lists allow; beyond that (editions of thousands) names repeat and ids get -2, -3.
 */
import { foldGerman, personKey } from "../../src/lib/sort-key.js";
import type { Rng } from "./random.js";
import type { CategoryPlan } from "./categories.js";
import { COMPANY_PREFIXES, LEGAL_FORMS } from "./categories.js";
import { FAMILY, FEMALE_FIRST, MALE_FIRST, NEUTRAL_FIRST } from "./name-lists.js";

export type Gender = "w" | "m" | "d";

export interface Person {
  gender: Gender;
  title: string;
  first: string;
  family: string;
  /** Display name with title: "Prof. Dr. Anna Müller". */
  name: string;
  /** "Müller, Anna"; name particles go after the first name ("Heide, Anna von der"). */
  sortName: string;
}

const UNIQUE_TRIES = 40;

/** "Anna Müller" → "anna-mueller": folded per DIN 5007-2, titles dropped. */
export function slugOf(text: string): string {
  return personKey(text)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

function sortNameOf(first: string, family: string): string {
  const words = family.split(" ");
  if (words.length === 1) return `${family}, ${first}`;
  return `${words[words.length - 1] ?? family}, ${first} ${words.slice(0, -1).join(" ")}`;
}

function firstNames(gender: Gender): readonly string[] {
  if (gender === "w") return FEMALE_FIRST;
  if (gender === "m") return MALE_FIRST;
  return NEUTRAL_FIRST;
}

/** Draws people whose folded names (titles ignored) differ from everyone drawn before, while it can. */
export class PeopleRegistry {
  private readonly keys = new Set<string>();

  draw(rng: Rng, gender: Gender, titleShare: number): Person {
    let person = drawPerson(rng, gender, titleShare);
    for (let i = 1; i < UNIQUE_TRIES && this.keys.has(personKey(person.name)); i++) person = drawPerson(rng, gender, titleShare);
    this.keys.add(personKey(person.name));
    return person;
  }
}

function drawPerson(rng: Rng, gender: Gender, titleShare: number): Person {
  const first = rng.pick(firstNames(gender));
  const family = rng.pick(FAMILY);
  const roll = rng.next();
  const title = roll < titleShare * 0.25 ? "Prof. Dr." : roll < titleShare ? "Dr." : "";
  const name = [title, first, family].filter((w) => w.length > 0).join(" ");
  return { gender, title, first, family, name, sortName: sortNameOf(first, family) };
}

/** Unique slugs: the first "anna-mueller" keeps the plain id, later ones get -2, -3, … */
export class IdRegistry {
  private readonly used = new Set<string>();

  claim(base: string): string {
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}-${n}`;
    this.used.add(id);
    return id;
  }

  has(id: string): boolean {
    return this.used.has(id);
  }
}

const REGIONS = ["Nord", "Süd", "West", "Ost", "Mitte", "Rhein-Main", "Hanse", "Alpen"] as const;

/** Company names unique after folding and whitespace (the checker's max_per_company compares that way). */
export class CompanyRegistry {
  private readonly keys = new Set<string>();
  private counter = 0;

  draw(rng: Rng, plan: CategoryPlan): string {
    for (let i = 0; i < 2 * UNIQUE_TRIES; i++) {
      const name = companyName(rng, plan, i >= UNIQUE_TRIES ? rng.pick(REGIONS) : "");
      if (this.claim(name)) return name;
    }
    for (;;) {
      const name = `${rng.pick(COMPANY_PREFIXES)} ${rng.pick(plan.companyKinds)} ${++this.counter}`;
      if (this.claim(name)) return name;
    }
  }

  private claim(name: string): boolean {
    const key = foldGerman(name).replace(/\s+/g, " ").trim();
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    return true;
  }
}

function companyName(rng: Rng, plan: CategoryPlan, region: string): string {
  const prefix = rng.pick(COMPANY_PREFIXES);
  const kind = rng.pick(plan.companyKinds);
  if (kind === "& Partner") return `${prefix}, ${rng.pick(COMPANY_PREFIXES)} & Partner${region ? ` ${region}` : ""}`;
  if (kind.startsWith("&")) return [prefix, kind, region].filter(Boolean).join(" ");
  return [prefix, kind, region, rng.pick(LEGAL_FORMS)].filter(Boolean).join(" ");
}

/** Exactly floor(n/2) women and men, and one "d" when n is odd, so a 0.5 gender balance always holds. */
export function balancedGenders(rng: Rng, n: number): Gender[] {
  const half = Math.floor(n / 2);
  const list: Gender[] = [...Array<Gender>(half).fill("w"), ...Array<Gender>(half).fill("m")];
  if (n % 2 === 1) list.push("d");
  return rng.shuffle(list);
}

/** Largest-remainder split of n over the plans' shares (100 → 20/18/18/16/14/14). */
export function categoryCounts(plans: readonly CategoryPlan[], n: number): number[] {
  const total = plans.reduce((sum, p) => sum + p.share, 0);
  const exact = plans.map((p) => (p.share * n) / total);
  const counts = exact.map(Math.floor);
  const order = exact.map((x, i) => ({ i, rest: x - Math.floor(x) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  let missing = n - counts.reduce((a, b) => a + b, 0);
  for (const { i } of order) {
    if (missing-- <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts;
}
