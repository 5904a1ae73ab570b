/**
 * German laudations, teasers and quotes assembled from sentence templates. A laudation has 2–4
 * paragraphs separated by a blank line and 400–1,500 characters; typographic quotes „…“ throughout.
 */
import type { Rng } from "./random.js";
import type { Voice } from "./voice.js";

export interface Subject {
  v: Voice;
  role: string;
  company: string;
  topic: string;
  /** An achievement in the accusative: "den Relaunch der Dachmarke". */
  feat: string;
  rng: Rng;
}

type Sentence = (s: Subject) => string;

const CITIES = [
  "Husum",
  "Passau",
  "Görlitz",
  "Lüneburg",
  "Bamberg",
  "Flensburg",
  "Fulda",
  "Cottbus",
  "Lörrach",
  "Emden",
  "Straubing",
  "Detmold",
];
const SUBJECTS = [
  "Germanistik",
  "Betriebswirtschaftslehre",
  "Kommunikationsdesign",
  "Informatik",
  "Soziologie",
  "Amerikanistik",
  "Physik",
  "Philosophie",
];
const GETAWAYS = ["Ostsee", "Nordsee", "Schlei", "Müritz", "Mosel", "Saale"];

const OPENERS: readonly Sentence[] = [
  ({ v }) =>
    `${v.name} gehört zu den Menschen, über die in der Branche gerade alle sprechen – nicht wegen lauter Auftritte, sondern wegen der Arbeit.`,
  ({ v, topic }) => `Wer in diesem Jahr über ${topic} redet, kommt an ${v.name} nicht vorbei.`,
  ({ v, role, company }) =>
    `Als ${role} bei ${company} hat ${v.name} ein Jahr hinter sich, das andere in ein ganzes Berufsleben packen würden.`,
  ({ v, company, topic, rng }) =>
    `${v.name} ist seit ${rng.int(3, 19)} Jahren bei ${company} und dort längst mehr als ${v.g("die Frau", "der Mann", "die Stimme")} für ${topic}.`,
  ({ v, role, company }) => `Es gibt Karrieren, die leise beginnen: ${v.name} fing als Trainee an und ist heute ${role} bei ${company}.`,
  ({ v }) => `„Man muss nicht laut sein, um gehört zu werden“ – kaum jemand verkörpert diesen Satz so wie ${v.name}.`,
  ({ v, company }) =>
    `Bei ${company} nennen sie ${v.ihn} halb im Scherz „${v.g("die Übersetzerin", "den Übersetzer", "die Übersetzungsinstanz")}“, weil ${v.sie} zwischen Vorstand und Kreation vermittelt wie kaum jemand sonst.`,
  ({ v, role, company, topic }) => `${v.name}, ${role} bei ${company}, hat ${topic} in diesem Jahr ein Gesicht gegeben.`,
  ({ v }) => `Kaum ein Name fiel in den Gesprächen mit der Jury so oft wie der von ${v.name}.`,
  ({ v, company }) =>
    `Seit ${v.name} bei ${company} die Verantwortung trägt, ist dort wenig so geblieben, wie es war – und das ist als Kompliment gemeint.`,
];

/** Sentences naming the nominee's achievement; a laudation uses one, so the feat is told once. */
const FEATS: readonly Sentence[] = [
  ({ v, feat }) => `In diesem Jahr verantwortete ${v.last} ${feat} – ein Vorhaben, an dem sich andere vorher die Zähne ausgebissen hatten.`,
  ({ v, feat }) => `Zu den Höhepunkten zählt, dass ${v.last} ${feat} auf den Weg gebracht hat.`,
  ({ v, feat }) => `${v.Last} setzte ${feat} durch, obwohl intern viele zunächst abwinkten.`,
  ({ v, company, feat }) => `Dass ${company} ${feat} stemmen konnte, ist zu einem guten Teil ${v.ihr("ihr", "sein")} Verdienst.`,
  ({ v, feat }) =>
    `${feat.charAt(0).toUpperCase()}${feat.slice(1)} habe ${v.sie} nicht allein gestemmt, sagt ${v.last} selbst, und nennt in jedem Gespräch zuerst das Team.`,
];

const DEEDS: readonly Sentence[] = [
  ({ rng }) =>
    `Die Zahlen sprechen für sich: Der Umsatz im Kerngeschäft wuchs um ${rng.int(8, 41)} Prozent, die Reichweite um ${rng.int(12, 90)} Prozent.`,
  ({ v, rng }) => `Unter ${v.ihr("ihrer", "seiner")} Führung wuchs das Team von ${rng.int(6, 20)} auf ${rng.int(25, 140)} Köpfe.`,
  ({ v, topic }) =>
    `Was ${v.last} antreibt, ist weniger der nächste Award als die Frage, was ${topic} für die Menschen bedeutet, die am Ende damit arbeiten.`,
  ({ v }) =>
    `Ein Jurymitglied brachte es auf den Punkt: „${v.Last} macht aus komplizierten Dingen einfache – und aus einfachen Dingen gute.“`,
  ({ v, company }) =>
    `Auch außerhalb von ${company} hinterlässt ${v.last} Spuren – in Mentoring-Programmen, auf Fachkonferenzen und in den Gremien des Branchenverbands.`,
  ({ v, rng }) =>
    `Im Frühjahr gewann ${v.last} gleich ${rng.pick(["zwei", "drei", "vier"])} große Kunden hinzu – in einem Markt, in dem sonst eher gespart wird.`,
  ({ v, company }) =>
    `${v.ihr("Ihre", "Seine")} Quartalsbriefe an das Team gelten inzwischen als Pflichtlektüre, weit über ${company} hinaus.`,
];

const MANNER: readonly Sentence[] = [
  ({ v }) => `Wer mit ${v.ihm} zusammenarbeitet, beschreibt ${v.ihn} als neugierig, direkt und erstaunlich geduldig.`,
  ({ v }) => `Kolleginnen und Kollegen schätzen ${v.ihr("ihre", "seine")} Art, Entscheidungen zu erklären, statt sie nur zu verkünden.`,
  ({ v }) => `${v.ihr("Ihr", "Sein")} Credo: „Erst verstehen, dann gestalten.“`,
  ({ v }) => `Meetings ohne klares Ziel sind ${v.ihm} ein Graus, lange Gespräche mit Kundinnen und Kunden dagegen nicht.`,
  ({ v }) =>
    `Intern gilt ${v.last} als ${v.g("diejenige, die", "derjenige, der", "die Person, die")} unbequeme Fragen stellt – freundlich, aber hartnäckig.`,
  ({ v }) => `Auf Bühnen wirkt ${v.last} gelassen, in Verhandlungen beharrlich, im Team nahbar.`,
  ({ v, rng }) =>
    `Dass ${v.sie} dabei nie die Bodenhaftung verliert, liegt wohl auch an ${v.ihr("ihrer", "seiner")} Herkunft aus ${rng.pick(CITIES)}.`,
  ({ v, rng }) => `Privat zieht es ${v.ihn} an die ${rng.pick(GETAWAYS)}, wo ${v.sie} nach eigener Aussage die besten Ideen hat.`,
  ({ v }) => `Ein Satz, den man von ${v.ihm} oft hört: „Das probieren wir aus.“`,
  ({ v, rng }) =>
    `${v.Last} studierte ${rng.pick(SUBJECTS)} in ${rng.pick(CITIES)} und kam über Umwege in die Branche – ein Weg, auf den ${v.sie} heute gern verweist.`,
];

const OUTLOOKS: readonly Sentence[] = [
  ({ v }) => `Für 2025 hat sich ${v.last} viel vorgenommen – und wer ${v.ihn} kennt, zweifelt nicht daran, dass es gelingt.`,
  () => `Man darf gespannt sein, was als Nächstes kommt.`,
  ({ v }) => `Die Jury ist sich einig: An ${v.name} wird sich die Branche auch in den nächsten Jahren orientieren.`,
  ({ v, topic }) => `Bleibt die Frage, was ${v.last} als Nächstes anpackt – langweilig dürfte es um ${topic} jedenfalls nicht werden.`,
  ({ v }) => `Dass ${v.sie} zu den „100 Köpfen“ gehört, ist daher keine Überraschung, sondern folgerichtig.`,
  ({ v }) => `Oder, wie es ein langjähriger Wegbegleiter formuliert: „Von ${v.ihm} werden wir noch viel hören.“`,
  ({ v, rng }) =>
    `Als Nächstes steht der Ausbau des Geschäfts in ${rng.pick(["Österreich und der Schweiz", "Skandinavien", "den Benelux-Ländern", "Polen"])} an – ein Vorhaben, das ${v.last} mit gewohnter Gründlichkeit angeht.`,
];

const TEASERS: readonly Sentence[] = [
  ({ v, company, feat }) => `${v.name} hat bei ${company} ${feat} verantwortet – und dabei vieles neu gedacht.`,
  ({ v, topic }) => `Warum ${v.name} in diesem Jahr zu den prägenden Köpfen für ${topic} gehört.`,
  ({ v, role, company }) => `${role} bei ${company}: ${v.name} über Mut, Tempo und "gute Fehler".`,
  ({ v, company }) => `Leise, gründlich, wirksam: wie ${v.name} ${company} verändert.`,
  ({ v, topic }) => `${v.name} zeigt, wie ${topic} funktioniert, wenn man es ernst meint.`,
  ({ v, company }) => `Bei ${company} gibt ${v.name} den Takt vor – mit Geduld, Daten und einem Gespür für Menschen.`,
];

const QUOTES = [
  "Gute Ideen brauchen Zeit – und jemanden, der sie verteidigt.",
  "Ich glaube an Teams, nicht an Genies.",
  "Wer nur auf die Zahlen schaut, übersieht die Menschen dahinter.",
  "Mut heißt für mich, auch mal Nein zu sagen.",
  "Die beste Kampagne ist die, über die am Küchentisch gesprochen wird.",
  "KI ersetzt keine Haltung.",
  "Wir müssen wieder lernen zuzuhören.",
  "Vertrauen ist die härteste Währung, die eine Marke hat.",
  "Ich frage lieber einmal zu viel als einmal zu wenig.",
  "Tempo ist gut, Richtung ist besser.",
  "Kreativität ist Handwerk, keine Magie.",
  "Fehler sind teuer, Stillstand ist teurer.",
  "Am Ende zählt, ob es den Leuten draußen etwas bringt.",
  "Ich will nicht die lauteste Stimme sein, sondern die, die bleibt.",
] as const;

const MIN_LENGTH = 400;
const MAX_LENGTH = 1500;

function draw(rng: Rng, pool: readonly Sentence[], used: Set<Sentence>, s: Subject): string {
  const fresh = pool.filter((t) => !used.has(t));
  const template = rng.pick(fresh.length > 0 ? fresh : pool);
  used.add(template);
  return template(s);
}

const lengthOf = (paragraphs: string[][]) => paragraphs.reduce((n, p) => n + p.join(" ").length + 2, -2);

/** A laudation of 2–4 paragraphs and 400–1,500 characters. */
export function laudation(s: Subject): string {
  const { rng } = s;
  const used = new Set<Sentence>();
  const count = rng.int(2, 4);
  const paragraphs: string[][] = [[draw(rng, OPENERS, used, s), draw(rng, FEATS, used, s)]];
  for (let i = 1; i < count - 1; i++) paragraphs.push([draw(rng, DEEDS, used, s), draw(rng, MANNER, used, s)]);
  paragraphs.push(rng.chance(0.6) ? [draw(rng, MANNER, used, s), draw(rng, OUTLOOKS, used, s)] : [draw(rng, OUTLOOKS, used, s)]);
  while (lengthOf(paragraphs) > MAX_LENGTH) {
    const longest = paragraphs.reduce((a, b) => (b.length > a.length ? b : a));
    if (longest.length > 1) longest.splice(1, 1);
    else if (paragraphs.length > 2) paragraphs.splice(paragraphs.length - 2, 1);
    else break;
  }
  while (lengthOf(paragraphs) < MIN_LENGTH) paragraphs[paragraphs.length - 1]?.unshift(draw(rng, MANNER, used, s));
  return paragraphs.map((p) => p.join(" ")).join("\n\n");
}

export function teaser(s: Subject): string {
  return s.rng.pick(TEASERS)(s);
}

export function quote(rng: Rng): string {
  return rng.pick(QUOTES);
}
