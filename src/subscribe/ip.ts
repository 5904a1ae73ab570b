/**
 * The client address as the ledger stores it (`privacy.ip`), and as the rate limiter counts it.
 * "truncated" is the default: as Google Analytics' IP anonymisation did, it keeps the network
 * (enough to see a flood from one provider) and drops the host part (the person's line).
 */
import { isIPv4, isIPv6 } from "node:net";

/** `privacy.ip`: "full" keeps the address, "truncated" drops the host part, "none" stores nothing. */
export type IpPrivacy = "full" | "truncated" | "none";

type Address = { family: 4; octets: number[] } | { family: 6; groups: number[] };

/** The eight 16-bit groups of an IPv6 address that isIPv6 accepted (without a zone). */
function parseIPv6Groups(text: string): number[] | null {
  // a dotted IPv4 at the end ("::ffff:192.0.2.7") is the last two groups: rewrite it in hex first
  const hexText = text.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_, a, b, c, d) =>
    [((Number(a) << 8) | Number(b)).toString(16), ((Number(c) << 8) | Number(d)).toString(16)].join(":"),
  );
  const [head = "", tail] = hexText.split("::");
  const hex = (part: string) => (part === "" ? [] : part.split(":").map((g) => Number.parseInt(g, 16)));
  const front = hex(head);
  const back = tail === undefined ? [] : hex(tail);
  const zeros = 8 - front.length - back.length;
  if (tail === undefined ? zeros !== 0 : zeros < 0) return null;
  const groups = [...front, ...new Array<number>(zeros).fill(0), ...back];
  return groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

/** Parses an address as the socket reports it; an IPv4-mapped IPv6 address is its IPv4 address. */
function parseAddress(remote: string | undefined): Address | null {
  if (remote === undefined) return null;
  if (isIPv4(remote)) return { family: 4, octets: remote.split(".").map(Number) };
  if (!isIPv6(remote)) return null;
  // the zone ("fe80::1%eth0") names our own interface, not the client
  const groups = parseIPv6Groups(remote.replace(/%.*$/, ""));
  if (groups === null) return null;
  const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (!mapped) return { family: 6, groups };
  const [high = 0, low = 0] = groups.slice(6);
  return { family: 4, octets: [high >> 8, high & 0xff, low >> 8, low & 0xff] };
}

/** RFC 5952 text: lower-case hex, no leading zeros, the first longest run of two or more zero groups as "::". */
function formatIPv6(groups: readonly number[]): string {
  let best = { start: -1, length: 1 };
  for (let i = 0; i < 8; i++) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.length) best = { start: i, length: j - i };
    i = Math.max(i, j);
  }
  const hex = (gs: readonly number[]) => gs.map((g) => g.toString(16)).join(":");
  if (best.start < 0) return hex(groups);
  return `${hex(groups.slice(0, best.start))}::${hex(groups.slice(best.start + best.length))}`;
}

function format(address: Address): string {
  return address.family === 4 ? address.octets.join(".") : formatIPv6(address.groups);
}

/**
 * The address to store for a request, or null ("none", or no parseable address). Truncation zeroes
 * the last octet of IPv4 (a /24) and the last 80 bits of IPv6 (a /48, the usual customer prefix).
 */
export function storedIp(remote: string | undefined, mode: IpPrivacy = "truncated"): string | null {
  if (mode === "none") return null;
  const address = parseAddress(remote);
  if (address === null) return null;
  if (mode === "full") return format(address);
  if (address.family === 4) return format({ family: 4, octets: [...address.octets.slice(0, 3), 0] });
  return format({ family: 6, groups: [...address.groups.slice(0, 3), 0, 0, 0, 0, 0] });
}

/**
 * The client the rate limiter counts: an IPv4 address, or an IPv6 /64 (one line usually gets a whole
 * /64, so counting single IPv6 addresses would let one client rotate through 2^64 of them). Requests
 * without a parseable address share one bucket.
 */
export function rateLimitKey(remote: string | undefined): string {
  const address = parseAddress(remote);
  if (address === null) return "unknown";
  if (address.family === 4) return format(address);
  return `${formatIPv6([...address.groups.slice(0, 4), 0, 0, 0, 0])}/64`;
}
