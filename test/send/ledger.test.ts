import { describe, it, expect } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import Database from "better-sqlite3";
import { Ledger } from "../../src/send/ledger/ledger.js";
import { SCHEMA_VERSION } from "../../src/send/ledger/schema.js";
import { rowChange } from "../../src/send/ledger/delivery.js";
import { tempLedgerFile } from "../helpers/send.js";

const tmpFile = () => path.join(mkdtempSync(path.join(tmpdir(), "koepfe-ledger-")), "nested", "state.sqlite");
const member = (email: string) => ({ email, firstName: null, messageId: `<${email}>` });

function ledgerWith(emails: string[], now = () => Date.UTC(2024, 11, 2, 7)): Ledger {
  const ledger = new Ledger(tmpFile(), { now });
  ledger.freezeAudience(1, emails.map(member));
  return ledger;
}

describe("the ledger file", () => {
  it("is created with its folder, in WAL mode, at the current schema version", () => {
    const ledger = new Ledger(tmpFile());
    ledger.close();
    // what the file itself says (journal mode and schema version are stored in it)
    const db = new Database(ledger.file, { readonly: true });
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });

  it("refuses a file written by a newer koepfe", () => {
    const file = tmpFile();
    new Ledger(file).close();
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => new Ledger(file)).toThrow(expect.objectContaining({ code: "E_LEDGER_TOO_NEW" }));
  });

  it("names the file when it is not a database", () => {
    const file = tempLedgerFile();
    writeFileSync(file, "this is not sqlite, just text that is long enough to have a header ".repeat(20));
    expect(() => new Ledger(file)).toThrow(
      expect.objectContaining({ code: "E_LEDGER_UNREADABLE", message: expect.stringContaining(file) }),
    );
  });
});

describe("the audience", () => {
  it("is fixed by the first freeze; a later one changes nothing", () => {
    const ledger = ledgerWith(["a@x.test", "b@x.test"]);
    expect(ledger.freezeAudience(1, ["a@x.test", "b@x.test", "late@x.test"].map(member))).toBe(false);
    expect(ledger.pending(1).map((d) => d.email)).toEqual(["a@x.test", "b@x.test"]);
    expect(ledger.progress(1)).toMatchObject({ audienceSize: 2, started: false, complete: false });
    expect(ledger.progress(2)).toBeNull();
    ledger.close();
  });
});

describe("deliveries move only along their edges", () => {
  it("queued → sending → sent, once", async () => {
    const ledger = ledgerWith(["a@x.test"]);
    await expect(ledger.claim(1, "a@x.test")).resolves.toEqual({ claimed: true });
    await expect(ledger.claim(1, "a@x.test")).rejects.toThrow(/not in state "queued"/);
    await ledger.record(1, "a@x.test", { kind: "sent", response: "250 ok" });
    await expect(ledger.record(1, "a@x.test", { kind: "sent", response: "250 again" })).rejects.toThrow(/not in state "sending"/);
    const [d] = ledger.deliveries(1);
    expect(d).toMatchObject({ state: "sent", attempts: 1, response: "250 ok", sentAt: "2024-12-02T07:00:00.000Z" });
    expect(ledger.progress(1)).toMatchObject({ started: true, complete: true });
    ledger.close();
  });

  it("a 4xx goes back to the queue with its retry time and one more attempt", async () => {
    const ledger = ledgerWith(["a@x.test"]);
    await ledger.claim(1, "a@x.test");
    await ledger.record(1, "a@x.test", { kind: "deferred", response: "451 greylisted", retryAt: 1234 });
    expect(ledger.pending(1)).toEqual([{ ...member("a@x.test"), position: 0, attempts: 1, retryAt: 1234 }]);
    expect(ledger.progress(1)).toMatchObject({ started: true, complete: false });
    ledger.close();
  });

  it("a relay failure puts the row back without counting an attempt", async () => {
    const ledger = ledgerWith(["a@x.test"]);
    await ledger.claim(1, "a@x.test");
    await ledger.record(1, "a@x.test", { kind: "not-sent", response: "535 auth" });
    expect(ledger.pending(1)).toEqual([{ ...member("a@x.test"), position: 0, attempts: 0, retryAt: null }]);
    ledger.close();
  });

  it("a bounce suppresses the address in the same step", async () => {
    const ledger = ledgerWith(["a@x.test"]);
    await ledger.claim(1, "a@x.test");
    await ledger.record(1, "a@x.test", { kind: "bounced", response: "550 5.1.1 no such user" });
    expect(ledger.suppressions.reasonFor("a@x.test")).toBe("bounce: 550 5.1.1 no such user");
    expect(ledger.suppressions.list()[0]).toMatchObject({ source: "send issue 1" });
    ledger.close();
  });

  it("a claim of a suppressed address ends it as suppressed instead of sending", async () => {
    const ledger = ledgerWith(["a@x.test"]);
    ledger.suppressions.suppress("A@X.TEST", "unsubscribe", "one-click");
    await expect(ledger.claim(1, "a@x.test")).resolves.toEqual({ claimed: false, reason: "unsubscribe" });
    expect(ledger.deliveries(1)[0]).toMatchObject({ state: "suppressed", response: "suppressed: unsubscribe" });
    ledger.close();
  });

  it("the transition table: every edge starts where it must", async () => {
    expect(rowChange({ kind: "claim" })).toMatchObject({ from: "queued", to: "sending", attempts: 0 });
    expect(rowChange({ kind: "crashed", response: "" })).toMatchObject({ from: "sending", to: "unknown", attempts: 1 });
    expect(rowChange({ kind: "resend" })).toMatchObject({ from: "unknown", to: "queued" });
    expect(rowChange({ kind: "unknown", response: "" })).toMatchObject({ from: "sending", to: "unknown" });
  });
});

describe("after a crash", () => {
  it("rows left in sending become unknown, are reported, and stay out of the queue", async () => {
    const ledger = ledgerWith(["a@x.test", "b@x.test", "c@x.test"]);
    await ledger.claim(1, "a@x.test");
    await ledger.claim(1, "b@x.test");
    await ledger.record(1, "b@x.test", { kind: "sent", response: "250" });
    expect(ledger.markUnknownAfterCrash()).toEqual([{ issue: 1, email: "a@x.test" }]);
    expect(ledger.pending(1).map((d) => d.email)).toEqual(["c@x.test"]);
    expect(ledger.deliveries(1)[0]).toMatchObject({ state: "unknown", attempts: 1 });
    expect(ledger.markUnknownAfterCrash()).toEqual([]);
    expect(ledger.requeueUnknown(1)).toBe(1);
    expect(ledger.pending(1).map((d) => d.email)).toEqual(["a@x.test", "c@x.test"]);
    ledger.close();
  });
});

describe("the suppression list", () => {
  it("keeps the first reason, ignores case, and is shared with a second connection (the unsubscribe server)", async () => {
    const file = tmpFile();
    const sender = new Ledger(file);
    const server = new Ledger(file);
    expect(server.suppressions.suppress("Anna@Example.org", "unsubscribe", "one-click")).toBe(true);
    expect(server.suppressions.suppress("anna@example.org", "manual", "koepfe suppress")).toBe(false);
    expect(sender.suppressions.reasonFor("ANNA@EXAMPLE.ORG")).toBe("unsubscribe");
    expect(sender.suppressions.lowerCasedSet()).toEqual(new Set(["anna@example.org"]));
    sender.close();
    server.close();
  });
});

describe("the run lock", () => {
  it("keeps a second run out while the holder lives, and is taken over from a dead one", async () => {
    const file = tmpFile();
    const a = new Ledger(file);
    const b = new Ledger(file);
    expect(a.lock.acquire("send 1")).toEqual({ acquired: true });
    expect(b.lock.acquire("send 1", process.pid + 1_000_000)).toMatchObject({
      acquired: false,
      holder: { pid: process.pid, command: "send 1" },
    });
    a.lock.release();
    expect(b.lock.holder()).toBeNull();
    const dead = spawnSync(process.execPath, ["-e", ""]).pid as number;
    expect(b.lock.acquire("send 1", dead)).toEqual({ acquired: true });
    expect(a.lock.acquire("send 2")).toEqual({ acquired: true });
    expect(a.lock.holder()).toMatchObject({ pid: process.pid, command: "send 2" });
    a.close();
    b.close();
  });
});
