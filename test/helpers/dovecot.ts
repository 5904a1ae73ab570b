/**
 * A private Dovecot (Debian's dovecot-imapd) per test file: its own config, state, log, self-signed
 * certificate and passwd-file in a temporary folder, IMAP (STARTTLS) and IMAPS on free ports of
 * 127.0.0.1. The system service is never touched.
 *
 *   const dovecot = await startDovecot();          // in beforeAll
 *   const user = dovecot.newUser();                // one mailbox owner per test: tests do not see each other's mail
 *   dovecot.deliver(user, "Subject: x\r\n\r\nhi\r\n");
 *   imapSource(dovecot.url(user), { doneFolder: null, caFile: dovecot.caFile });
 *   dovecot.flags(user);                           // what the server stored, read with doveadm, not with the code under test
 *   await dovecot.stop();                          // in afterAll
 *
 * As root, Dovecot drops privileges the way Debian runs it: logins as dovenull, its internal
 * processes as dovecot, mail access as nobody (which must reach the mail folder: the test run's
 * TMPDIR is private, 0700, so the folder lives directly in /tmp). As any other user, everything
 * runs as that user, without the chroots only root can make.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  appendFileSync,
} from "node:fs";
import { connect } from "node:net";
import { userInfo } from "node:os";
import path from "node:path";
import { freePort } from "./net.js";

export const DOVECOT_PASSWORD = "pässwörd:/@%secret";

export interface TestDovecot {
  imapPort: number;
  imapsPort: number;
  /** The self-signed certificate (its own CA): what a test passes as `caFile`. */
  caFile: string;
  /** A fresh user with an empty INBOX and the password DOVECOT_PASSWORD. */
  newUser(): string;
  /** imap://user:pass@127.0.0.1:<imap>/<mailbox> (STARTTLS), or imaps://…:<imaps>/…; the mailbox is percent-encoded. */
  url(user: string, opts?: { mailbox?: string; scheme?: "imap" | "imaps"; password?: string; query?: string }): string;
  /** Puts a message into the user's Maildir new/ the way an MTA does (written in tmp/, renamed). */
  deliver(user: string, raw: string | Buffer, mailbox?: string): void;
  /** uid → flags of every message in `mailbox`, read by doveadm. */
  flags(user: string, mailbox?: string): Map<number, string[]>;
  /** The user's mailboxes, read by doveadm. */
  mailboxes(user: string): string[];
  log(): string;
  /** The first log match of `pattern`, waiting for it: Dovecot's log process writes a moment after the event. */
  waitForLog(pattern: RegExp, ms?: number): Promise<RegExpMatchArray>;
  stop(): Promise<void>;
}

const USERS = 30;
const INSTALL_HINT = "the IMAP tests start a private Dovecot: install it with `apt-get install dovecot-imapd` (CI does)";

function findDovecot(): string {
  for (const dir of [...(process.env["PATH"] ?? "").split(":"), "/usr/sbin", "/usr/local/sbin"]) {
    const candidate = path.join(dir, "dovecot");
    if (dir !== "" && existsSync(candidate)) return candidate;
  }
  throw new Error(`Dovecot is not installed: ${INSTALL_HINT}`);
}

function idsOf(user: string): { uid: number; gid: number } | undefined {
  const line = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((l) => l.startsWith(`${user}:`));
  const [, , uid, gid] = line?.split(":") ?? [];
  return uid === undefined || gid === undefined ? undefined : { uid: Number(uid), gid: Number(gid) };
}

interface Accounts {
  loginUser: string;
  internalUser: string;
  /** Set when not root: the group of the internal processes (Dovecot's default, "dovecot", would need root). */
  internalGroup: string | null;
  mail: { uid: number; gid: number };
  /** Not root: no chroot for the login and anvil processes. */
  chroot: boolean;
}

function accounts(): Accounts {
  if (process.getuid?.() === 0) {
    const mail = idsOf("nobody");
    if (mail === undefined) throw new Error("no user 'nobody' in /etc/passwd: Dovecot needs an unprivileged mail user");
    return {
      loginUser: idsOf("dovenull") ? "dovenull" : "nobody",
      internalUser: idsOf("dovecot") ? "dovecot" : "nobody",
      internalGroup: null,
      mail,
      chroot: true,
    };
  }
  const me = userInfo();
  const group = readFileSync("/etc/group", "utf8")
    .split("\n")
    .map((l) => l.split(":"))
    .find((f) => f[2] === String(me.gid))?.[0];
  if (group === undefined) throw new Error(`no group with id ${me.gid} in /etc/group: Dovecot cannot run as ${me.username}`);
  return { loginUser: me.username, internalUser: me.username, internalGroup: group, mail: { uid: me.uid, gid: me.gid }, chroot: false };
}

function config(dir: string, p: { imap: number; imaps: number; plaintextAuth: boolean; acl: boolean; accounts: Accounts }): string {
  const dh = "/usr/share/dovecot/dh.pem";
  return `
base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = koepfe-test-${path.basename(dir)}
protocols = imap
listen = 127.0.0.1
log_path = ${dir}/dovecot.log
auth_verbose = yes
# a wrong-password test must not slow down the next logins: no failure delay, and no anvil
# penalty (Dovecot's documented switch: auth cannot open the penalty socket)
auth_failure_delay = 0
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
default_login_user = ${p.accounts.loginUser}
default_internal_user = ${p.accounts.internalUser}
${p.accounts.internalGroup === null ? "" : `default_internal_group = ${p.accounts.internalGroup}`}
first_valid_uid = 1
ssl = yes
ssl_cert = <${dir}/cert.pem
ssl_key = <${dir}/key.pem
${existsSync(dh) ? `ssl_dh = <${dh}` : ""}
disable_plaintext_auth = ${p.plaintextAuth ? "no" : "yes"}
auth_mechanisms = plain login
passdb {
  driver = passwd-file
  args = ${dir}/passwd
}
userdb {
  driver = passwd-file
  args = ${dir}/passwd
}
mail_location = maildir:${dir}/mail/%u
${p.acl ? `mail_plugins = acl\nplugin {\n  acl = vfile:${dir}/global-acl\n}` : ""}
${p.accounts.chroot ? "" : "service anvil {\n  chroot =\n}"}
service imap-login {
  ${p.accounts.chroot ? "" : "chroot ="}
  inet_listener imap {
    address = 127.0.0.1
    port = ${p.imap}
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = ${p.imaps}
    ssl = yes
  }
}
`;
}

/** Resolves once the server greets on `port`; rejects when it does not within `ms` or the process ended. */
async function waitForGreeting(port: number, ms: number, exited: () => string | null): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const greeted = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.setTimeout(1000, () => socket.destroy());
      socket.once("data", (d) => {
        socket.destroy();
        resolve(d.toString().startsWith("* OK"));
      });
      socket.once("error", () => resolve(false));
      socket.once("close", () => resolve(false));
    });
    if (greeted) return;
    const why = exited();
    if (why !== null) throw new Error(why);
    if (Date.now() > deadline) throw new Error(`Dovecot did not answer on 127.0.0.1:${port} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface DovecotOptions {
  /** disable_plaintext_auth = no (only the plain-IMAP test needs it). */
  plaintextAuth?: boolean;
  /** Lines of a global ACL file, e.g. "Readonly owner lrs" (the acl plugin is loaded only when given). */
  acl?: string;
}

export async function startDovecot(opts: DovecotOptions = {}): Promise<TestDovecot> {
  const binary = findDovecot();
  const who = accounts();
  const mailIds = who.mail;
  const dir = mkdtempSync("/tmp/koepfe-dovecot-");
  chmodSync(dir, 0o755);
  const [imapPort, imapsPort] = [await freePort(), await freePort()];
  execFileSync(
    "openssl",
    ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2"].concat([
      "-keyout",
      `${dir}/key.pem`,
      "-out",
      `${dir}/cert.pem`,
      "-subj",
      "/CN=localhost",
      "-addext",
      "subjectAltName=IP:127.0.0.1,DNS:localhost",
    ]),
    { stdio: "ignore" },
  );
  const hash = execFileSync("openssl", ["passwd", "-6", "-stdin"], { input: DOVECOT_PASSWORD }).toString().trim();
  writeFileSync(`${dir}/passwd`, "", { mode: 0o644 }); // the auth process runs as the dovecot user
  mkdirSync(`${dir}/mail`);
  chownSync(`${dir}/mail`, mailIds.uid, mailIds.gid);
  if (opts.acl !== undefined) writeFileSync(`${dir}/global-acl`, `${opts.acl}\n`, { mode: 0o644 });
  writeFileSync(
    `${dir}/dovecot.conf`,
    config(dir, {
      imap: imapPort,
      imaps: imapsPort,
      plaintextAuth: opts.plaintextAuth ?? false,
      acl: opts.acl !== undefined,
      accounts: who,
    }),
  );

  const child: ChildProcess = spawn(binary, ["-F", "-c", `${dir}/dovecot.conf`], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  let exitedWith: string | null = null;
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const exited = new Promise<void>((resolve) =>
    child.once("exit", (code, signal) => {
      exitedWith = `Dovecot exited (${code ?? signal}): ${output}${existsSync(`${dir}/dovecot.log`) ? readFileSync(`${dir}/dovecot.log`, "utf8") : ""}`;
      resolve();
    }),
  );
  const stop = async () => {
    if (exitedWith === null) {
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForGreeting(imapPort, 10_000, () => exitedWith);
  } catch (e) {
    await stop();
    throw e;
  }

  const doveadm = (args: string[]) => execFileSync("doveadm", ["-c", `${dir}/dovecot.conf`, ...args], { encoding: "utf8" });
  const maildir = (user: string, mailbox = "INBOX") => (mailbox === "INBOX" ? `${dir}/mail/${user}` : `${dir}/mail/${user}/.${mailbox}`);
  const ensureMaildir = (user: string, mailbox = "INBOX") => {
    const base = maildir(user, mailbox);
    for (const sub of [`${dir}/mail/${user}`, base, `${base}/cur`, `${base}/new`, `${base}/tmp`]) {
      if (existsSync(sub)) continue;
      mkdirSync(sub, { mode: 0o700 });
      chownSync(sub, mailIds.uid, mailIds.gid);
    }
  };
  // every user exists from the start: Dovecot re-reads a changed passwd-file only when its mtime second changes
  appendFileSync(
    `${dir}/passwd`,
    Array.from(
      { length: USERS },
      (_, i) => `user${i + 1}:{SHA512-CRYPT}${hash}:${mailIds.uid}:${mailIds.gid}::${dir}/mail/user${i + 1}::\n`,
    ).join(""),
  );
  let users = 0;
  let delivered = 0;
  return {
    imapPort,
    imapsPort,
    caFile: `${dir}/cert.pem`,
    newUser() {
      if (users === USERS) throw new Error(`startDovecot makes ${USERS} users; raise USERS`);
      const user = `user${++users}`;
      ensureMaildir(user);
      return user;
    },
    url(user, o = {}) {
      const scheme = o.scheme ?? "imap";
      const port = scheme === "imap" ? imapPort : imapsPort;
      const pass = encodeURIComponent(o.password ?? DOVECOT_PASSWORD);
      return `${scheme}://${user}:${pass}@127.0.0.1:${port}/${encodeURIComponent(o.mailbox ?? "INBOX")}${o.query ? `?${o.query}` : ""}`;
    },
    deliver(user, raw, mailbox = "INBOX") {
      ensureMaildir(user, mailbox);
      const name = `${1_700_000_000 + ++delivered}.M${delivered}P${process.pid}.koepfe-test`;
      const tmp = `${maildir(user, mailbox)}/tmp/${name}`;
      writeFileSync(tmp, raw);
      chownSync(tmp, mailIds.uid, mailIds.gid);
      renameSync(tmp, `${maildir(user, mailbox)}/new/${name}`);
    },
    flags(user, mailbox = "INBOX") {
      const out = doveadm(["fetch", "-u", user, "uid flags", "mailbox", mailbox]);
      const result = new Map<number, string[]>();
      for (const m of out.matchAll(/^uid: (\d+)\nflags: ?(.*)$/gm)) result.set(Number(m[1]), (m[2] ?? "").split(" ").filter(Boolean));
      return result;
    },
    mailboxes: (user) => doveadm(["mailbox", "list", "-u", user]).split("\n").filter(Boolean).sort(),
    log: () => readFileSync(`${dir}/dovecot.log`, "utf8"),
    async waitForLog(pattern, ms = 5000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const found = readFileSync(`${dir}/dovecot.log`, "utf8").match(pattern);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no line matching ${pattern} in the Dovecot log within ${ms} ms`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    stop,
  };
}
