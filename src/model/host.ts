/**
 * The normalised record every ingest parser emits: one `Host` per device seen in one input.
 * Parsers fill what their format carries and leave the rest empty (`null`, `[]`, `{}`), so
 * later stages never test for `undefined`.
 */

/** Where a fact came from: the input file (as given on the command line) and its 1-based line. */
export interface SourceRef {
  file: string;
  line: number;
}

/** Every input format atalaya reads. `empty` is a 0-byte file (masscan `-oJ` writes one when it found nothing). */
export type InputFormat =
  | "nmap-xml"
  | "masscan-xml"
  | "masscan-json"
  | "masscan-list"
  | "masscan-console"
  | "shodan"
  | "censys"
  | "hikvision-isapi"
  | "dahua-magicbox"
  | "onvif"
  | "csv-inventory"
  | "empty";

export type TransportProtocol = "tcp" | "udp" | "sctp" | "ip";

/** A TLS certificate as a scanner or search engine reported it. Names are RFC 4514-like strings. */
export interface TlsCertificate {
  subject: string | null;
  issuer: string | null;
  /** Attribute name → value, e.g. `{ commonName: "IPC", organizationName: "Hikvision" }`. */
  subjectFields: Record<string, string>;
  issuerFields: Record<string, string>;
  serial: string | null;
  /** ISO 8601 as given by the source. */
  notBefore: string | null;
  notAfter: string | null;
  sha256: string | null;
}

/** What an HTTP(S) service said about itself. Header names are lower-case. */
export interface HttpInfo {
  server: string | null;
  title: string | null;
  wwwAuthenticate: string | null;
  headers: Record<string, string>;
  /** MD5 of the favicon file, lower-case hex. */
  faviconMd5: string | null;
  /** Shodan-style signed MurmurHash3 (32-bit) of the favicon's base64 with a line break every 76 characters. */
  faviconMmh3: number | null;
}

/** What an RTSP service said about itself. Header names are lower-case. */
export interface RtspInfo {
  server: string | null;
  realm: string | null;
  methods: string[];
  headers: Record<string, string>;
}

/** Raw output of a scanner script (nmap NSE) kept for the fingerprint rules. */
export interface ScriptOutput {
  id: string;
  output: string;
}

/** One port of a host, open or not, with everything known about the service behind it. */
export interface Service {
  port: number;
  protocol: TransportProtocol;
  /** "open", "closed", "filtered", "open|filtered", … as the scanner wrote it. */
  state: string;
  name: string | null;
  product: string | null;
  version: string | null;
  extraInfo: string | null;
  deviceType: string | null;
  osType: string | null;
  cpe: string[];
  /** "ssl" when the service was found behind TLS. */
  tunnel: string | null;
  banner: string | null;
  http: HttpInfo | null;
  tls: TlsCertificate | null;
  rtsp: RtspInfo | null;
  scripts: ScriptOutput[];
  source: SourceRef;
}

/** One operating-system guess. */
export interface OsMatch {
  name: string;
  /** 0..100 as nmap reports it, null when the source gives none. */
  accuracy: number | null;
  vendor: string | null;
  family: string | null;
  type: string | null;
  cpe: string[];
  source: SourceRef;
}

export type DeviceInfoKind =
  "hikvision-isapi" | "dahua-magicbox" | "onvif" | "inventory" | "shodan" | "censys";

/**
 * What a device (or an asset list) says the device is: the fields of an ISAPI `deviceInfo`,
 * a magicBox answer, an ONVIF `GetDeviceInformationResponse` or an inventory row.
 */
export interface DeviceInfo {
  kind: DeviceInfoKind;
  manufacturer: string | null;
  model: string | null;
  firmware: string | null;
  /** Build date or build string as the device gives it (`build 240826`, `2020-06-05`). */
  firmwareBuild: string | null;
  serial: string | null;
  mac: string | null;
  deviceType: string | null;
  deviceName: string | null;
  hardware: string | null;
  /** Every field of the document, name → value, as read (trimmed). */
  fields: Record<string, string>;
  source: SourceRef;
}

export type HostStatus = "up" | "down" | "unknown";

/** One device as one input saw it, or several inputs' views merged into one device. */
export interface Host {
  address: string | null;
  addressType: "ipv4" | "ipv6" | null;
  /** Upper-case, colon-separated: `A4:14:37:0B:A7:98`. */
  mac: string | null;
  macVendor: string | null;
  hostnames: string[];
  status: HostStatus;
  services: Service[];
  os: OsMatch[];
  /** Host-level scanner scripts (nmap `<hostscript>`), not tied to a port. */
  scripts: ScriptOutput[];
  deviceInfo: DeviceInfo[];
  /** From an asset inventory: where the device is and who answers for it. */
  site: string | null;
  owner: string | null;
  /** Other inventory columns, name → value. */
  tags: Record<string, string>;
  /** Where this host record begins in each input that contributed to it. */
  sources: SourceRef[];
}
