/**
 * One person entered twice under different spellings, and the editorial rules of edition.json
 * (one person per company, gender balance, category sizes).
 */
import type { Edition } from "../edition/model.js";
import { personKey } from "../lib/sort-key.js";
import { problem, type Problem } from "../lib/problem.js";

const companyKey = (company: string) => company.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();

export function duplicatePeople(edition: Edition): Problem[] {
  const out: Problem[] = [];
  const col = edition.columns["nominees.csv"] ?? {};
  const byName = new Map<string, Edition["nominees"]>();
  for (const n of edition.nominees) {
    const key = personKey(n.name);
    const earlier = byName.get(key) ?? [];
    for (const e of earlier) {
      const sameCompany = companyKey(e.company) === companyKey(n.company);
      out.push(
        problem({
          file: "nominees.csv",
          line: n.line,
          column: col["name"] ?? null,
          field: "name",
          code: sameCompany ? "duplicate-person" : "possible-duplicate-person",
          severity: sameCompany ? "error" : "warning",
          message: sameCompany
            ? `"${n.name}" (${n.company}) looks like the same person as "${e.name}" on line ${e.line}: one person, two rows`
            : `"${n.name}" (${n.company}) has the same name as "${e.name}" (${e.company}) on line ${e.line}: two people, or one who changed company?`,
          value: n.name,
        }),
      );
    }
    byName.set(key, [...earlier, n]);
  }
  return out;
}

export function editorialRules(edition: Edition): Problem[] {
  const out: Problem[] = [];
  const { rules, categories } = edition.config;
  const col = edition.columns["nominees.csv"] ?? {};
  const max = rules?.max_per_company;
  if (max !== undefined) {
    const byCompany = new Map<string, Edition["nominees"]>();
    for (const n of edition.nominees) byCompany.set(companyKey(n.company), [...(byCompany.get(companyKey(n.company)) ?? []), n]);
    for (const group of byCompany.values()) {
      for (const n of group.slice(max)) {
        out.push(
          problem({
            file: "nominees.csv",
            line: n.line,
            column: col["company"] ?? null,
            field: "company",
            code: "rule-max-per-company",
            message: `${group.length} nominees work at "${n.company}" (lines ${group.map((g) => g.line).join(", ")}); rules.max_per_company allows ${max}`,
            value: n.company,
          }),
        );
      }
    }
  }
  const balance = rules?.gender_balance;
  if (balance) {
    const w = edition.nominees.filter((n) => n.gender === "w").length;
    const m = edition.nominees.filter((n) => n.gender === "m").length;
    const total = w + m;
    for (const [label, count] of [
      ["women (w)", w],
      ["men (m)", m],
    ] as const) {
      const share = total === 0 ? 0 : count / total;
      if (share + 1e-9 < balance.min_share) {
        out.push(
          problem({
            file: "nominees.csv",
            field: "gender",
            code: "rule-gender-balance",
            message: `${label}: ${count} of ${total} nominees marked w or m (${(share * 100).toFixed(1)} %); rules.gender_balance.min_share is ${(balance.min_share * 100).toFixed(0)} %`,
          }),
        );
      }
    }
  }
  categories.forEach((c, i) => {
    if (c.size === undefined) return;
    const count = edition.nominees.filter((n) => n.category === c.id).length;
    if (count !== c.size) {
      out.push(
        problem({
          file: "edition.json",
          field: `categories[${i}].size`,
          code: "rule-category-size",
          message: `category "${c.name}" has ${count} nominees; categories[${i}].size requires exactly ${c.size}`,
          value: c.size,
        }),
      );
    }
  });
  return out;
}
