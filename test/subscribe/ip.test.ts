import { describe, expect, it } from "vitest";
import { rateLimitKey, storedIp } from "../../src/subscribe/ip.js";

describe("storedIp", () => {
  const table: [string | undefined, string | null, string | null][] = [
    // remote, full, truncated
    ["192.0.2.7", "192.0.2.7", "192.0.2.0"],
    ["255.255.255.255", "255.255.255.255", "255.255.255.0"],
    ["::ffff:192.0.2.7", "192.0.2.7", "192.0.2.0"],
    ["::FFFF:C000:0207", "192.0.2.7", "192.0.2.0"],
    ["::1", "::1", "::"],
    ["::", "::", "::"],
    ["2001:db8::1", "2001:db8::1", "2001:db8::"],
    ["2001:DB8:85A3:08D3:1319:8A2E:0370:7348", "2001:db8:85a3:8d3:1319:8a2e:370:7348", "2001:db8:85a3::"],
    ["2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1", "2001:db8::"],
    ["2001:0:0:1:0:0:0:1", "2001:0:0:1::1", "2001::"],
    ["1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0", "1:2:3::"],
    ["fe80::1%eth0", "fe80::1", "fe80::"],
    ["64:ff9b::192.0.2.7", "64:ff9b::c000:207", "64:ff9b::"],
    ["::192.0.2.7", "::c000:207", "::"],
  ];
  for (const [remote, full, truncated] of table) {
    it(`${remote}: full ${full}, truncated ${truncated}, none null`, () => {
      expect(storedIp(remote, "full")).toBe(full);
      expect(storedIp(remote, "truncated")).toBe(truncated);
      expect(storedIp(remote)).toBe(truncated);
      expect(storedIp(remote, "none")).toBeNull();
    });
  }

  it("malformed or missing addresses are stored as null in every mode", () => {
    for (const bad of [
      undefined,
      "",
      "garbage",
      "192.0.2",
      "192.0.2.256",
      "01.2.3.4",
      " 192.0.2.7",
      "[::1]",
      "1::2::3",
      "1:2:3:4:5:6:7:8:9",
      "::ffff:999.0.0.1",
      "192.0.2.7\r\n",
    ]) {
      for (const mode of ["full", "truncated", "none"] as const) expect(storedIp(bad, mode), `${String(bad)} ${mode}`).toBeNull();
    }
  });
});

describe("rateLimitKey", () => {
  it("an IPv4 address, mapped or not, is one client; an IPv6 /64 is one client", () => {
    expect(rateLimitKey("192.0.2.7")).toBe("192.0.2.7");
    expect(rateLimitKey("::ffff:192.0.2.7")).toBe("192.0.2.7");
    expect(rateLimitKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(rateLimitKey("2001:db8:1:2:bbbb::2")).toBe("2001:db8:1:2::/64");
    expect(rateLimitKey("2001:db8:1:3::1")).toBe("2001:db8:1:3::/64");
    expect(rateLimitKey("::1")).toBe("::/64");
  });

  it("requests without a parseable address share one bucket", () => {
    expect(rateLimitKey(undefined)).toBe("unknown");
    expect(rateLimitKey("nonsense")).toBe("unknown");
  });
});
