/**
 * `newsletter.consent_text` in edition.json: the wording alone (its version is then derived from the
 * wording, so an edit can never keep an old version), or the wording with a version the editors name.
 * German law (UWG § 7, DSGVO Art. 7) makes the sender prove each consent: the ledger records the
 * version and the exact wording next to the checkbox (subscribe/consent.ts).
 */
import { z } from "zod";
import { SINGLE_LINE_FORBIDDEN } from "../lib/text-safety.js";

const VERSION = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

const consentText = z
  .string()
  .trim()
  .min(20)
  .max(1000)
  .refine((s) => !SINGLE_LINE_FORBIDDEN.test(s), {
    message: "must be one paragraph without line breaks or control characters",
    params: { code: "control-character" },
  });

export const ConsentTextSetting = z.union([
  consentText,
  z.strictObject({
    text: consentText,
    version: z.string().regex(VERSION, "must be 1-40 letters, digits, '.', '_' or '-' (e.g. \"2026-12\")"),
  }),
]);
export type ConsentTextSetting = z.infer<typeof ConsentTextSetting>;
