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
