/**
 * What a bounce, a complaint or an ESP event means for an address; shared by the bounce reader, the
 * webhooks and the ledger that records them.
 * hard: the address is gone (suppress it). soft: temporary or full (count; suppress after the limit).
 * policy: the SENDER was refused (reputation, content, size): says nothing about the address.
 * complaint: the recipient called the mail spam (suppress, and look at the content).
 * none: not a failure at all (auto-reply, delivered or relayed notice).
 */
export type BounceClass = "hard" | "soft" | "policy" | "complaint" | "none";

export const BOUNCE_CLASSES: readonly BounceClass[] = ["hard", "soft", "policy", "complaint", "none"];
