import { describe, expect, it } from "vitest";
import { botSignal } from "../../src/subscribe/bot-signals.js";

describe("botSignal", () => {
  it("a person: empty honeypot, a form older than three seconds", () => {
    expect(botSignal("", 3)).toBeNull();
    expect(botSignal("", 600)).toBeNull();
  });

  it("names the first sign of a bot", () => {
    expect(botSignal("https://spam.example", 60)).toBe("honeypot");
    expect(botSignal(" ", null)).toBe("honeypot");
    expect(botSignal("", null)).toBe("form-token");
    expect(botSignal("", 2)).toBe("too-fast");
    expect(botSignal("", 0)).toBe("too-fast");
    expect(botSignal("", 9, 10)).toBe("too-fast");
  });
});
