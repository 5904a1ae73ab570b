/**
 * RFC 3464 message/delivery-status parts: one group of per-message fields (Reporting-MTA …), then
 * one group per recipient (Final-Recipient, Action, Status, Diagnostic-Code …). RFC 6533's
 * message/global-delivery-status has the same shape in UTF-8.
 */
import { fieldValue, parseFieldGroups } from "./header-fields.js";
import { findStatus } from "./status-code.js";

export interface DsnRecipient {
  /** The address as written, without the "rfc822;" type and angle brackets. */
  address: string;
  action: string | null;
  status: string | null;
  /** Diagnostic-Code without its type ("smtp; "), or "" when there is none. */
  diagnostic: string;
}

export interface DeliveryStatus {
  reportingMta: string | null;
  recipients: DsnRecipient[];
}

/** "rfc822; <a@b>" → "a@b"; a value without a type is taken as it is. */
function addressOf(typed: string): string {
  const semicolon = typed.indexOf(";");
  const value = (semicolon >= 0 ? typed.slice(semicolon + 1) : typed).trim();
  return value.replace(/^<(.*)>$/, "$1").trim();
}

/** "smtp; 550 5.1.1 …" → "550 5.1.1 …". */
function withoutType(typed: string): string {
  return /^[A-Za-z][\w-]*;\s*(.*)$/s.exec(typed)?.[1] ?? typed;
}

/** Reads the fields of a delivery-status part; recipients without an address are left out. */
export function parseDeliveryStatus(text: string): DeliveryStatus {
  const groups = parseFieldGroups(text);
  let reportingMta: string | null = null;
  const recipients: DsnRecipient[] = [];
  for (const group of groups) {
    const mta = fieldValue(group, "reporting-mta");
    if (mta !== null && reportingMta === null) reportingMta = withoutType(mta);
    const recipient = fieldValue(group, "final-recipient") ?? fieldValue(group, "original-recipient");
    if (recipient === null) continue;
    const address = addressOf(recipient);
    if (address === "") continue;
    const statusField = fieldValue(group, "status");
    recipients.push({
      address,
      action: fieldValue(group, "action")?.toLowerCase().split(/\s/)[0] ?? null,
      status: statusField === null ? null : findStatus(` ${statusField}`),
      diagnostic: withoutType(fieldValue(group, "diagnostic-code") ?? ""),
    });
  }
  return { reportingMta, recipients };
}
