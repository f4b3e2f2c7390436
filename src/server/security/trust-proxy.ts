import { BlockList, isIPv4, isIPv6 } from "node:net";

/**
 * Which reverse proxies the server believes about the client (X-Forwarded-For) and the scheme
 * (X-Forwarded-Proto): none, all, the nearest `hops` of them, or those at the given addresses.
 */
export type TrustProxy = boolean | { hops: number } | { addresses: string[] };

/** Names for address ranges, as Express and Fastify know them. */
const NAMED_RANGES: Record<string, string[]> = {
  loopback: ["127.0.0.0/8", "::1/128"],
  linklocal: ["169.254.0.0/16", "fe80::/10"],
  uniquelocal: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"],
};

export const MAX_HOPS = 10;

export const TRUST_PROXY_HELP =
  `must be false, true, a hop count from 1 to ${MAX_HOPS}, or a comma-separated list of proxy addresses, ` +
  `CIDR ranges and the names ${Object.keys(NAMED_RANGES).join(", ")}`;

/**
 * Reads ISMS_TRUST_PROXY. Anything that is not clearly one of the documented forms is refused
 * (returns a reason), so a typo never leaves the server trusting nothing, or everything, by surprise.
 */
export function parseTrustProxy(raw: string): TrustProxy | { error: string } {
  const value = raw.trim();
  if (value === "" || value === "false" || value === "0") return false;
  if (value === "true") return true;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return hops <= MAX_HOPS ? { hops } : { error: `${TRUST_PROXY_HELP}; ${hops} hops is more proxies than any real chain has` };
  }
  const addresses = value.split(",").map((entry) => entry.trim());
  const bad = addresses.filter((entry) => !isAddressOrRange(entry));
  if (bad.length) return { error: `${TRUST_PROXY_HELP}; not an address, range or name: ${bad.map((b) => `"${b}"`).join(", ")}` };
  return { addresses };
}

function isAddressOrRange(entry: string): boolean {
  if (entry in NAMED_RANGES) return true;
  const [address = "", prefix, ...rest] = entry.split("/");
  if (rest.length) return false;
  const bits = isIPv4(address) ? 32 : isIPv6(address) ? 128 : 0;
  if (bits === 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= bits;
}

/** Fastify's `trustProxy` option for the setting: true, false, or a function of (address, hop). */
export function trustProxyOption(trust: TrustProxy): boolean | ((address: string, hop: number) => boolean) {
  if (typeof trust === "boolean") return trust;
  // Fastify's own hop count trusts nothing (it cannot check the peer), so the count is ours:
  // the socket's peer is hop 0, the proxy before it hop 1, and so on.
  if ("hops" in trust) {
    const { hops } = trust;
    return (_address, hop) => hop < hops;
  }
  const list = new BlockList();
  for (const entry of trust.addresses.flatMap((e) => NAMED_RANGES[e] ?? [e])) {
    const [address = "", prefix] = entry.split("/");
    const family = isIPv4(address) ? "ipv4" : "ipv6";
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return (address) => {
    // A dual-stack socket reports an IPv4 peer as ::ffff:a.b.c.d.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
    if (mapped) return list.check(mapped, "ipv4");
    return isIPv4(address) ? list.check(address, "ipv4") : isIPv6(address) && list.check(address, "ipv6");
  };
}
