/**
 * A DKIM key for the mail tests: a fresh RSA key in a file (as KOEPFE_DKIM_KEY_FILE holds it), the
 * signing settings koepfe derives from it, and a DNS resolver for mailauth that serves the public
 * key at k2024._domainkey.example.org, so a test can verify a signature without a network.
 */
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { dkimSettings } from "../../src/send/mailer/dkim.js";

export function testDkim() {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const keyFile = path.join(mkdtempSync(path.join(tmpdir(), "koepfe-dkim-")), "dkim.pem");
  writeFileSync(keyFile, privateKey.export({ type: "pkcs8", format: "pem" }));
  const dnsRecord = `v=DKIM1; k=rsa; p=${publicKey.export({ type: "spki", format: "der" }).toString("base64")}`;
  const resolver = async (name: string, rr: string) => {
    if (name === "k2024._domainkey.example.org" && rr === "TXT") return [[dnsRecord]];
    throw Object.assign(new Error(`no ${rr} for ${name}`), { code: "ENOTFOUND" });
  };
  const { dkim } = dkimSettings({ KOEPFE_DKIM_KEY_FILE: keyFile }, { domain: "example.org", selector: "k2024" });
  return { keyFile, resolver, dkim };
}
