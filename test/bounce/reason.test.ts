/** The reason and class of one failure from its status code and text: texts beat codes, codes beat vague texts. */
import { describe, expect, it } from "vitest";
import { classOf } from "../../src/bounce/reason-class.js";
import { decideReason } from "../../src/bounce/reason.js";
import { findStatus } from "../../src/bounce/status-code.js";

const failed = (status: string | null, text: string) => {
  const reason = decideReason({ action: "failed", status, text });
  return [reason, classOf(reason, status)];
};

describe("decideReason", () => {
  it.each([
    // texts that contradict their codes
    ["5.7.1", "550 5.7.1 <x@example.com>: Recipient address rejected: User unknown", "userunknown", "hard"],
    ["5.2.2", "552 5.2.2 mailbox full", "mailboxfull", "soft"],
    ["5.7.1", "550 5.7.1 Message rejected as spam", "spamdetected", "policy"],
    ["5.0.0", "550 5.0.0 Mailbox quota exceeded", "mailboxfull", "soft"],
    // the code decides when the text is vague ("input/output error" is Postfix's full mailbox)
    ["5.2.2", "input/output error", "mailboxfull", "soft"],
    ["5.1.1", "550 Requested action not taken", "userunknown", "hard"],
    ["5.1.2", "", "hostunknown", "hard"],
    ["4.4.7", "", "expired", "soft"],
    ["5.7.1", "", "securityerror", "policy"],
    // German texts
    [null, "Die E-Mail-Adresse des Empfängers existiert nicht.", "userunknown", "hard"],
    [null, "Das Postfach des Empfängers ist voll", "mailboxfull", "soft"],
    [null, "Empfänger unbekannt", "userunknown", "hard"],
    [null, "Die Domain existiert nicht", "hostunknown", "hard"],
    [null, "Nachricht ist zu groß", "mesgtoobig", "policy"],
    // sender problems are never the address's fault
    ["5.7.1", "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org", "blocked", "policy"],
    ["5.3.4", "552 5.3.4 Message size exceeds fixed limit", "mesgtoobig", "policy"],
    ["5.7.1", "554 5.7.1 Virus found: Eicar-Test-Signature", "virusdetected", "policy"],
    ["5.7.26", "550 5.7.26 Unauthenticated email is not accepted due to the sender domain's DMARC policy", "securityerror", "policy"],
    // the domain before the user
    ["5.1.2", "Host or domain name not found. Name service error for name=example.invalid type=A", "hostunknown", "hard"],
    ["5.4.4", "550 5.4.4 Domain does not exist", "hostunknown", "hard"],
    // a temporary status on a final failure: the queue gave up
    ["4.2.0", "450 4.2.0 Recipient address rejected: Greylisted", "expired", "soft"],
    ["4.3.0", "", "expired", "soft"],
    // null MX: permanent or temporary
    ["5.1.10", "556 5.1.10 Recipient address has null MX", "notaccept", "hard"],
    ["4.3.2", "", "notaccept", "soft"],
    // nothing specific said: soft, never suppress on a guess
    [null, "something went wrong", "undefined", "soft"],
  ])("status %s, %j → %s (%s)", (status, text, reason, cls) => {
    expect(failed(status, text)).toEqual([reason, cls]);
  });

  it("reports delivered, relayed and expanded notices as delivered, class none", () => {
    for (const action of ["delivered", "relayed", "expanded"]) {
      const reason = decideReason({ action, status: "2.0.0", text: "250 OK" });
      expect([reason, classOf(reason)]).toEqual(["delivered", "none"]);
    }
  });

  it("classifies ARF complaints by feedback type", () => {
    expect(classOf("feedback", null, "abuse")).toBe("complaint");
    expect(classOf("feedback", null, "fraud")).toBe("complaint");
    expect(classOf("feedback", null, "not-spam")).toBe("none");
    expect(classOf("vacation")).toBe("none");
  });
});

describe("findStatus", () => {
  it.each([
    ["550 5.1.1 <a@example.com>: user unknown", "5.1.1"],
    ["550-5.1.1 The email account", "5.1.1"],
    ["#550 5.1.10 RESOLVER.ADR.RecipientNotFound", "5.1.10"],
    ["host 10.4.3.2 said: 550 no such user", null],
    ["client 192.0.2.1 (4.3.2.1) rejected", null],
    ["version 5.1.10.2 released", null],
  ])("%j → %s", (text, status) => {
    expect(findStatus(text)).toBe(status);
  });
});
