/**
 * send speed: `koepfe send 1` to 20,000 confirmed recipients into Postfix's smtp-sink on loopback,
 * ledger included (every delivery claimed and recorded in SQLite, each its own commit), against
 * Postfix's smtp-source sending messages of the same size into the same sink: the machine's ceiling.
 * Two message sizes: the sample edition's issue 1 as it is (10 entries) and cut to 2 entries.
 * Plus the ledger alone with synchronous=NORMAL vs FULL (the durability choice in ledger/schema.ts).
 */
import { spawn, spawnSync } from "node:child_process";
import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import path from "node:path";
import { benchTmp, CLI, emit, freePort, generateEdition, measure, ROOT, type BenchRow, type Measured } from "./lib.js";
import { Ledger } from "../../src/send/ledger/ledger.js";

const MESSAGES = 20_000;
const CONCURRENCY = 20;
const SINK = "/usr/sbin/smtp-sink";
const SOURCE = "/usr/sbin/smtp-source";
const tmp = benchTmp("send");
const env = { KOEPFE_SECRET: "bench-secret-0123456789abcdef", KOEPFE_DKIM_KEY_FILE: "" };

async function waitForPort(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const c = connect(port, "127.0.0.1", () => {
        c.destroy();
        resolve(true);
      }).on("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`smtp-sink did not listen on ${port}`);
}

/** A copy of the sample edition; `ranks` changes the places issue 1 reveals (and issue 2 takes the rest). */
function edition(name: string, ranks: [number, number] | null): string {
  const dir = path.join(tmp, name);
  cpSync(path.join(ROOT, "data"), dir, { recursive: true });
  if (ranks) {
    const config = JSON.parse(readFileSync(path.join(dir, "edition.json"), "utf8")) as { newsletter: { issues: { ranks: number[] }[] } };
    const [first, second] = config.newsletter.issues;
    if (!first || !second) throw new Error("the sample edition has fewer than two issues");
    first.ranks = ranks;
    second.ranks = [second.ranks[0] ?? 81, ranks[0] - 1];
    writeFileSync(path.join(dir, "edition.json"), JSON.stringify(config, null, 2));
  }
  return dir;
}

/** Bytes of one real message of issue 1 (a dry run). */
function messageSize(dir: string): number {
  const emlDir = path.join(tmp, `${path.basename(dir)}-eml`);
  const dry = spawnSync(process.execPath, [CLI, "send", "1", dir, "--dry-run", "--limit", "1", "--eml-dir", emlDir], {
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
  if (dry.status !== 0) throw new Error(`dry run failed: ${dry.stderr}`);
  return statSync(path.join(emlDir, readdirSync(emlDir)[0] ?? "")).size;
}

/**
 * Runs a command under GNU time for its CPU seconds (user + system, all threads) and peak RSS: the
 * machine is shared, so CPU per message is steadier than messages per second.
 */
async function measureCpu(cmd: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<Measured & { cpuSeconds: number }> {
  const timeFile = path.join(tmp, "time.txt");
  const run = await measure("/usr/bin/time", ["-f", "%U %S %M", "-o", timeFile, cmd, ...args], { env: extraEnv });
  const [user, system, maxRssKb] = (readFileSync(timeFile, "utf8").trim().split("\n").pop() ?? "").split(" ").map(Number);
  if (user === undefined || system === undefined || maxRssKb === undefined || [user, system, maxRssKb].some(Number.isNaN))
    throw new Error(`no figures from /usr/bin/time in ${timeFile}`);
  return { ...run, cpuSeconds: user + system, peakRssMb: maxRssKb / 1024 };
}

/** smtp-source sending `count` messages of `size` bytes over CONCURRENCY connections. */
const smtpSourceArgs = (count: number, size: number, port: number) => [
  ...["-m", String(count), "-s", String(CONCURRENCY), "-l", String(size)],
  ...["-f", "a@example.org", "-t", "b@example.org", `127.0.0.1:${port}`],
];

async function sendCase(dir: string, subscribers: string, port: number): Promise<BenchRow> {
  const size = messageSize(dir);
  const run = await measureCpu(
    process.execPath,
    [CLI, "send", "1", dir, "--subscribers", subscribers, "--concurrency", String(CONCURRENCY)],
    { ...env, KOEPFE_STATE: path.join(dir, "state.sqlite"), KOEPFE_SMTP_URL: `smtp://127.0.0.1:${port}` },
  );
  const lines = run.stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { event: string; time: string; run?: { sent: number } });
  const start = lines.find((l) => l.event === "start");
  const summary = lines.find((l) => l.event === "summary");
  if (run.code !== 0 || !start || !summary || summary.run?.sent !== MESSAGES)
    throw new Error(`koepfe send failed (exit ${run.code}): ${run.stderr}${run.stdout.slice(-2000)}`);
  const rate = MESSAGES / ((Date.parse(summary.time) - Date.parse(start.time)) / 1000);
  const sourceArgs = smtpSourceArgs(MESSAGES, size, port);
  const source = await measureCpu(SOURCE, sourceArgs);
  const perConnection = MESSAGES / source.seconds;
  const reuse = MESSAGES / (await measure(SOURCE, ["-d", ...sourceArgs])).seconds;
  return {
    name: `send: ${MESSAGES.toLocaleString("en-US")} × ${(size / 1024).toFixed(0)} KiB into smtp-sink, ledger included`,
    value: `${rate.toFixed(0)} msg/s`,
    target: ">= 1,000 msg/s, >= 0.3 × smtp-source",
    note:
      `${(rate / perConnection).toFixed(2)} × smtp-source (${perConnection.toFixed(0)} msg/s, its default: a connection per message); ` +
      `${(rate / reuse).toFixed(2)} × smtp-source -d (${reuse.toFixed(0)} msg/s, connections reused); ` +
      `CPU ${((run.cpuSeconds * 1000) / MESSAGES).toFixed(2)} ms/msg (whole command incl. check, rank, compile, all threads; smtp-source ${((source.cpuSeconds * 1000) / MESSAGES).toFixed(2)} ms/msg); ` +
      `${CONCURRENCY} connections; whole command ${run.seconds.toFixed(1)} s; peak RSS ${run.peakRssMb.toFixed(0)} MB`,
  };
}

/**
 * The ledger alone: claim + record per delivery, `inFlight` deliveries at a time as the send loop
 * has them. Claims and records that arrive together share one commit (ledger/write-batch.ts): with
 * one delivery at a time every claim and every record is its own fsync under FULL.
 */
async function ledgerCase(durability: "NORMAL" | "FULL", inFlight: number): Promise<BenchRow> {
  const n = durability === "FULL" && inFlight === 1 ? 2_000 : 20_000;
  const ledger = new Ledger(path.join(tmp, `ledger-${durability}-${inFlight}.sqlite`), { durability });
  ledger.freezeAudience(
    1,
    Array.from({ length: n }, (_, i) => ({ email: `l${i}@bench.test`, firstName: null, messageId: `<${i}@bench.test>` })),
  );
  let next = 0;
  const slot = async () => {
    for (let i = next++; i < n; i = next++) {
      await ledger.claim(1, `l${i}@bench.test`);
      await ledger.record(1, `l${i}@bench.test`, { kind: "sent", response: "250 2.0.0 Ok" });
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: inFlight }, slot));
  const perSecond = n / ((performance.now() - t0) / 1000);
  ledger.close();
  return {
    name: `send: ledger alone, synchronous=${durability}, ${inFlight} in flight`,
    value: `${perSecond.toFixed(0)} deliveries/s`,
    note: `claim and record per delivery, group-committed; ${durability === "FULL" ? "koepfe's setting: every commit fsynced (durable against power loss)" : "for comparison: durable against a crash of the process only"}`,
  };
}

/**
 * Issue 14's row: `koepfe send 1` of a generated 10,000-nominee edition (its own subscribers.csv,
 * ~4,200 recipients) as the scheduled job runs it — right after `koepfe build` — whole process, start
 * to exit, against smtp-source sending as many messages of the same size into the same sink.
 */
async function wholeSendCase(port: number): Promise<BenchRow> {
  const dir = path.join(tmp, "edition-10k");
  generateEdition(dir, ["--nominees", "10000", "--subscribers", "5000", "--seed", "14"]);
  const build = spawnSync(process.execPath, [CLI, "build", dir, "--out", path.join(tmp, "out-10k")], {
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  const size = messageSize(dir);
  const run = await measureCpu(process.execPath, [CLI, "send", "1", dir, "--concurrency", String(CONCURRENCY)], {
    ...env,
    KOEPFE_SMTP_URL: `smtp://127.0.0.1:${port}`,
  });
  const lines = run.stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { event: string; time: string; origin?: string; run?: { sent: number } });
  const sent = lines.find((l) => l.event === "summary")?.run?.sent ?? 0;
  const origin = lines.find((l) => l.event === "issue")?.origin;
  const start = lines.find((l) => l.event === "start");
  const end = lines.find((l) => l.event === "summary");
  if (run.code !== 0 || sent === 0 || !start || !end) throw new Error(`koepfe send failed (exit ${run.code}): ${run.stderr}`);
  const source = await measureCpu(SOURCE, smtpSourceArgs(sent, size, port));
  // before the first message: the process's time less the send loop's (its start to its summary)
  const startUp = run.seconds - (Date.parse(end.time) - Date.parse(start.time)) / 1000;
  return {
    name: `send: koepfe send 1 of the 10,000-nominee edition (${sent.toLocaleString("en-US")} recipients × ${(size / 1024).toFixed(0)} KiB), whole process`,
    value: `${(source.seconds / run.seconds).toFixed(2)}× smtp-source`,
    target: ">= 0.5× smtp-source",
    note:
      `koepfe ${run.seconds.toFixed(2)} s (${(sent / run.seconds).toFixed(0)} msg/s; issue from: ${origin}; first message ~${Math.max(0, startUp).toFixed(1)} s after start), ` +
      `smtp-source ${source.seconds.toFixed(2)} s; CPU ${((run.cpuSeconds * 1000) / sent).toFixed(2)} ms/msg vs ${((source.cpuSeconds * 1000) / sent).toFixed(2)}; peak RSS ${run.peakRssMb.toFixed(0)} MB`,
  };
}

const subscribers = path.join(tmp, "subscribers.csv");
const rows = Array.from({ length: MESSAGES }, (_, i) => `leser${i + 1}@bench.example.net,Leser,confirmed,2024-01-05T10:00:00Z`);
writeFileSync(subscribers, `email,first_name,status,confirmed_at\n${rows.join("\n")}\n`);

const port = await freePort();
const asRoot = process.getuid?.() === 0;
const sink = spawn(SINK, [...(asRoot ? ["-u", "nobody"] : []), `127.0.0.1:${port}`, "1000"], { stdio: "ignore" });
const out: BenchRow[] = [];
try {
  await waitForPort(port);
  out.push(await wholeSendCase(port));
  out.push(await sendCase(edition("sample", null), subscribers, port));
  out.push(await sendCase(edition("two-entries", [99, 100]), subscribers, port));
} finally {
  sink.kill();
}
out.push(
  await ledgerCase("NORMAL", 1),
  await ledgerCase("FULL", 1),
  await ledgerCase("NORMAL", CONCURRENCY),
  await ledgerCase("FULL", CONCURRENCY),
);
emit(out);
