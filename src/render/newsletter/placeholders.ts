/**
 * The per-recipient fields stay placeholders through Handlebars and MJML: `%%KOEPFE_<nonce>_SALUTATION%%`.
 * The nonce is a hash of everything the issue is made of (data and templates), so text from a CSV
 * cannot contain the placeholder of its own issue: it would have to contain its own hash.
 * Deterministic, so the same edition builds the same files.
 */
import { createHash } from "node:crypto";
import type { FillPlan, SlotName } from "./model.js";

const SLOT_NAMES: Record<SlotName, string> = { salutation: "SALUTATION", unsubscribeUrl: "UNSUBSCRIBE_URL", webUrl: "WEB_URL" };

/** A short hex hash of the content: the nonce of its placeholders. */
export function contentNonce(...content: string[]): string {
  const hash = createHash("sha256");
  for (const c of content) hash.update(c).update("\u0000");
  return hash.digest("hex").slice(0, 20);
}

export function placeholdersFor(nonce: string): Record<SlotName, string> {
  const entries = Object.entries(SLOT_NAMES).map(([slot, name]) => [slot, `%%KOEPFE_${nonce}_${name}%%`]);
  return Object.fromEntries(entries) as Record<SlotName, string>;
}

/** Cuts a compiled document at its placeholders. */
export function fillPlan(doc: string, placeholders: Readonly<Record<SlotName, string>>): FillPlan {
  const bySlot = new Map(Object.entries(placeholders).map(([slot, token]) => [token, slot as SlotName]));
  const pattern = new RegExp([...bySlot.keys()].map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "g");
  const parts: string[] = [];
  const slots: SlotName[] = [];
  let last = 0;
  for (const m of doc.matchAll(pattern)) {
    parts.push(doc.slice(last, m.index));
    slots.push(bySlot.get(m[0]) as SlotName);
    last = m.index + m[0].length;
  }
  parts.push(doc.slice(last));
  return { parts, slots };
}

/** Joins a fill plan with the recipient's values. The hot path of sending: no scanning, no regex. */
export function fill(plan: FillPlan, values: Readonly<Record<SlotName, string>>): string {
  const { parts, slots } = plan;
  let out = parts[0] ?? "";
  for (let i = 0; i < slots.length; i++) out += values[slots[i] as SlotName] + (parts[i + 1] ?? "");
  return out;
}
