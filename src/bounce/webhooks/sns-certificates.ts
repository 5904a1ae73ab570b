/**
 * SNS signing certificates, fetched through the caller's `fetchCertificate` and cached by URL: SNS
 * signs every message of a region with the same certificate for months, and one fetch per bounce
 * would make each webhook wait for AWS. The cache hangs off the fetch function (a WeakMap), so two
 * servers or two tests with different fetchers never share entries, and there is no global state.
 * Only successes are cached: a failed fetch is tried again by the next message.
 */
import { type KeyObject, X509Certificate } from "node:crypto";
import { KoepfeError } from "../../lib/errors.js";

type Fetch = (url: string) => Promise<string>;

/** Real SNS uses a handful of certificate URLs; the bound keeps a flood of valid-looking URLs from growing memory. */
const MAX_CACHED = 32;

const caches = new WeakMap<Fetch, Map<string, Promise<X509Certificate>>>();

function cacheFor(fetch: Fetch): Map<string, Promise<X509Certificate>> {
  let cache = caches.get(fetch);
  if (cache === undefined) {
    cache = new Map();
    caches.set(fetch, cache);
  }
  return cache;
}

async function load(fetch: Fetch, url: string): Promise<X509Certificate> {
  let pem: string;
  try {
    pem = await fetch(url);
  } catch (e) {
    // our side (network, AWS unavailable): thrown so the route answers 5xx and SNS retries later
    throw new KoepfeError("E_WEBHOOK_CERT_FETCH", `could not fetch the SNS signing certificate ${url}`, { cause: e });
  }
  return new X509Certificate(pem);
}

export type CertificateResult = { ok: true; publicKey: KeyObject } | { ok: false; reason: string };

/**
 * The public key of the certificate at `url` (already checked by isSnsSigningCertUrl), or why it
 * cannot be used (unparsable, not yet valid, expired). Throws E_WEBHOOK_CERT_FETCH when fetching fails.
 */
export async function snsPublicKey(fetch: Fetch, url: string, now: number): Promise<CertificateResult> {
  const cache = cacheFor(fetch);
  let pending = cache.get(url);
  if (pending === undefined) {
    pending = load(fetch, url);
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value ?? "");
    cache.set(url, pending);
  }
  let cert: X509Certificate;
  try {
    cert = await pending;
  } catch (e) {
    if (cache.get(url) === pending) cache.delete(url);
    if (e instanceof KoepfeError) throw e;
    return { ok: false, reason: "the signing certificate is not a readable X.509 certificate" };
  }
  if (now < Date.parse(cert.validFrom) || now > Date.parse(cert.validTo)) {
    return { ok: false, reason: `the signing certificate is valid from ${cert.validFrom} to ${cert.validTo} only` };
  }
  return { ok: true, publicKey: cert.publicKey };
}
