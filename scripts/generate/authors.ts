/**
 * The editorial team: authors with short ids ("mflaig"), a role, topics and a German bio in the
 * magazine's house style. Each author covers one category; nominees get an author of their category.
 */
import { foldGerman } from "../../src/lib/sort-key.js";
import type { Rng } from "./random.js";
import type { CategoryPlan } from "./categories.js";
import type { PeopleRegistry, Person } from "./people.js";
import { IdRegistry } from "./people.js";
import type { PhotoPlan } from "./photos.js";
import { CsvFileWriter } from "./csv-writer.js";

export interface Author {
  id: string;
  person: Person;
  category: CategoryPlan;
  role: string;
  email: string;
  topics: string[];
  bio: string;
  photo: string | null;
}

const DESK_TOPICS: Record<string, readonly string[]> = {
  marketing: ["Markenführung", "Performance & Analytics", "Sponsoring", "Social Media"],
  agenturen: ["Agenturen & Pitches", "Beratung", "Kreativwirtschaft"],
  medien: ["Medien & Verlage", "Audio & Podcasts", "Journalismus"],
  "tech-ki": ["KI & Tech", "Datenschutz", "SEO", "Martech"],
  commerce: ["Handel & Commerce", "Retail Media", "Social Commerce"],
  kreation: ["Design", "Bewegtbild", "Kreativpreise"],
};
const ALL_TOPICS = Object.values(DESK_TOPICS).flat();

const STUDIES = [
  "Amerikanistik",
  "Kommunikationswissenschaft",
  "Betriebswirtschaftslehre",
  "Germanistik und Politik",
  "Medieninformatik",
  "Soziologie",
  "Geschichte",
  "Romanistik",
];
const CITIES = ["München", "Hamburg", "Leipzig", "Münster", "Köln", "Mainz", "Göttingen", "Tübingen", "Freiburg", "Würzburg", "Bremen"];
const TRAINING = [
  "dem Kranichfelder Boten",
  "der Lindenauer Rundschau",
  "dem Fachdienst Werbewelt",
  "der Nordheider Zeitung",
  "dem Wirtschaftsmagazin Kompass Süd",
  "dem Elbtaler Anzeiger",
  "Radio Weserwelle",
];
const HOBBIES: readonly ((sie: string) => string)[] = [
  (sie) => `sitzt ${sie} im Ruderboot auf der Alster`,
  (sie) => `steht ${sie} am Wochenende als Schiedsrichter${sie === "sie" ? "in" : ""} auf dem Fußballplatz`,
  (sie) => `backt ${sie} Sauerteigbrot nach alten Familienrezepten`,
  (sie) => `sammelt ${sie} Schallplatten aus den Siebzigern`,
];

function authorId(person: Person, ids: IdRegistry): string {
  const letters = (s: string) => foldGerman(s).replace(/[^a-z]/g, "");
  return ids.claim(`${letters(person.first).charAt(0)}${letters(person.family)}`);
}

function bio(rng: Rng, person: Person, role: string, topics: readonly string[]): string {
  const sie = person.gender === "w" ? "sie" : "er";
  const Sie = person.gender === "w" ? "Sie" : "Er";
  const [t1, t2, t3] = topics;
  const parts = [
    `${person.first} ${person.family} ist ${role} bei Beispiel Fachverlag.`,
    `${Sie} studierte ${rng.pick(STUDIES)} in ${rng.pick(CITIES)}, volontierte bei ${rng.pick(TRAINING)} und verantwortet die Themenbereiche ${t1}, ${t2} sowie ${t3}.`,
  ];
  if (rng.chance(0.6))
    parts.push(
      `Zuvor arbeitete ${sie} ${rng.int(2, 9)} Jahre als ${person.gender === "w" ? "freie Journalistin" : "freier Journalist"} in ${rng.pick(CITIES)}.`,
    );
  if (rng.chance(0.5)) parts.push(`Wenn ${sie} nicht recherchiert, ${rng.pick(HOBBIES)(sie)}.`);
  return parts.join(" ");
}

const PHOTO_SHARE = 0.5;

function authorPhoto(rng: Rng, id: string, photos: PhotoPlan): string | null {
  if (photos.kind === "none" || !rng.chance(PHOTO_SHARE)) return null;
  return photos.kind === "shared" ? rng.pick(photos.files) : `photos/autor-${id}.jpg`;
}

/** `count` authors, spread evenly over the categories. */
export function makeAuthors(rng: Rng, count: number, plans: readonly CategoryPlan[], people: PeopleRegistry, photos: PhotoPlan): Author[] {
  const ids = new IdRegistry();
  const authors: Author[] = [];
  for (let i = 0; i < count; i++) {
    const category = plans[i % plans.length] as CategoryPlan;
    const person = people.draw(rng, rng.chance(0.5) ? "w" : "m", 0);
    const w = person.gender === "w";
    const role =
      rng.pick([w ? "Redakteurin" : "Redakteur", w ? "Ressortleiterin" : "Ressortleiter", w ? "Chefreporterin" : "Chefreporter"]) +
      ` ${category.name}`;
    const desk = DESK_TOPICS[category.id] ?? [];
    const own = rng.shuffle(desk).slice(0, 2);
    const other = rng.pick(ALL_TOPICS.filter((t) => !own.includes(t)));
    const topics = [...own, other];
    const id = authorId(person, ids);
    authors.push({
      id,
      person,
      category,
      role,
      email: `${id}@example.org`,
      topics,
      bio: bio(rng, person, role, topics),
      photo: authorPhoto(rng, id, photos),
    });
  }
  return authors;
}

export function writeAuthors(file: string, authors: readonly Author[]): void {
  const out = new CsvFileWriter(file, ["id", "name", "role", "email", "topics", "bio", "photo"]);
  for (const a of authors) out.row([a.id, a.person.name, a.role, a.email, a.topics.join("|"), a.bio, a.photo ?? ""]);
  out.close();
}
