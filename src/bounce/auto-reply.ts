/**
 * RFC 3834 auto-replies (out of office, "Abwesenheitsnotiz"): never a bounce, however they are sent.
 * Relays mark their own bounces "Auto-Submitted: auto-replied" too, so the reader asks this only
 * after it has ruled out a bounce.
 */
import { fieldValue, type HeaderField } from "./header-fields.js";

const AUTO_REPLY_SUBJECT =
  /^\s*(?:auto(?:matic|matische)?[ -]?(?:reply|response|antwort)|abwesenheit|out of (?:the )?office|ooo\b|urlaub|vacation|nicht im büro|ich bin (?:nicht|bis)|away from|auto:|autoreply|autoresponse|réponse automatique)/i;
const AUTO_REPLY_SUBJECT_ANYWHERE =
  /abwesenheitsnotiz|out of (?:the )?office|automatische antwort|automatic reply|auto-?reply|autoresponder|abwesend/i;

/** True when the head or the subject says the message is an automatic reply. */
export function isAutoReply(fields: readonly HeaderField[], subject: string): boolean {
  const autoSubmitted = fieldValue(fields, "auto-submitted")?.toLowerCase() ?? "";
  const precedence = fieldValue(fields, "precedence")?.toLowerCase() ?? "";
  if (autoSubmitted.startsWith("auto-replied")) return true;
  if (fieldValue(fields, "x-autoreply") !== null || fieldValue(fields, "x-autorespond") !== null) return true;
  if (precedence === "auto_reply" || fieldValue(fields, "x-precedence")?.toLowerCase() === "auto_reply") return true;
  return AUTO_REPLY_SUBJECT.test(subject) || AUTO_REPLY_SUBJECT_ANYWHERE.test(subject);
}
