/**
 * Sisimai (Debian libsisimai-perl), the reference bounce classifier, as an oracle: it reads every
 * fixture (one perl run over the folder, JSON out) and koepfe must agree on the recipients and on
 * the class. Sisimai gives a reason and soft/hard; CLASS_OF_SISIMAI turns that into koepfe's classes.
 * Where they differ and koepfe is right, DIFFERENCES says so with the reason.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EXPECTED, FIXTURES, readFixture } from "./corpus.js";

const SCRIPT = path.join(import.meta.dirname, "sisimai-oracle.pl");
const hasSisimai = spawnSync("perl", ["-MSisimai", "-e1"]).status === 0;

interface SisimaiResult {
  recipient: string;
  reason: string;
  /** 1 soft, 0 hard, -1 not a bounce. */
  softbounce: number;
  status: string;
  feedbacktype: string;
}

/**
 * Sisimai reason (+ softbounce) → koepfe class. Sisimai only knows soft and hard; koepfe splits its
 * "soft" into soft (the mailbox's temporary state) and policy (the sender was refused).
 */
function classOfSisimai(r: SisimaiResult): string {
  switch (r.reason) {
    case "userunknown":
    case "hostunknown":
    case "hasmoved":
      return "hard";
    case "notaccept":
      return r.softbounce === 1 ? "soft" : "hard";
    case "mailboxfull":
    case "expired":
    case "suspend":
    case "systemfull":
    case "systemerror":
    case "networkerror":
    case "toomanyconn":
    case "mailererror":
    case "norelaying":
    case "onhold":
    case "undefined":
      return "soft";
    case "blocked":
    case "filtered":
    case "policyviolation":
    case "spamdetected":
    case "virusdetected":
    case "rejected":
    case "securityerror":
    case "mesgtoobig":
    case "exceedlimit":
    case "contenterror":
    case "syntaxerror":
      return "policy";
    case "feedback":
      return "complaint";
    case "vacation":
    case "delivered":
      return "none";
    default:
      return `unmapped:${r.reason}`;
  }
}

/** Fixtures Sisimai 4.25.15 cannot read at all (none at present: it reads auto-replies and ARF too). */
const UNREADABLE_BY_SISIMAI: Record<string, string> = {};

/** Where koepfe and Sisimai differ and koepfe is right: what Sisimai says, and why koepfe differs. */
const DIFFERENCES: Record<string, { sisimai: [string, string][]; why: string }> = {
  "office365-recipient-not-found.eml": {
    sisimai: [["finn.richter@example.com", "policy"]],
    why: "Sisimai 4.25 calls 550 5.1.10 RESOLVER.ADR.RecipientNotFound 'filtered'; Microsoft documents it as: the recipient does not exist (hard)",
  },
  "t-online-de-user-unknown.eml": {
    sisimai: [["lea.braun@example.org", "policy"]],
    why: "Sisimai has no parser for this T-Online text and guesses 'filtered'; the text says 'unknown user / Empfänger unbekannt' (hard)",
  },
  "hostile-control-characters.eml": {
    sisimai: [
      ["noah.schwarz@example.net", "hard"],
      ["evil@example.net>\u0007", "hard"],
    ],
    why: "Sisimai keeps a Final-Recipient with a control character as an address; koepfe drops what is not a valid address (it matches no subscriber and is hostile)",
  },
};

interface OracleLine {
  file: string;
  results: SisimaiResult[] | null;
}

function runSisimai(files: string[]): Map<string, SisimaiResult[] | null> {
  const run = spawnSync("perl", [SCRIPT, ...files.map((f) => path.join(FIXTURES, f))], { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`sisimai-oracle.pl failed: ${run.stderr}`);
  const out = new Map<string, SisimaiResult[] | null>();
  for (const line of run.stdout.split("\n").filter((l) => l !== "")) {
    const parsed = JSON.parse(line) as OracleLine;
    out.set(path.basename(parsed.file), parsed.results);
  }
  return out;
}

describe.runIf(hasSisimai)("Sisimai as oracle (needs Debian libsisimai-perl: apt-get install libsisimai-perl)", () => {
  const files = readdirSync(FIXTURES)
    .filter((f) => f.endsWith(".eml"))
    .sort();
  const sisimai = hasSisimai ? runSisimai(files) : new Map<string, SisimaiResult[] | null>();

  it("runs over every fixture", () => {
    expect([...sisimai.keys()].sort()).toEqual(files);
    expect(Object.keys(EXPECTED).sort()).toEqual(files);
  });

  for (const file of files) {
    it(`agrees on ${file}`, async () => {
      const results = sisimai.get(file) ?? null;
      if (file in UNREADABLE_BY_SISIMAI) {
        expect(results).toBeNull();
        return;
      }
      expect(results, `Sisimai could not read ${file}: list it in UNREADABLE_BY_SISIMAI with the reason`).not.toBeNull();
      const theirs = (results ?? []).map((r): [string, string] => [r.recipient, classOfSisimai(r)]);
      const ours = (await readFixture(file)).recipients.map((r): [string, string] => [r.email, r.class]);
      const difference = DIFFERENCES[file];
      if (difference !== undefined) {
        // the recorded disagreement must still be what Sisimai says, and koepfe must still differ
        expect(theirs).toEqual(difference.sisimai);
        expect(ours).not.toEqual(theirs);
        return;
      }
      expect(ours).toEqual(theirs);
    });
  }

  it("summary: agreement counts", () => {
    const differ = Object.keys(DIFFERENCES).length;
    const unreadable = Object.keys(UNREADABLE_BY_SISIMAI).length;
    expect({ agree: files.length - differ - unreadable, differ, unreadable }).toEqual({ agree: 27, differ: 3, unreadable: 0 });
  });
});
