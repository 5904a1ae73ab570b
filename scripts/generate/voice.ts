/**
 * How the texts refer to a nominee: pronouns and gendered words for "w" and "m"; for "d" the family
 * name stands in for a pronoun, which is what German editors do to avoid guessing.
 */
import type { Person } from "./people.js";

export interface Voice {
  /** "Anna Müller" with title on first mention. */
  name: string;
  /** Family name for repeat mentions ("Müller", "von der Heide"), and capitalised for a sentence start. */
  last: string;
  Last: string;
  /** Nominative pronoun: sie / er / Müller. */
  sie: string;
  Sie: string;
  /** Dative: ihr / ihm / Müller. */
  ihm: string;
  /** Accusative: sie / ihn / Müller. */
  ihn: string;
  /** Possessive: the woman's or the man's form, or the genitive of the family name ("Müllers", "Voß’"). */
  ihr(w: string, m: string): string;
  /** A gendered word: for women, men, or the neutral form. */
  g(w: string, m: string, d: string): string;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function genitive(name: string): string {
  return /(s|ß|x|z)$/.test(name) ? `${name}’` : `${name}s`;
}

export function voiceOf(person: Person): Voice {
  const { gender, family } = person;
  const byGender = (w: string, m: string, d: string) => (gender === "w" ? w : gender === "m" ? m : d);
  return {
    name: person.name,
    last: family,
    Last: capitalise(family),
    sie: byGender("sie", "er", family),
    Sie: byGender("Sie", "Er", capitalise(family)),
    ihm: byGender("ihr", "ihm", family),
    ihn: byGender("sie", "ihn", family),
    ihr: (w, m) => {
      const form = byGender(w, m, genitive(family));
      return w.charAt(0) === w.charAt(0).toUpperCase() ? capitalise(form) : form;
    },
    g: byGender,
  };
}
