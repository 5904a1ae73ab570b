/**
 * A live countdown through the real binary: the site reveals places in step with the issues, what
 * went out stays put (also when the data change between issues), corrections are shown where a
 * newsroom shows them, and an issue that needs approval goes out only as approved.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { simpleParser } from "mailparser";
import { runBin, spawnBin } from "../helpers/cli.js";
import { preview } from "../../src/app/preview.js";
import { startSmtp, type TestSmtp } from "../helpers/smtp.js";
import { confirmed, subscribersCsv, type SubscriberRow } from "../helpers/send.js";
import { jpeg, tempOut } from "../helpers/site.js";
import {
  IDS,
  NAME,
  countdownConfig,
  countdownEdition,
  countdownEnv,
  filesOf,
  juryCsv,
  nomineesCsv,
  ISSUES,
  rewrite,
  tracesOf,
} from "../helpers/countdown.js";

let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(() => smtp.close());

const send = (args: string[], env: NodeJS.ProcessEnv) => spawnBin(args, env).done;
const top6 = IDS.slice(0, 6);
const bottom6 = IDS.slice(6);

/** The latest mail of an issue to a recipient (the tests share one SMTP server). */
async function mailOf(to: string, issue: number): Promise<string> {
  const raws = smtp.received
    .filter((r) => r.to === to)
    .map((r) => r.raw)
    .reverse();
  for (const raw of raws) {
    const mail = await simpleParser(raw);
    if (mail.subject?.includes(issue === 1 ? "12 bis 7" : "6 bis 1")) return mail.html || "";
  }
  throw new Error(`no issue ${issue} for ${to}`);
}

describe("the site reveals places in step with the issues", () => {
  it("shows nobody before issue 1, places 12–7 after it, everybody after issue 2 — and no trace of anyone not yet revealed", () => {
    const dir = countdownEdition();
    const out = tempOut();

    expect(runBin(["build", dir, "--out", out, "--as-of", "2024-12-01T12:00"]).code).toBe(0);
    for (const id of IDS) expect([id, tracesOf(out, id)]).toEqual([id, []]);
    const early = readFileSync(path.join(out, "index.html"), "utf8");
    expect(early).toContain("Plätze 12 bis 7");
    expect(early).toContain("Montag, 2. Dezember, 7 Uhr");

    const between = runBin(["build", dir, "--out", out, "--as-of", "2024-12-02T07:00"]);
    expect(between.code).toBe(0);
    expect(between.stdout).toContain("public as of 2024-12-02 07:00");
    for (const id of top6) expect([id, tracesOf(out, id)]).toEqual([id, []]);
    for (const id of bottom6) expect(existsSync(path.join(out, id, "index.html"))).toBe(true);
    const index = readFileSync(path.join(out, "index.html"), "utf8");
    expect(index).toContain("Als Nächstes: <strong>Plätze 6 bis 1</strong> am Dienstag, 3. Dezember, 7 Uhr");
    expect(existsSync(path.join(out, "newsletter/1/index.html"))).toBe(true);
    expect(existsSync(path.join(out, "newsletter/2/index.html"))).toBe(false);

    expect(runBin(["build", dir, "--out", out, "--as-of", "2024-12-03T07:00+01:00"]).code).toBe(0);
    for (const id of IDS) expect(existsSync(path.join(out, id, "index.html"))).toBe(true);
    expect(readFileSync(path.join(out, "index.html"), "utf8")).not.toContain("Als Nächstes");

    // the compiled mails live in the edition's state folder, never in what is published
    expect(filesOf(out).filter(({ text }) => text.includes("%%KOEPFE_"))).toEqual([]);
    expect(readFileSync(path.join(dir, ".koepfe/issues/2/mail.html"), "utf8")).toContain("%%KOEPFE_");
  }, 120_000);

  it('site.reveal "all" publishes the whole list at once; a wrong --as-of is a usage error and writes nothing', () => {
    const dir = countdownEdition({ "edition.json": countdownConfig((c) => (c["site"] = { reveal: "all" })) });
    const out = tempOut();
    expect(runBin(["build", dir, "--out", out, "--as-of", "2024-12-01T12:00"]).code).toBe(0);
    for (const id of IDS) expect(existsSync(path.join(out, id, "index.html"))).toBe(true);
    const bad = runBin(["build", dir, "--out", tempOut(), "--as-of", "morgen früh"]);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('--as-of "morgen früh" is not an ISO date-time')]);
  }, 60_000);
});

describe("koepfe preview", () => {
  it("shows the editors every place, each one not public yet marked with the time it goes public", async () => {
    const later = ISSUES.map((i) => ({ ...i, send_at: i.send_at.replace("2024", "2099") }));
    const dir = countdownEdition({
      "edition.json": countdownConfig((c) => ((c["newsletter"] as Record<string, unknown>)["issues"] = later)),
    });
    const server = await preview({ dir, port: 0 });
    try {
      const index = await (await fetch(server.url)).text();
      for (const id of IDS) expect(index).toContain(NAME(id));
      expect(index).toContain("Vorschau: erscheint am Mittwoch, 2. Dezember, 7 Uhr");
      const top = await (await fetch(new URL("n01/", server.url))).text();
      expect(top).toContain("Vorschau: noch nicht öffentlich, erscheint am Donnerstag, 3. Dezember, 7 Uhr.");
    } finally {
      await server.close();
    }
  }, 60_000);
});

describe("what went out stays put", () => {
  it("a late change after issue 1 moves nobody who went out: issue 2 holds exactly the others at places 6 to 1", async () => {
    const dir = countdownEdition();
    const env = countdownEnv(smtp.url);
    expect((await send(["send", "1", dir], env)).code).toBe(0);
    const first = await mailOf("r1@countdown.test", 1);
    for (const id of bottom6) expect(first).toContain(NAME(id));

    // a juror's corrected scores put the unrevealed number one down to place 12
    rewrite(dir, "jury.csv", juryCsv({ "j1/n01": [0, 0], "j2/n01": [0, 0], "j3/n01": [0, 0] }));
    const check = runBin(["check", dir], { env });
    expect(check.code).toBe(0);
    expect(check.stdout).toContain(
      `warning[published-place-taken]: "${NAME("n01")}" (n01): the current data give place 12, which issue 1 already revealed`,
    );
    expect(check.stdout).toMatch(
      /warning\[published-place-kept\]: ".*" \(n12\) was published at place 12 by issue 1 on \d{4}-\d\d-\d\d; the current data give place 11/,
    );

    const ranked = JSON.parse(runBin(["rank", dir, "--json"], { env }).stdout) as { entries: { id: string; rank: number }[] };
    const rankOf = new Map(ranked.entries.map((e) => [e.id, e.rank]));
    for (const [i, id] of bottom6.entries()) expect([id, rankOf.get(id)]).toEqual([id, 7 + i]);
    expect(top6.map((id) => rankOf.get(id)).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rankOf.get("n01")).toBe(6);

    expect((await send(["send", "2", dir], env)).code).toBe(0);
    const second = await mailOf("r1@countdown.test", 2);
    for (const id of top6) expect(second).toContain(NAME(id));
    for (const id of bottom6) expect(second).not.toContain(NAME(id));

    const explain = runBin(["rank", dir, "--explain", "n12"], { env });
    expect(explain.stdout).toContain("Published at place 12 by issue 1 on");
    const status = runBin(["status", dir], { env });
    expect(status.stdout).toMatch(/issue 1 published places 12–7 at /);
    expect(status.stdout).toMatch(/issue 2 published places 6–1 at /);
  }, 120_000);

  it("a published name changes only with a correction; the correction is on the profile, in the next issue and in rank --explain", async () => {
    const dir = countdownEdition();
    const env = countdownEnv(smtp.url);
    expect((await send(["send", "1", dir], env)).code).toBe(0);
    rewrite(dir, "nominees.csv", nomineesCsv({ n07: { company: "Firma Graf & Partner AG" } }));
    const refused = runBin(["check", dir], { env });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain("error[published-changed]: company of");

    const text = "Greta Graf leitet die Firma Graf & Partner AG, nicht die Firma Graf GmbH.";
    rewrite(
      dir,
      "edition.json",
      countdownConfig((c) => (c["corrections"] = [{ id: "n07", date: "2024-12-02", text }])),
    );
    expect(runBin(["check", dir], { env }).code).toBe(0);
    const out = tempOut();
    expect(runBin(["build", dir, "--out", out, "--as-of", "2024-12-02T12:00"], { env }).code).toBe(0);
    expect(readFileSync(path.join(out, "n07/index.html"), "utf8")).toContain(
      "<strong>Korrektur vom 2. Dezember 2024:</strong> Greta Graf leitet die Firma Graf &amp; Partner AG",
    );
    expect(runBin(["rank", dir, "--explain", "n07"], { env }).stdout).toContain(`Korrektur vom 2024-12-02: ${text}`);
    expect((await send(["send", "2", dir], env)).code).toBe(0);
    expect(await mailOf("r2@countdown.test", 2)).toContain("Korrektur vom 2. Dezember 2024");
  }, 120_000);

  it("refuses a published nominee deleted without a correction, a correction of an unknown id, and a ledger of another edition", async () => {
    const dir = countdownEdition();
    const env = countdownEnv(smtp.url);
    expect((await send(["send", "1", dir], env)).code).toBe(0);
    const nominees = readFileSync(path.join(dir, "nominees.csv"), "utf8");
    rewrite(
      dir,
      "nominees.csv",
      nominees
        .split("\n")
        .filter((l) => !l.startsWith("n09,"))
        .join("\n"),
    );
    const removed = runBin(["check", dir], { env });
    expect([removed.code, removed.stdout]).toEqual([1, expect.stringContaining("error[published-removed]")]);
    rewrite(dir, "nominees.csv", nominees);

    rewrite(
      dir,
      "edition.json",
      countdownConfig((c) => (c["corrections"] = [{ id: "nobody", date: "2024-12-02", text: "Eine Korrektur." }])),
    );
    const unknown = runBin(["check", dir, "--json"], { env });
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toContain('"field": "corrections[0].id"');

    // the ledger of this edition used for next year's
    const next = countdownEdition({ "edition.json": countdownConfig((c) => (c["year"] = 2025)) });
    cpSync(path.join(dir, ".koepfe"), path.join(next, ".koepfe"), { recursive: true });
    const other = runBin(["check", next, "--json"], { env });
    expect(other.code).toBe(1);
    expect(other.stdout).toMatch(/"field": "year",\s+"code": "ledger-other-edition"/);
    const sendOther = await send(["send", "2", next], env);
    expect(sendOther.code).toBe(1);
  }, 120_000);
});

describe("approval", () => {
  it("refuses an issue nobody approved and one changed since its approval, and sends the approved one", async () => {
    const dir = countdownEdition({
      "edition.json": countdownConfig((c) => ((c["newsletter"] as Record<string, unknown>)["require_approval"] = true)),
    });
    const env = countdownEnv(smtp.url);
    const before = smtp.received.length;
    const unapproved = await send(["send", "1", dir], env);
    expect([unapproved.code, unapproved.stderr]).toEqual([1, expect.stringContaining("error[E_NOT_APPROVED]: issue 1 needs approval")]);

    const approved = runBin(["approve", "1", dir, "--by", "Erika Beispiel"], { env });
    expect([approved.code, approved.stdout]).toEqual([
      0,
      expect.stringMatching(/^approved issue 1 \("Plätze 12 bis 7", 6 people, version [0-9a-f]{12}\) by Erika Beispiel at /),
    ]);

    // a laudation changed after the approval
    rewrite(dir, "nominees.csv", nomineesCsv({ n08: { laudation: `${"Neu geschrieben. ".repeat(15)}Ende.` } }));
    const changed = await send(["send", "1", dir], env);
    expect(changed.code).toBe(1);
    expect(changed.stderr).toMatch(
      /error\[E_CHANGED_SINCE_APPROVAL\]: issue 1 changed since Erika Beispiel approved it at .*: the text of the mail/,
    );
    expect(smtp.received.length).toBe(before);

    expect(runBin(["approve", "1", dir, "--by", "Erika Beispiel"], { env }).code).toBe(0);
    expect((await send(["send", "1", dir], env)).code).toBe(0);
    expect(smtp.received.length).toBe(before + 3);
    const again = runBin(["approve", "1", dir, "--by", "Erika Beispiel"], { env });
    expect([again.code, again.stderr]).toEqual([1, expect.stringContaining("E_ALREADY_SENT")]);
  }, 120_000);
});

describe("send takes the issue as the build compiled it", () => {
  it("when nothing changed since the build, and compiles it itself when something did", async () => {
    const dir = countdownEdition();
    const env = countdownEnv(smtp.url);
    expect(runBin(["build", dir, "--out", tempOut(), "--as-of", "2024-12-01T12:00"], { env }).code).toBe(0);
    writeFileSync(path.join(dir, "subscribers.csv"), readFileSync(path.join(dir, "subscribers.csv"), "utf8"));
    const fromBuild = await send(["send", "1", dir, "--dry-run"], env);
    expect(fromBuild.code).toBe(0);
    rewrite(dir, "nominees.csv", nomineesCsv({ n11: { role: "Vorstand" } }));
    const first = await send(["send", "1", dir], env);
    expect(first.stdout).toMatch(/"event":"issue","issue":1,"origin":"compiled"/);
    const again = await send(["send", "1", dir], env);
    expect(again.stdout).toMatch(/"event":"issue","issue":1,"origin":"ledger"/);
    const built = countdownEdition();
    expect(runBin(["build", built, "--out", tempOut()], { env }).code).toBe(0);
    expect((await send(["send", "1", built], env)).stdout).toMatch(/"event":"issue","issue":1,"origin":"build"/);
  }, 120_000);

  it("and reads the subscribers itself: their warnings and errors as a full check gives them", async () => {
    const dir = countdownEdition();
    const env = countdownEnv(smtp.url);
    expect(runBin(["build", dir, "--out", tempOut()], { env }).code).toBe(0);
    // a sign-up list exported again after the build: one address twice (a warning), one new reader
    const rows = [
      ...confirmed(3, "countdown.test"),
      ["r1@countdown.test", "Leser1", "confirmed", "2024-01-05T10:00:00Z"],
    ] as SubscriberRow[];
    rewrite(dir, "subscribers.csv", subscribersCsv([...rows, ["neu@countdown.test", "Neu", "confirmed", "2024-01-06T10:00:00Z"]]));
    const dry = await send(["send", "1", dir, "--dry-run"], env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/issue 1: as compiled by koepfe build/);
    expect(dry.stderr).toMatch(/1 warning in the edition/);
    expect(dry.stdout).toMatch(/4 recipients/);
    // the same as the full path gives (a changed nominee: no build of this edition)
    rewrite(dir, "nominees.csv", nomineesCsv({ n11: { role: "Vorstand" } }));
    const full = await send(["send", "1", dir, "--dry-run"], env);
    expect(full.stdout).toMatch(/issue 1: compiled now/);
    expect(full.stderr).toMatch(/1 warning in the edition/);
    expect(full.stdout).toMatch(/4 recipients/);
    // an error in the subscribers: stopped with the line and column, nothing sent
    expect(runBin(["build", dir, "--out", tempOut()], { env }).code).toBe(0);
    rewrite(dir, "subscribers.csv", subscribersCsv([...rows, ["kein-at-zeichen", "X", "confirmed", "2024-01-06T10:00:00Z"]]));
    const bad = await send(["send", "1", dir], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/subscribers\.csv:6:1: error/);
    expect(smtp.countFor("neu@countdown.test")).toBe(0);
  }, 120_000);

  it("but not past what the build did not see: a photo deleted or a stored mail edited since", async () => {
    const dir = countdownEdition({
      "nominees.csv": nomineesCsv({ n11: { photo: "photos/n11.jpg", photo_credit: "Foto: Lena Beispiel" } }),
    });
    mkdirSync(path.join(dir, "photos"));
    writeFileSync(path.join(dir, "photos/n11.jpg"), await jpeg(600, 600));
    const env = countdownEnv(smtp.url);
    expect(runBin(["build", dir, "--out", tempOut()], { env }).code).toBe(0);
    expect((await send(["send", "1", dir, "--dry-run"], env)).stdout).toMatch(/as compiled by koepfe build/);
    // the stored mail edited by hand: not what the build checked, so compiled again
    const mail = path.join(dir, ".koepfe/issues/1/mail.html");
    chmodSync(mail, 0o600);
    writeFileSync(mail, readFileSync(mail, "utf8").replace("</body>", "<p>Eingeschmuggelt</p></body>"));
    const edited = await send(["send", "1", dir, "--dry-run"], env);
    expect(edited.stdout).toMatch(/compiled now/);
    // a photo gone since the build: the full check finds it, nothing goes out
    rmSync(path.join(dir, "photos/n11.jpg"));
    const gone = await send(["send", "1", dir, "--dry-run"], env);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/nominees\.csv:\d+:\d+: error\[photo-missing\]/);
  }, 120_000);
});
