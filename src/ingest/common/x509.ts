import { X509Certificate } from "node:crypto";
import { newCertificate } from "../../model/build.js";
import type { TlsCertificate } from "../../model/host.js";

/**
 * Certificate names arrive as nmap's long attribute names (`commonName`), Shodan's short ones
 * (`CN`) and Censys' snake case (`common_name`). Fields are kept under the long names and the
 * name string is written `CN=…, O=…` whatever the source, so rules match one spelling.
 */
const LONG_NAMES: Record<string, string> = {
  CN: "commonName",
  common_name: "commonName",
  O: "organizationName",
  organization: "organizationName",
  OU: "organizationalUnitName",
  organizational_unit: "organizationalUnitName",
  C: "countryName",
  country: "countryName",
  L: "localityName",
  locality: "localityName",
  ST: "stateOrProvinceName",
  province: "stateOrProvinceName",
  DC: "domainComponent",
  domain_component: "domainComponent",
  email_address: "emailAddress",
  serial_number: "serialNumber",
  street_address: "streetAddress",
  postal_code: "postalCode",
};

const SHORT_NAMES: Record<string, string> = {
  commonName: "CN",
  organizationName: "O",
  organizationalUnitName: "OU",
  countryName: "C",
  localityName: "L",
  stateOrProvinceName: "ST",
  domainComponent: "DC",
};

/** The long attribute name for any of the spellings above; unknown names pass through. */
export function longAttributeName(name: string): string {
  return LONG_NAMES[name] ?? name;
}

/** `{ commonName: "x", organizationName: "y" }` → `CN=x, O=y` (RFC 4514 escaping of values). */
export function distinguishedName(fields: Record<string, string>): string | null {
  const parts = Object.entries(fields).map(
    ([k, v]) => `${SHORT_NAMES[k] ?? k}=${v.replace(/[,+"\\<>;]/g, "\\$&")}`,
  );
  return parts.length > 0 ? parts.join(", ") : null;
}

/**
 * A certificate from its DER bytes (masscan's X509 banners are base64 DER), read with Node's own
 * X.509 parser; null when the bytes are not a certificate.
 */
export function certificateFromDer(der: Buffer): TlsCertificate | null {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(der);
  } catch {
    return null;
  }
  const out = newCertificate();
  out.subjectFields = nameFieldsOf(cert.subject);
  out.issuerFields = nameFieldsOf(cert.issuer);
  out.subject = distinguishedName(out.subjectFields);
  out.issuer = distinguishedName(out.issuerFields);
  out.serial = cert.serialNumber.toLowerCase();
  out.notBefore = isoDate(cert.validFrom);
  out.notAfter = isoDate(cert.validTo);
  out.sha256 = cert.fingerprint256.replace(/:/g, "").toLowerCase();
  return out;
}

/** Node writes names one `key=value` per line, most significant first. */
function nameFieldsOf(name: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of name.split("\n")) {
    const eq = line.indexOf("=");
    if (eq <= 0) continue;
    const key = longAttributeName(line.slice(0, eq));
    const value = line.slice(eq + 1);
    fields[key] = key in fields ? `${fields[key]}, ${value}` : value;
  }
  return fields;
}

function isoDate(value: string): string | null {
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}
