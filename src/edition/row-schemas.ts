/**
 * One zod schema per CSV file, over the raw cells (empty cells are already undefined). The
 * schemas are the types of the normalised records every stage uses; `line` is added by the loader.
 */
import { z } from "zod";
import { slug, line, text, httpsUrl, photo, email, decimal, nonNegativeInt, date } from "./fields.js";

export const NOMINEE_COLUMNS = {
  required: ["id", "name", "role", "company", "category", "author_id", "laudation"],
  optional: ["sort_name", "gender", "teaser", "quote", "photo", "photo_credit", "linkedin", "website", "score"],
} as const;

export const NomineeRow = z.object({
  id: slug,
  name: line(120),
  sort_name: line(120).optional(),
  gender: z.enum(["w", "m", "d"], { error: 'must be "w", "m" or "d"' }).optional(),
  role: line(200),
  company: line(200),
  category: z.string(),
  author_id: z.string(),
  laudation: text(200, 4000),
  teaser: text(1, 300).optional(),
  quote: text(1, 600).optional(),
  photo: photo.optional(),
  photo_credit: line(200).optional(),
  linkedin: httpsUrl.optional(),
  website: httpsUrl.optional(),
  score: decimal.optional(),
});
export type NomineeRow = z.infer<typeof NomineeRow>;
export type Nominee = Omit<NomineeRow, "sort_name"> & { sort_name: string; line: number };

export const AUTHOR_COLUMNS = { required: ["id", "name", "bio"], optional: ["role", "email", "topics", "photo"] } as const;
export const AuthorRow = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]+$/, "must be letters, digits, _ or -"),
  name: line(120),
  bio: text(100, 1000),
  role: line(200).optional(),
  email: email.optional(),
  topics: line(500)
    .transform((s) =>
      s
        .split("|")
        .map((t) => t.trim())
        .filter((t) => t.length > 0),
    )
    .optional(),
  photo: photo.optional(),
});
export type Author = z.infer<typeof AuthorRow> & { line: number };

export const VOTE_COLUMNS = { required: ["nominee_id", "votes"], optional: [] } as const;
export const VoteRow = z.object({ nominee_id: z.string(), votes: nonNegativeInt });
export type Vote = z.infer<typeof VoteRow> & { line: number };

export const PREVIOUS_COLUMNS = { required: ["id", "rank"], optional: ["name"] } as const;
export const PreviousRow = z.object({
  id: z.string(),
  rank: nonNegativeInt.refine((n) => n >= 1, { message: "must be 1 or more", params: { code: "invalid-number" } }),
});
export type PreviousEntry = z.infer<typeof PreviousRow> & { line: number };

export const SUBSCRIBER_COLUMNS = {
  required: ["email", "status"],
  optional: ["first_name", "last_name", "confirmed_at", "source"],
} as const;
export const subscriberRow = (zone: string) =>
  z
    .object({
      email: email,
      first_name: line(80).optional(),
      last_name: line(80).optional(),
      status: z.enum(["confirmed", "pending", "unsubscribed", "bounced"], {
        error: 'must be "confirmed", "pending", "unsubscribed" or "bounced"',
      }),
      confirmed_at: date(zone).optional(),
      source: line(200).optional(),
    })
    .superRefine((s, ctx) => {
      if (s.status === "confirmed" && s.confirmed_at === undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["confirmed_at"],
          message: "is required when status is confirmed (proof of double opt-in)",
          params: { code: "missing-consent" },
        });
      }
    });
export type Subscriber = z.infer<ReturnType<typeof subscriberRow>> & { line: number };

/** jury.csv: fixed columns; the criterion columns come from edition.json and are parsed by the loader. */
export const JURY_COLUMNS = { required: ["juror_id", "nominee_id"], optional: [] } as const;
export interface JuryRow {
  line: number;
  juror_id: string;
  nominee_id: string;
  /** Score per criterion id; null for an empty cell. */
  scores: Record<string, number | null>;
}
