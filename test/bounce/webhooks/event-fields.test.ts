import { describe, expect, it } from "vitest";
import {
  diagnosticText,
  enhancedStatusIn,
  isoInstant,
  messageIdValue,
  recipientEmail,
  unixSecondsInstant,
} from "../../../src/bounce/webhooks/event-fields.js";

describe("payload strings → event fields", () => {
  it("cuts diagnostics to 1000 characters without splitting a surrogate pair", () => {
    expect(diagnosticText("x".repeat(5000))).toBe("x".repeat(1000));
    const emoji = `${"y".repeat(999)}😀tail`;
    expect(diagnosticText(emoji)).toBe("y".repeat(999));
  });

  it("puts multi-line SMTP answers on one line and replaces control, separator and bidi characters", () => {
    expect(diagnosticText("550-5.1.1 first\r\n550 5.1.1 second\u2028third\u0007\u202eevil")).toBe(
      "550-5.1.1 first 550 5.1.1 second third evil",
    );
  });

  it("finds an enhanced status, but not inside an IP address", () => {
    expect(enhancedStatusIn("smtp; 550 5.1.1 user unknown")).toBe("5.1.1");
    expect(enhancedStatusIn("host 10.5.1.1 said: 550 user unknown")).toBeNull();
    expect(enhancedStatusIn("452-4.2.2 over quota")).toBe("4.2.2");
  });

  it("reads recipients as canonical addresses and refuses anything else", () => {
    expect(recipientEmail(" Lena.Beispiel@Example.COM ")).toBe("Lena.Beispiel@example.com");
    expect(recipientEmail("Lena Beispiel <lena@example.com>")).toBe("lena@example.com");
    for (const bad of ["", "lena", "lena@", "a b@example.com", "lena@example.com\r\nBcc: x@example.org", 42, null]) {
      expect(recipientEmail(bad), String(bad)).toBeNull();
    }
  });

  it("brackets Message-IDs and refuses header injection", () => {
    expect(messageIdValue("abc@example.org")).toBe("<abc@example.org>");
    expect(messageIdValue(" <abc@example.org> ")).toBe("<abc@example.org>");
    expect(messageIdValue("<abc@example.org>\r\nBcc: x@example.org")).toBeNull();
    expect(messageIdValue("no-at-sign")).toBeNull();
    expect(messageIdValue("<a<b@example.org>")).toBeNull();
  });

  it("reads ISO instants with up to 9 fraction digits and offsets, and unix seconds", () => {
    expect(isoInstant("2026-11-05T07:03:54.9070259Z")).toBe("2026-11-05T07:03:54.907Z");
    expect(isoInstant("2026-11-05T08:03:54-04:00")).toBe("2026-11-05T12:03:54.000Z");
    expect(isoInstant("2026-11-05 07:03")).toBeNull();
    expect(isoInstant("2026-13-45T07:03:54Z")).toBeNull();
    expect(unixSecondsInstant(1793862003.375624)).toBe("2026-11-05T07:00:03.376Z");
    expect(unixSecondsInstant(-1)).toBeNull();
  });
});
