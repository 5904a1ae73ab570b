/**
 * The published state of a countdown, in the ledger: which edition the ledger belongs to, what each
 * issue revealed when its sending started (places, points, the compiled issue itself), and who
 * approved which version of an issue. Written once per issue; a later run reads it back.
 */
import type Database from "better-sqlite3";
import type { PublishedPlace } from "../../rank/model.js";

export interface EditionIdentity {
  listId: string;
  year: number;
  title: string;
}

export interface PublishedIssue {
  issue: number;
  publishedAt: string;
  /** ISO send time of the issue as planned then; null for an unscheduled issue sent by hand. */
  sendAt: string | null;
  contentHash: string;
}

export interface Approval {
  issue: number;
  contentHash: string;
  by: string;
  at: string;
  /** What was approved (JSON): compared with the issue about to go out, to say what changed. */
  summary: string;
}

type PlaceRow = {
  nominee_id: string;
  issue: number;
  published_at: string;
  position: number;
  rank: number | null;
  points: number | null;
  category: string;
  category_rank: number | null;
  name: string;
  company: string;
  role: string;
};

export class Publication {
  readonly #db: Database.Database;
  readonly #now: () => number;

  constructor(db: Database.Database, now: () => number) {
    this.#db = db;
    this.#now = now;
  }

  identity(): EditionIdentity | null {
    const row = this.#db.prepare("SELECT list_id, year, title FROM edition_identity WHERE id = 1").get() as
      | { list_id: string; year: number; title: string }
      | undefined;
    return row ? { listId: row.list_id, year: row.year, title: row.title } : null;
  }

  /** Records the edition this ledger belongs to, once; returns what is recorded. */
  claimIdentity(identity: EditionIdentity): EditionIdentity {
    this.#db
      .prepare("INSERT INTO edition_identity (id, list_id, year, title, created_at) VALUES (1, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")
      .run(identity.listId, identity.year, identity.title, new Date(this.#now()).toISOString());
    return this.identity() as EditionIdentity;
  }

  issues(): PublishedIssue[] {
    const rows = this.#db.prepare("SELECT issue, published_at, send_at, content_hash FROM published_issues ORDER BY issue").all() as {
      issue: number;
      published_at: string;
      send_at: string | null;
      content_hash: string;
    }[];
    return rows.map((r) => ({ issue: r.issue, publishedAt: r.published_at, sendAt: r.send_at, contentHash: r.content_hash }));
  }

  places(): PublishedPlace[] {
    const rows = this.#db
      .prepare("SELECT e.*, i.published_at FROM published_entries e JOIN published_issues i USING (issue) ORDER BY e.position")
      .all() as PlaceRow[];
    return rows.map((r) => ({
      id: r.nominee_id,
      issue: r.issue,
      publishedAt: r.published_at,
      position: r.position,
      rank: r.rank,
      points: r.points,
      category: r.category,
      categoryRank: r.category_rank,
      name: r.name,
      company: r.company,
      role: r.role,
    }));
  }

  /** The compiled issue (JSON) as it went out, or null before its first send. */
  compiled(issue: number): string | null {
    return (
      (this.#db.prepare("SELECT compiled FROM published_issues WHERE issue = ?").get(issue) as { compiled: string } | undefined)
        ?.compiled ?? null
    );
  }

  /**
   * Records what an issue reveals, once: the first send of an issue publishes it. Returns false
   * (and changes nothing) when it was published before.
   */
  publish(
    issue: number,
    record: { sendAt: string | null; contentHash: string; compiled: string; places: Omit<PublishedPlace, "issue" | "publishedAt">[] },
  ): boolean {
    return this.#db
      .transaction(() => {
        if (this.#db.prepare("SELECT 1 FROM published_issues WHERE issue = ?").get(issue)) return false;
        const at = new Date(this.#now()).toISOString();
        this.#db
          .prepare("INSERT INTO published_issues (issue, published_at, send_at, content_hash, compiled) VALUES (?, ?, ?, ?, ?)")
          .run(issue, at, record.sendAt, record.contentHash, record.compiled);
        const insert = this.#db.prepare(
          "INSERT INTO published_entries (nominee_id, issue, position, rank, points, category, category_rank, name, company, role) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        );
        for (const p of record.places)
          insert.run(p.id, issue, p.position, p.rank, p.points, p.category, p.categoryRank, p.name, p.company, p.role);
        return true;
      })
      .immediate();
  }

  approve(approval: Omit<Approval, "at">): Approval {
    const at = new Date(this.#now()).toISOString();
    this.#db
      .prepare(
        "INSERT INTO approvals (issue, content_hash, approved_by, approved_at, summary) VALUES (?, ?, ?, ?, ?) ON CONFLICT (issue, content_hash) DO UPDATE SET approved_by = excluded.approved_by, approved_at = excluded.approved_at",
      )
      .run(approval.issue, approval.contentHash, approval.by, at, approval.summary);
    return { ...approval, at };
  }

  /** The latest approval of an issue, whatever version it approved; null when none. */
  latestApproval(issue: number): Approval | null {
    const row = this.#db
      .prepare(
        "SELECT issue, content_hash, approved_by, approved_at, summary FROM approvals WHERE issue = ? ORDER BY approved_at DESC LIMIT 1",
      )
      .get(issue) as { issue: number; content_hash: string; approved_by: string; approved_at: string; summary: string } | undefined;
    return row ? { issue: row.issue, contentHash: row.content_hash, by: row.approved_by, at: row.approved_at, summary: row.summary } : null;
  }
}
