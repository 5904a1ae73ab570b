/**
 * An in-memory replay cache for `ProviderDeps.seen`: remembers keys (Mailgun tokens) for as long as a
 * request carrying them could still pass the timestamp check, then forgets them, so memory stays
 * bounded by the request rate of that window. A restart forgets everything; the timestamp window
 * alone then limits a replay to 5 minutes, and recording events by eventId keeps even that harmless.
 */

export interface ReplayCacheOptions {
  now: () => number;
  /** How long a key is remembered; at least the provider's timestamp window on both sides. */
  ttlMs: number;
  /** Upper bound on remembered keys; the oldest are forgotten first. */
  maxKeys?: number;
}

/** A `seen(key)` function: records the key and returns true when it was recorded within the last `ttlMs`. */
export function createReplayCache(opts: ReplayCacheOptions): (key: string) => boolean {
  const maxKeys = opts.maxKeys ?? 100_000;
  // insertion order is expiry order, because every key gets the same ttl
  const expiries = new Map<string, number>();
  return (key) => {
    const now = opts.now();
    for (const [k, expiry] of expiries) {
      if (expiry > now && expiries.size < maxKeys) break;
      expiries.delete(k);
    }
    if (expiries.has(key)) return true;
    expiries.set(key, now + opts.ttlMs);
    return false;
  };
}
