/** Ids that must be unique and references that must resolve, across the edition's files. */
import type { Edition } from "../edition/model.js";
import { problem, type Problem } from "../lib/problem.js";
import { didYouMean } from "../lib/suggest.js";
import { canonicalEmail } from "../lib/token.js";

type Located = { line: number };

function duplicates<T extends Located>(
  file: string,
  rows: readonly T[],
  key: (r: T) => string,
  field: string,
  column: (f: string) => number | null,
  what: string,
  severity: "error" | "warning" = "error",
): Problem[] {
  const seen = new Map<string, number>();
  const out: Problem[] = [];
  for (const r of rows) {
    const k = key(r);
    const first = seen.get(k);
    if (first === undefined) seen.set(k, r.line);
    else
      out.push(
        problem({
          file,
          line: r.line,
          column: column(field),
          field,
          code: "duplicate-id",
          severity,
          message: `${what} "${k}" appears again (first on line ${first})`,
          value: k,
        }),
      );
  }
  return out;
}

export function referenceProblems(edition: Edition): Problem[] {
  const columns = edition.columns;
  const col = (file: string) => (field: string) => columns[file]?.[field] ?? null;
  const out: Problem[] = [];
  const { config, nominees, authors } = edition;
  const categoryIds = config.categories.map((c) => c.id);
  const authorIds = new Set(authors.map((a) => a.id));
  const nomineeIds = new Set(nominees.map((n) => n.id));
  // an empty nominees.csv or authors.csv is reported once, as such: no reference to it is "unknown"
  const knownNominees = !edition.emptyFiles.has("nominees.csv");
  const knownAuthors = !edition.emptyFiles.has("authors.csv");
  const nc = col("nominees.csv");

  out.push(...duplicates("nominees.csv", nominees, (n) => n.id, "id", nc, "id"));
  out.push(...duplicates("authors.csv", authors, (a) => a.id, "id", col("authors.csv"), "id"));
  const catSeen = new Set<string>();
  config.categories.forEach((c, i) => {
    if (catSeen.has(c.id))
      out.push(
        problem({
          file: "edition.json",
          field: `categories[${i}].id`,
          code: "duplicate-id",
          message: `category id "${c.id}" is used twice`,
          value: c.id,
        }),
      );
    catSeen.add(c.id);
  });

  for (const n of nominees) {
    const at = (field: string) => ({ file: "nominees.csv", line: n.line, column: nc(field), field });
    if (!categoryIds.includes(n.category))
      out.push(
        problem({
          ...at("category"),
          code: "unknown-category",
          message: `category "${n.category}" is not in edition.json categories${didYouMean(n.category, categoryIds)}`,
          value: n.category,
        }),
      );
    if (knownAuthors && !authorIds.has(n.author_id))
      out.push(
        problem({
          ...at("author_id"),
          code: "unknown-author",
          message: `author_id "${n.author_id}" is not in authors.csv${didYouMean(n.author_id, authorIds)}`,
          value: n.author_id,
        }),
      );
    if (n.photo !== undefined) {
      if (n.photo.startsWith("photos/") && !edition.photoFiles.has(n.photo))
        out.push(
          problem({
            ...at("photo"),
            code: "photo-missing",
            message: `photo "${n.photo}" does not exist in the edition folder${didYouMean(n.photo, edition.photoFiles)}`,
            value: n.photo,
          }),
        );
      if (n.photo_credit === undefined)
        out.push(
          problem({
            ...at("photo_credit"),
            code: "photo-without-credit",
            message: `photo_credit is required when photo is set (image rights: "Foto: Name")`,
          }),
        );
    }
  }
  for (const a of authors) {
    if (a.photo?.startsWith("photos/") && !edition.photoFiles.has(a.photo)) {
      out.push(
        problem({
          file: "authors.csv",
          line: a.line,
          column: col("authors.csv")("photo"),
          field: "photo",
          code: "photo-missing",
          message: `photo "${a.photo}" does not exist in the edition folder`,
          value: a.photo,
        }),
      );
    }
  }

  if (edition.jury) {
    const jc = col("jury.csv");
    const jurorIds = (config.jurors ?? []).map((j) => j.id);
    if (!config.jurors)
      out.push(
        problem({
          file: "edition.json",
          field: "jurors",
          code: "missing-jurors",
          message: "jury.csv exists but edition.json has no jurors list",
        }),
      );
    out.push(...duplicates("jury.csv", edition.jury, (r) => `${r.juror_id}/${r.nominee_id}`, "nominee_id", jc, "juror/nominee pair"));
    for (const r of edition.jury) {
      if (config.jurors && !jurorIds.includes(r.juror_id))
        out.push(
          problem({
            file: "jury.csv",
            line: r.line,
            column: jc("juror_id"),
            field: "juror_id",
            code: "unknown-juror",
            message: `juror_id "${r.juror_id}" is not in edition.json jurors${didYouMean(r.juror_id, jurorIds)}`,
            value: r.juror_id,
          }),
        );
      if (knownNominees && !nomineeIds.has(r.nominee_id))
        out.push(
          problem({
            file: "jury.csv",
            line: r.line,
            column: jc("nominee_id"),
            field: "nominee_id",
            code: "unknown-nominee",
            message: `nominee_id "${r.nominee_id}" is not in nominees.csv${didYouMean(r.nominee_id, nomineeIds)}`,
            value: r.nominee_id,
          }),
        );
    }
  }
  if (edition.votes) {
    const vc = col("votes.csv");
    out.push(...duplicates("votes.csv", edition.votes, (v) => v.nominee_id, "nominee_id", vc, "nominee_id"));
    for (const v of edition.votes) {
      if (knownNominees && !nomineeIds.has(v.nominee_id))
        out.push(
          problem({
            file: "votes.csv",
            line: v.line,
            column: vc("nominee_id"),
            field: "nominee_id",
            code: "unknown-nominee",
            message: `nominee_id "${v.nominee_id}" is not in nominees.csv${didYouMean(v.nominee_id, nomineeIds)}`,
            value: v.nominee_id,
          }),
        );
    }
  }
  if (edition.previous) out.push(...duplicates("previous.csv", edition.previous, (p) => p.id, "id", col("previous.csv"), "id"));
  out.push(...subscriberDuplicates(edition.subscribers, edition.subscribersFile, col(edition.subscribersFile)));
  return out;
}

/** An address twice in the subscribers file: a warning (it gets one mail). Also run by a send's fast start. */
export function subscriberDuplicates(
  subscribers: Edition["subscribers"],
  file: string,
  column: (field: string) => number | null,
): Problem[] {
  if (!subscribers) return [];
  return duplicates(file, subscribers, (s) => canonicalEmail(s.email), "email", column, "address", "warning").map((p) => ({
    ...p,
    code: "duplicate-address",
    message: `${p.message}; it gets one mail`,
  }));
}
