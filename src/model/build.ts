import { isIP } from "node:net";
import type {
  DeviceInfo,
  DeviceInfoKind,
  Host,
  HttpInfo,
  RtspInfo,
  Service,
  SourceRef,
  TlsCertificate,
  TransportProtocol,
} from "./host.js";

/** An empty host record seen at `source`; parsers fill it in. */
export function newHost(source: SourceRef): Host {
  return {
    address: null,
    addressType: null,
    mac: null,
    macVendor: null,
    hostnames: [],
    status: "unknown",
    services: [],
    os: [],
    scripts: [],
    deviceInfo: [],
    site: null,
    owner: null,
    tags: {},
    sources: [source],
  };
}

export function newService(
  port: number,
  protocol: TransportProtocol,
  state: string,
  source: SourceRef,
): Service {
  return {
    port,
    protocol,
    state,
    name: null,
    product: null,
    version: null,
    extraInfo: null,
    deviceType: null,
    osType: null,
    cpe: [],
    tunnel: null,
    banner: null,
    http: null,
    tls: null,
    rtsp: null,
    scripts: [],
    source,
  };
}

export function newHttp(): HttpInfo {
  return {
    server: null,
    title: null,
    wwwAuthenticate: null,
    headers: {},
    faviconMd5: null,
    faviconMmh3: null,
  };
}

export function newRtsp(): RtspInfo {
  return { server: null, realm: null, methods: [], headers: {} };
}

export function newCertificate(): TlsCertificate {
  return {
    subject: null,
    issuer: null,
    subjectFields: {},
    issuerFields: {},
    serial: null,
    notBefore: null,
    notAfter: null,
    sha256: null,
  };
}

export function newDeviceInfo(kind: DeviceInfoKind, source: SourceRef): DeviceInfo {
  return {
    kind,
    manufacturer: null,
    model: null,
    firmware: null,
    firmwareBuild: null,
    serial: null,
    mac: null,
    deviceType: null,
    deviceName: null,
    hardware: null,
    fields: {},
    source,
  };
}

/** Sets the address and its type; anything that is not an IP address is ignored and false is returned. */
export function setAddress(host: Host, value: string): boolean {
  const addr = value.trim();
  const kind = isIP(addr);
  if (kind === 0) return false;
  host.address = kind === 6 ? addr.toLowerCase() : addr;
  host.addressType = kind === 6 ? "ipv6" : "ipv4";
  return true;
}

const MAC_HEX = /^[0-9A-Fa-f]{12}$/;

/** `a4-14-37-0b-a7-98`, `a414.370b.a798`, `a414370ba798` → `A4:14:37:0B:A7:98`; null when not a MAC. */
export function normaliseMac(value: string | null | undefined): string | null {
  if (!value) return null;
  const hex = value.trim().replace(/[:\-.\s]/g, "");
  if (!MAC_HEX.test(hex)) return null;
  const upper = hex.toUpperCase();
  if (upper === "000000000000" || upper === "FFFFFFFFFFFF") return null;
  return upper.match(/../g)!.join(":");
}

/** Adds a value to a string list unless it is empty or already there. */
export function addUnique(list: string[], value: string | null | undefined): void {
  if (value && !list.includes(value)) list.push(value);
}

/** Finds the service on (port, protocol), adding it when missing. */
export function serviceOn(
  host: Host,
  port: number,
  protocol: TransportProtocol,
  source: SourceRef,
): Service {
  let svc = host.services.find((s) => s.port === port && s.protocol === protocol);
  if (!svc) {
    svc = newService(port, protocol, "open", source);
    host.services.push(svc);
  }
  return svc;
}
