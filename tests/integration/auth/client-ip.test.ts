// clientIp(socketAddress, xForwardedFor, trustedProxies): the address the sign-in throttle and the
// audit log use. X-Forwarded-For is believed only when the socket peer is a configured trusted proxy,
// and then walked from the right past every trusted hop (the left part is whatever the client sent).
import { describe, expect, it } from "vitest";
import { clientIp } from "@/lib/auth/client-ip.ts";

describe("clientIp", () => {
  it.each([
    // [socket, X-Forwarded-For, trusted proxies, expected]
    ["no trusted proxy: X-Forwarded-For is ignored", "203.0.113.5", "1.2.3.4", [], "203.0.113.5"],
    ["no trusted proxy, even from a private address", "10.0.0.1", "1.2.3.4", [], "10.0.0.1"],
    ["the peer is not the trusted proxy: ignored", "203.0.113.5", "1.2.3.4", ["10.0.0.1"], "203.0.113.5"],
    ["trusted proxy: the entry it appended", "10.0.0.1", "198.51.100.7", ["10.0.0.1"], "198.51.100.7"],
    ["trusted proxy: a spoofed entry on the left is not taken", "10.0.0.1", "6.6.6.6, 198.51.100.7", ["10.0.0.1"], "198.51.100.7"],
    ["two trusted hops are walked past", "10.0.0.1", "6.6.6.6, 198.51.100.7, 10.0.0.2", ["10.0.0.1", "10.0.0.2"], "198.51.100.7"],
    ["stops at the first untrusted hop from the right", "10.0.0.1", "198.51.100.7, 192.0.2.9, 10.0.0.2", ["10.0.0.1", "10.0.0.2"], "192.0.2.9"],
    ["trusted proxy without X-Forwarded-For: the proxy itself", "10.0.0.1", undefined, ["10.0.0.1"], "10.0.0.1"],
    ["blank entries are skipped", "10.0.0.1", "198.51.100.7, , ", ["10.0.0.1"], "198.51.100.7"],
    ["a forwarded value that is not an address", "10.0.0.1", "not-an-ip", ["10.0.0.1"], "unknown"],
    ["no socket address", undefined, "1.2.3.4", [], "unknown"],
  ] as const)("%s", (_label, socket, xff, trusted, expected) => {
    expect(clientIp(socket, xff, [...trusted])).toBe(expected);
  });

  describe("IPv4-mapped IPv6 (a dual-stack socket reports ::ffff:a.b.c.d)", () => {
    it("the socket address is reported as plain IPv4", () => {
      expect(clientIp("::ffff:203.0.113.5", undefined, [])).toBe("203.0.113.5");
    });
    it("a trusted proxy configured as IPv4 matches its mapped socket address", () => {
      expect(clientIp("::ffff:127.0.0.1", "198.51.100.7", ["127.0.0.1"])).toBe("198.51.100.7");
    });
    it("a trusted proxy configured as mapped IPv6 matches the plain IPv4 peer", () => {
      expect(clientIp("127.0.0.1", "198.51.100.7", ["::ffff:127.0.0.1"])).toBe("198.51.100.7");
    });
    it("mapped addresses inside X-Forwarded-For are normalised too", () => {
      expect(clientIp("10.0.0.1", "::ffff:198.51.100.7", ["10.0.0.1"])).toBe("198.51.100.7");
    });
    it("a mapped address is still ignored in X-Forwarded-For without a trusted proxy", () => {
      expect(clientIp("::ffff:203.0.113.5", "::ffff:1.2.3.4", [])).toBe("203.0.113.5");
    });
  });

  it("IPv6 peers and bracketed forms", () => {
    expect(clientIp("2001:db8::1", "1.2.3.4", [])).toBe("2001:db8::1");
    expect(clientIp("::1", "[2001:db8::7]", ["::1"])).toBe("2001:db8::7");
    expect(clientIp("[::1]", "2001:db8::7", ["::1"])).toBe("2001:db8::7");
  });
});
