/**
 * What the site renderer consumes and produces. Rendering is pure (`sitePages`); the I/O edge
 * (`writeSite`) prepares the photos and assets first, because every page needs their sizes and names.
 */
import type { Edition } from "../../edition/model.js";
import type { Ranking } from "../../rank/model.js";

/** A newsletter issue as the site links to it (the web version is written by the newsletter stage). */
export interface SiteIssue {
  number: number;
  subject: string;
  /** ISO date-time with offset of the scheduled send. */
  sendAt: string;
  /** Ids of the nominees this issue reveals. */
  entryIds: readonly string[];
}

/** One resized webp copy of a local photo, next to it under photos/. */
export interface PhotoVariant {
  /** Path relative to the output root, e.g. "photos/anna.jpg@320.webp". */
  path: string;
  width: number;
}

/**
 * A photo as pages show it: a local file (published at its own path, the fallback for browsers
 * without webp) with its resized variants, or an https URL as given.
 */
export type PublishedPhoto =
  | { kind: "local"; path: string; width: number; height: number; variants: readonly PhotoVariant[] }
  | { kind: "remote"; url: string };

/** The assets every page links to, by path relative to the output root. */
export interface SiteAssets {
  css: string;
  /** The default Open Graph image (pages without a photo). */
  ogImage: string;
}

/** What a countdown build knows beyond the places it shows. */
export interface SiteCountdown {
  /** Places of the whole list (the site may show fewer yet). */
  total: number;
  /** The next issue to reveal places: "Plätze 10 bis 1" and "Dienstag, 9. Dezember, 7 Uhr". */
  next: { label: string; when: string } | null;
  /** The preview's marks: id → when the entry goes public ("Dienstag, 9. Dezember, 7 Uhr"). */
  upcoming: ReadonlyMap<string, string>;
  /** Corrections by nominee id (Pressekodex, Ziffer 3): "3. Dezember 2024" and the text. */
  corrections: ReadonlyMap<string, readonly { date: string; text: string }[]>;
}

/**
 * The sign-up form on the site: a block on the index (rendered by the site's own templates, every
 * value escaped) and the embed embed/anmelden.html (a whole document, made by the sign-up code).
 */
export interface SiteSignUp {
  /** newsletter.subscribe_url: where the form posts. */
  action: string;
  /** The signed form token of a static page (not timed: the page may be months old). */
  formToken: string;
  consent: { text: string; version: string };
  privacyUrl: string | null;
  /** The form's field names, from the code that reads the POST (so the two cannot drift apart). */
  fields: Readonly<Record<"email" | "firstName" | "consent" | "consentVersion" | "timing" | "honeypot", string>>;
  /** The value of a ticked consent box. */
  ticked: string;
  /** embed/anmelden.html. */
  embed: string;
}

export interface SiteInput {
  edition: Edition;
  /** The places the site shows (a countdown shows the revealed ones only). */
  ranking: Ranking;
  countdown: SiteCountdown;
  issues: readonly SiteIssue[];
  /** By the photo value in the CSV ("photos/anna.jpg" or an https URL). */
  photos: ReadonlyMap<string, PublishedPhoto>;
  assets: SiteAssets;
  /** null: no newsletter, or no KOEPFE_SECRET to sign the form with. */
  signUp: SiteSignUp | null;
}

/** What a page or file is, for the build summary's bytes per kind. */
export type FileKind = "page" | "embed" | "meta";

export interface SiteFile {
  /** Path relative to the output root, with "/" separators. */
  path: string;
  kind: FileKind;
  content: string;
}
