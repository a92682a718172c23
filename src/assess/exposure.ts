import { BlockList, isIPv4, isIPv6 } from "node:net";

/** Address ranges that are never reachable from the Internet. */
const INTERNAL_V4 = [
  "10.0.0.0/8",
  "172.16.0.0/12",
  "192.168.0.0/16",
  "100.64.0.0/10",
  "127.0.0.0/8",
  "169.254.0.0/16",
];
const INTERNAL_V6 = ["fc00::/7", "fe80::/10", "::1/128"];

/**
 * Tells Internet-facing devices from internal ones: private, carrier-grade NAT, loopback and
 * link-local ranges are internal, and so is every range the user names (`--internal`).
 */
export function exposureClassifier(
  internal: readonly string[] = [],
): (ip: string | null) => "open" | "controlled" {
  const list = new BlockList();
  const add = (cidr: string): void => {
    const [addr, bits] = cidr.split("/");
    const type = isIPv6(addr ?? "") ? "ipv6" : "ipv4";
    if (!addr || (!isIPv4(addr) && !isIPv6(addr))) throw new Error(`not an address range: ${cidr}`);
    const prefix = bits === undefined ? (type === "ipv4" ? 32 : 128) : Number(bits);
    list.addSubnet(addr, prefix, type);
  };
  for (const c of [...INTERNAL_V4, ...INTERNAL_V6, ...internal]) add(c);
  return (ip) => {
    // A device with no address was described by a document, not seen on a network.
    if (!ip) return "controlled";
    return list.check(ip, isIPv6(ip) ? "ipv6" : "ipv4") ? "controlled" : "open";
  };
}
