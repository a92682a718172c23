import type { Host, HostStatus } from "../model/host.js";

/**
 * One device, many inputs: joins the host records of one run that share a serial number, a MAC
 * or an address. Two records are never joined when both know their MAC (or serial) and they
 * differ: the same address seen with two MACs is two devices (DHCP, NAT). Records keep their
 * own services, OS guesses and device documents, each with its source; a joined device lists
 * every source. Input order decides which value wins when two records disagree on a scalar.
 */
export function mergeHosts(hosts: readonly Host[]): Host[] {
  const parent = hosts.map((_, i) => i);
  const macs = hosts.map((h) => new Set(h.mac ? [h.mac] : []));
  const serials = hosts.map((h) => new Set(serialsOf(h)));
  const byKey = new Map<string, number>();

  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb || conflicts(macs[ra]!, macs[rb]!) || conflicts(serials[ra]!, serials[rb]!)) {
      return;
    }
    const [root, child] = ra < rb ? [ra, rb] : [rb, ra];
    parent[child] = root;
    for (const m of macs[child]!) macs[root]!.add(m);
    for (const s of serials[child]!) serials[root]!.add(s);
  };

  hosts.forEach((h, i) => {
    const keys = [...serialsOf(h).map((s) => `sn:${s}`)];
    if (h.mac) keys.push(`mac:${h.mac}`);
    if (h.address) keys.push(`ip:${h.address}`);
    for (const key of keys) {
      const seen = byKey.get(key);
      if (seen === undefined) byKey.set(key, i);
      else union(i, seen);
    }
  });

  const groups = new Map<number, Host[]>();
  hosts.forEach((h, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(h);
    else groups.set(root, [h]);
  });
  return [...groups.values()].map(fold);
}

/** Serial numbers a record states, normalised; placeholders that many devices share are ignored. */
export function serialsOf(host: Host): string[] {
  const out: string[] = [];
  for (const d of host.deviceInfo) {
    const s = d.serial?.trim().toUpperCase();
    if (
      s &&
      s.length >= 6 &&
      !/^[0X]+$/.test(s) &&
      !/^(UNKNOWN|N\/?A|NONE|NULL)$/.test(s) &&
      !out.includes(s)
    ) {
      out.push(s);
    }
  }
  return out;
}

function conflicts(a: Set<string>, b: Set<string>): boolean {
  if (a.size === 0 || b.size === 0) return false;
  for (const x of a) if (b.has(x)) return false;
  return true;
}

const STATUS_RANK: Record<HostStatus, number> = { up: 2, unknown: 1, down: 0 };

function fold(group: Host[]): Host {
  const [first, ...rest] = group;
  if (rest.length === 0) return first!;
  const out: Host = {
    ...first!,
    hostnames: [...first!.hostnames],
    services: [...first!.services],
    os: [...first!.os],
    scripts: [...first!.scripts],
    deviceInfo: [...first!.deviceInfo],
    tags: { ...first!.tags },
    sources: [...first!.sources],
  };
  for (const h of rest) {
    out.address ??= h.address;
    out.addressType ??= h.addressType;
    out.mac ??= h.mac;
    out.macVendor ??= h.macVendor;
    out.site ??= h.site;
    out.owner ??= h.owner;
    if (STATUS_RANK[h.status] > STATUS_RANK[out.status]) out.status = h.status;
    for (const n of h.hostnames) if (!out.hostnames.includes(n)) out.hostnames.push(n);
    out.services.push(...h.services);
    out.os.push(...h.os);
    out.scripts.push(...h.scripts);
    out.deviceInfo.push(...h.deviceInfo);
    for (const [k, v] of Object.entries(h.tags)) if (!(k in out.tags)) out.tags[k] = v;
    out.sources.push(...h.sources);
  }
  return out;
}
