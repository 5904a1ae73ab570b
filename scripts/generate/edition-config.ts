/**
 * edition.json and the newsletter intros. The sample (100 nominees) gets the full configuration of
 * the contract; other sizes get what their data keeps true: category sizes only for the sample
 * plan, countdown issues in ceil(N/10)-place blocks up to 1,000 nominees, the default plan beyond.
 */
import type { CategoryPlan } from "./categories.js";
import type { Criterion, Juror } from "./jury.js";

export const BASE_URL = "https://koepfe.example.org/2024/";
const MAX_PLANNED_NOMINEES = 1000;
const FIRST_SEND_DAY = "2024-12-02";
const SEND_TIME = "07:00";

export interface Issue {
  number: number;
  send_at: string;
  subject: string;
  preheader: string;
  ranks: [number, number];
  intro: string;
}

/** Weekdays from FIRST_SEND_DAY on (December: no DST change to step around). */
function weekdays(count: number): string[] {
  const days: string[] = [];
  for (const d = new Date(`${FIRST_SEND_DAY}T12:00:00Z`); days.length < count; d.setUTCDate(d.getUTCDate() + 1)) {
    const weekday = d.getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(d.toISOString().slice(0, 10));
  }
  return days;
}

const places = (from: number, to: number) => (from === to ? `Platz ${from}` : `Plätze ${to} bis ${from}`);

function preheader(index: number, count: number): string {
  if (index === 0) return "Den Auftakt machen Menschen, von denen die Branche noch viel hören wird.";
  if (index === count - 1) return "Jetzt ist es so weit: die Spitze der 100 Köpfe 2024.";
  if (index === count - 2) return "Kurz vor dem Ziel: nur noch ein Teil des Countdowns bis zur Spitze.";
  return `Teil ${index + 1} des Countdowns: Macherinnen und Macher aus Marketing, Medien und Tech.`;
}

/** The countdown: the last block first, ranks in blocks of ceil(N/10); null beyond 1,000 nominees. */
export function countdownIssues(nominees: number): Issue[] | null {
  if (nominees > MAX_PLANNED_NOMINEES) return null;
  const block = Math.ceil(nominees / 10);
  const count = Math.ceil(nominees / block);
  const days = weekdays(count);
  return Array.from({ length: count }, (_, i) => {
    const from = (count - 1 - i) * block + 1;
    const to = Math.min(nominees, from + block - 1);
    return {
      number: i + 1,
      send_at: `${days[i]}T${SEND_TIME}`,
      subject: `100 Köpfe 2024: ${places(from, to)}`,
      preheader: preheader(i, count),
      ranks: [from, to],
      intro: `newsletter/${String(i + 1).padStart(2, "0")}.md`,
    };
  });
}

const NUMBER_WORDS = ["Null", "Ein", "Zwei", "Drei", "Vier", "Fünf", "Sechs", "Sieben", "Acht", "Neun", "Zehn", "Elf", "Zwölf"];

/** Two short Markdown-lite paragraphs: **bold** and one link to the edition's site. */
export function introText(issue: Issue, count: number, jurors: number): string {
  const jury = NUMBER_WORDS[jurors] ?? String(jurors);
  const [from, to] = issue.ranks;
  const single = from === to;
  const accusative = single ? `Platz ${from}` : `die Plätze ${to} bis ${from}`;
  const dative = single ? `Platz ${from}` : `den Plätzen ${to} bis ${from}`;
  const opening =
    issue.number === 1
      ? `Heute beginnt unser Countdown der **100 Köpfe 2024**. Den Anfang ${single ? "macht" : "machen"} ${accusative}. Wer hier steht, hat Marketing, Medien und Tech in diesem Jahr geprägt.`
      : issue.number === count
        ? `Das Warten hat ein Ende: Heute zeigen wir **${accusative}** der 100 Köpfe 2024. ${jury} Jurorinnen und Juroren, Tausende Leserstimmen und viele Stunden Diskussion stecken in dieser Auswahl.`
        : `Weiter geht es heute mit **${dative}**. Auch diesmal sind Gründerinnen, Kreative und Strategen dabei, deren Arbeit man kennen sollte – selbst wenn man ihre Namen noch nicht kennt.`;
  return `${opening}\n\nAlle Porträts, die Jury und die Methode finden Sie auf [unserer Übersichtsseite](${BASE_URL}). Viel Freude beim Lesen!\n`;
}

export interface EditionShape {
  nominees: number;
  plans: readonly CategoryPlan[];
  counts: readonly number[];
  withSizes: boolean;
  jurors: readonly Juror[];
  criteria: readonly Criterion[];
  issues: readonly Issue[] | null;
}

export function editionJson(shape: EditionShape): object {
  const newsletter = {
    from: "100 Köpfe <koepfe@example.org>",
    reply_to: "redaktion@example.org",
    list_id: "koepfe-2024.example.org",
    unsubscribe_url: "https://koepfe.example.org/u/",
    unsubscribe_mailto: "unsubscribe@example.org",
    ...(shape.issues ? { issues: shape.issues } : {}),
  };
  return {
    title: "100 Köpfe 2024",
    year: 2024,
    locale: "de-DE",
    timezone: "Europe/Berlin",
    base_url: BASE_URL,
    publisher: {
      name: "Beispiel Fachverlag GmbH",
      address: "Musterstraße 12, 10115 Berlin",
      email: "redaktion@example.org",
      responsible: "Dr. Henrike Albers-Wendland",
    },
    categories: shape.plans.map((p, i) => ({ id: p.id, name: p.name, ...(shape.withSizes ? { size: shape.counts[i] } : {}) })),
    jurors: shape.jurors.map((j) => ({ id: j.id, name: j.person.name, company: j.company })),
    // companies are unique and genders exactly balanced at every size; a lone "d" nominee has no w/m share
    rules: { max_per_company: 1, ...(shape.nominees >= 2 ? { gender_balance: { min_share: 0.5 } } : {}) },
    ranking: {
      mode: "ranked",
      criteria: shape.criteria.map((c) => ({ id: c.id, name: c.name, weight: c.weight })),
      scale: { min: 0, max: 10 },
      normalize: "zscore",
      aggregate: "trimmed_mean",
      trim: 1,
      quorum: 3,
      weights: { jury: 0.8, votes: 0.2 },
      tie_break: ["count_back", "votes"],
      rank_style: "competition",
      conflicts: "exclude",
    },
    newsletter,
  };
}
