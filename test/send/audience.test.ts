import { describe, it, expect } from "vitest";
import { selectAudience } from "../../src/send/audience.js";
import type { Subscriber } from "../../src/edition/model.js";

let line = 1;
const sub = (email: string, status: Subscriber["status"], extra: Partial<Subscriber> = {}): Subscriber => ({
  email,
  status,
  ...(status === "confirmed" ? { confirmed_at: "2024-01-05T10:00:00.000Z" } : {}),
  line: ++line,
  ...extra,
});

describe("selectAudience", () => {
  it("takes confirmed subscribers with proof, in file order, each address once", () => {
    const a = selectAudience(
      [
        sub("anna@example.org", "confirmed", { first_name: "Anna" }),
        sub("pending@example.org", "pending"),
        sub("bernd@Example.ORG", "confirmed", { first_name: "Bernd" }),
        sub(" anna@EXAMPLE.org ", "confirmed", { first_name: "Anna-Dublette" }),
        sub("bernd@example.org", "confirmed"),
      ],
      () => false,
    );
    expect(a.recipients).toEqual([
      { email: "anna@example.org", firstName: "Anna" },
      { email: "bernd@example.org", firstName: "Bernd" },
    ]);
    expect(a.excluded).toEqual({ notConfirmed: 1, withdrawn: 0, suppressed: 0, duplicates: 2 });
    expect(a.rows).toBe(5);
  });

  it("lets an unsubscribed or bounced row win over a confirmed one for the same address", () => {
    const a = selectAudience(
      [
        sub("clara@example.org", "confirmed"),
        sub("clara@EXAMPLE.org", "unsubscribed"),
        sub("dora@example.org", "bounced"),
        sub("dora@example.org", "confirmed"),
      ],
      () => false,
    );
    expect(a.recipients).toEqual([]);
    expect(a.excluded).toMatchObject({ withdrawn: 2, duplicates: 2 });
  });

  it("leaves out confirmed rows without confirmed_at and suppressed addresses", () => {
    const noProof: Subscriber = { email: "eve@example.org", status: "confirmed", line: 99 };
    const a = selectAudience(
      [noProof, sub("fritz@example.org", "confirmed"), sub("gina@example.org", "confirmed")],
      (e) => e === "fritz@example.org",
    );
    expect(a.recipients.map((r) => r.email)).toEqual(["gina@example.org"]);
    expect(a.excluded).toMatchObject({ notConfirmed: 1, suppressed: 1 });
  });
});
