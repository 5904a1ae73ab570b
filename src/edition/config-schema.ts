/**
 * edition.json. Unknown keys are errors (z.strictObject) so a typo such as "quroum" is caught instead
 * of silently falling back to a default. Defaults are filled here so every later stage sees one shape.
 */
import { z } from "zod";
import { IANAZone } from "luxon";
import { slug, isHttpsUrl, isEmail } from "./fields.js";
import { ConsentTextSetting } from "./consent-setting.js";
import { SINGLE_LINE_FORBIDDEN } from "../lib/text-safety.js";
import { parseMailbox } from "../lib/mailbox.js";

const https = z.string().refine(isHttpsUrl, { message: "must be an https:// URL", params: { code: "invalid-url" } });
const httpsDir = https.refine((s) => s.endsWith("/"), { message: "must end with /", params: { code: "invalid-url" } });
const mail = z.string().refine(isEmail, { message: "is not a valid e-mail address", params: { code: "invalid-email" } });
const headerText = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((s) => !SINGLE_LINE_FORBIDDEN.test(s), {
      message: "must be a single line without control characters",
      params: { code: "control-character" },
    });

export const Criterion = z.strictObject({ id: slug, name: z.string().min(1).max(60), weight: z.number().nonnegative() });
export type Criterion = z.infer<typeof Criterion>;

export const TieBreak = z.enum(["count_back", "votes", "jury"]);
export type TieBreak = z.infer<typeof TieBreak>;

export const RankingConfig = z.strictObject({
  mode: z.enum(["ranked", "unranked"]).default("ranked"),
  criteria: z
    .array(Criterion)
    .min(1)
    .default([{ id: "score", name: "Bewertung", weight: 1 }]),
  scale: z
    .strictObject({ min: z.number(), max: z.number() })
    .refine((s) => s.max > s.min, { message: "scale.max must be greater than scale.min" })
    .default({ min: 0, max: 10 }),
  normalize: z.enum(["zscore", "none"]).default("zscore"),
  aggregate: z.enum(["mean", "median", "trimmed_mean", "borda"]).default("trimmed_mean"),
  trim: z.number().int().nonnegative().default(1),
  quorum: z.number().int().nonnegative().default(3),
  weights: z
    .strictObject({ jury: z.number().nonnegative(), votes: z.number().nonnegative() })
    .refine((w) => w.jury + w.votes > 0, {
      message: "weights.jury + weights.votes must be a positive number",
      params: { code: "invalid-weights" },
    })
    .default({ jury: 1, votes: 0 }),
  tie_break: z.array(TieBreak).default(["count_back", "votes"]),
  rank_style: z.enum(["competition", "dense", "ordinal"]).default("competition"),
  conflicts: z.enum(["exclude", "error"]).default("exclude"),
  publish_points: z.boolean().default(true),
});
export type RankingConfig = z.infer<typeof RankingConfig>;

export const NewsletterIssue = z.strictObject({
  number: z.number().int().positive(),
  /** Local wall time in the edition's timezone ("2024-12-02T07:00"), or with an explicit offset. */
  send_at: z.string().min(1),
  subject: headerText(200),
  preheader: z.string().min(1).max(200),
  ranks: z.tuple([z.number().int().positive(), z.number().int().positive()]).optional(),
  category: slug.optional(),
  ids: z.array(slug).optional(),
  intro: z.string().optional(),
});
export type NewsletterIssue = z.infer<typeof NewsletterIssue>;

/** One sender mailbox: two addresses, a group or a bare name would only fail at `send`. */
const sender = headerText(200).refine(
  (s) => {
    const box = parseMailbox(s);
    return box !== null && isEmail(box.address);
  },
  { message: 'must be one sender such as "100 Köpfe <koepfe@example.org>"', params: { code: "invalid-email" } },
);

export const NewsletterConfig = z.strictObject({
  from: sender,
  reply_to: mail.optional(),
  list_id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.-]*$/, "must be a dot-atom such as koepfe-2024.example.org"),
  unsubscribe_url: httpsDir,
  unsubscribe_mailto: mail,
  issues: z.array(NewsletterIssue).min(1).optional(),
  start_at: z.string().optional(),
  rate: z.number().positive().optional(),
  concurrency: z.number().int().positive().max(50).optional(),
  max_delay_hours: z.number().positive().default(6),
  max_html_bytes: z.number().int().positive().default(90_000),
  retry: z
    .strictObject({ max_attempts: z.number().int().min(1).max(20).default(5), base_delay_ms: z.number().int().min(0).default(60_000) })
    .optional(),
  pause: z.strictObject({ share: z.number().gt(0).max(1), window: z.number().int().positive() }).optional(),
  dkim: z.strictObject({ domain: z.string().min(1), selector: z.string().min(1) }).optional(),
  /** `koepfe approve ISSUE --by NAME` must have approved exactly the issue that goes out. */
  require_approval: z.boolean().default(false),
  /** The bounce mailbox: each message's envelope sender becomes bounces+<tag>@domain (VERP). */
  bounce_address: mail
    .refine((a) => a.lastIndexOf("@") <= 40 && !a.slice(0, a.lastIndexOf("@")).includes("+"), {
      message: "must have a local part of at most 40 characters without '+' (koepfe appends +<tag> for each delivery)",
      params: { code: "invalid-email" },
    })
    .optional(),
  /** Soft bounces (mailbox full …) on this many different issues suppress the address. */
  soft_bounce_limit: z.number().int().min(1).max(50).default(3),
  /** `send --due` holds the next issue when the last one reached these shares (Gmail: never 0.3 % spam). */
  max_complaint_rate: z.number().min(0).max(1).default(0.003),
  max_hard_bounce_rate: z.number().min(0).max(1).default(0.05),
  /** Where the sign-up form posts (koepfe serve's /anmelden); default: /anmelden at the origin of unsubscribe_url. */
  subscribe_url: https.optional(),
  /** The consent next to the checkbox, as shown and recorded; default: a German wording naming the list. */
  consent_text: ConsentTextSetting.optional(),
  /** How long a confirmation link works. */
  confirm_ttl_hours: z.number().int().min(1).max(720).default(72),
  /** The Datenschutz page, linked under the consent. */
  privacy_url: https.optional(),
  /** Sign-up limits of koepfe serve: requests per client and hour, confirmation mails per hour in all. */
  signup_limits: z
    .strictObject({
      per_client_per_hour: z.number().int().min(1).max(10_000).default(20),
      mails_per_hour: z.number().int().min(1).max(100_000).default(200),
    })
    .optional(),
});
export type NewsletterConfig = z.infer<typeof NewsletterConfig>;

/** When the site shows a place: in step with the countdown's issues, or the whole list at once. */
export const SiteConfig = z.strictObject({
  reveal: z.enum(["countdown", "all"]).optional(),
  /** Places no issue reveals (a list longer than the countdown) go public at this time; default: the first issue's send_at. */
  publish_at: z.string().min(1).optional(),
});
export type SiteConfig = z.infer<typeof SiteConfig>;

/** A correction of a published entry (Pressekodex, Ziffer 3): shown on the profile, in the next issue and in rank --explain. */
export const Correction = z.strictObject({
  id: slug,
  date: z
    .string()
    .refine(
      (s) =>
        /^\d{4}-\d{2}-\d{2}$/.test(s) &&
        !Number.isNaN(Date.parse(`${s}T12:00:00Z`)) &&
        new Date(`${s}T12:00:00Z`).toISOString().startsWith(s),
      {
        message: "must be a date such as 2024-12-03",
        params: { code: "invalid-date" },
      },
    ),
  text: headerText(1000),
});
export type Correction = z.infer<typeof Correction>;

export const EditionConfig = z.strictObject({
  // the title is the List-Id phrase of every mail and the <title> of every page: one line
  title: headerText(120),
  year: z.number().int().min(1900).max(2200),
  locale: z.literal("de-DE"),
  timezone: z.string().refine((tz) => IANAZone.isValidZone(tz), {
    message: "is not an IANA time zone such as Europe/Berlin",
    params: { code: "invalid-timezone" },
  }),
  base_url: httpsDir,
  publisher: z.strictObject({ name: z.string().min(1), address: z.string().min(1), email: mail, responsible: z.string().min(1) }),
  categories: z.array(z.strictObject({ id: slug, name: z.string().min(1).max(80), size: z.number().int().positive().optional() })).min(1),
  jurors: z.array(z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_-]+$/), name: z.string().min(1), company: z.string() })).optional(),
  rules: z
    .strictObject({
      max_per_company: z.number().int().positive().optional(),
      gender_balance: z.strictObject({ min_share: z.number().min(0).max(0.5) }).optional(),
    })
    .optional(),
  ranking: RankingConfig.default(RankingConfig.parse({})),
  newsletter: NewsletterConfig.optional(),
  site: SiteConfig.optional(),
  corrections: z.array(Correction).optional(),
  /** What is kept of a subscriber's IP address with the consent: full, truncated (last octet / 80 bits zeroed) or none. */
  privacy: z.strictObject({ ip: z.enum(["full", "truncated", "none"]).default("truncated") }).optional(),
});
export type EditionConfig = z.infer<typeof EditionConfig>;
