/**
 * Signs that a sign-up came from a bot. The caller answers a bot exactly like a person (the accepted
 * page) and sends nothing, so a bot cannot learn which of its tricks was noticed.
 */
import { MIN_FORM_AGE_SECONDS } from "./token.js";

export type BotSignal = "honeypot" | "form-token" | "too-fast";

/**
 * Why a valid-looking sign-up is a bot's, or null. `formAgeSeconds` is readFormToken's answer
 * (null: the token is not ours).
 */
export function botSignal(honeypot: string, formAgeSeconds: number | null, minSeconds = MIN_FORM_AGE_SECONDS): BotSignal | null {
  if (honeypot !== "") return "honeypot";
  if (formAgeSeconds === null) return "form-token";
  return formAgeSeconds < minSeconds ? "too-fast" : null;
}
