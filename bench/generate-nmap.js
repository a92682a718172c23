#!/usr/bin/env node
/**
 * Writes a large, realistic nmap XML report for the ingest benchmarks.
 *
 *   node bench/generate-nmap.js --hosts 200000 --out bench/data/nmap-200k.xml [--seed 1]
 *
 * About 40 % of the hosts are cameras and recorders drawn from templates (Hikvision, Dahua,
 * Amcrest, Lorex, LTS, Interlogix, Uniview, Huawei, Xiongmai, Axis, Bosch) built from the
 * signatures in shared/reference/fingerprints.md; the rest are ordinary hosts (Windows, Linux,
 * printers, switches, NAS, a few with many ports and long script outputs). Addresses are
 * 10.x.y.z counted from the host index: this is only data in a file, nothing is scanned.
 *
 * Deterministic: the same seed gives a byte-identical file. No dependencies (Node 20).
 */
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { once } from "node:events";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// ------------------------------------------------------------------------------------------
// Seeded PRNG and helpers
// ------------------------------------------------------------------------------------------

/** mulberry32: a small 32-bit PRNG; returns a function giving floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) | 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEX = "0123456789abcdef";
const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

class Rng {
  constructor(seed) {
    this.next = mulberry32(seed);
  }
  int(n) {
    return Math.floor(this.next() * n);
  }
  range(lo, hi) {
    return lo + this.int(hi - lo + 1);
  }
  chance(p) {
    return this.next() < p;
  }
  pick(list) {
    return list[this.int(list.length)];
  }
  hex(n) {
    let s = "";
    for (let i = 0; i < n; i++) s += HEX[this.int(16)];
    return s;
  }
  b64(n) {
    let s = "";
    for (let i = 0; i < n; i++) s += B64[this.int(64)];
    return s;
  }
  /** Picks from [[weight, value], …]. */
  weighted(table, total) {
    let x = this.next() * total;
    for (const [w, v] of table) {
      if (x < w) return v;
      x -= w;
    }
    return table[table.length - 1][1];
  }
}

// ------------------------------------------------------------------------------------------
// XML escaping the way nmap does it: & < > " ' as entities, a "-" after a "-" as &#45;,
// control characters as &#xN;.
// ------------------------------------------------------------------------------------------

// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[&<>"'\x00-\x1f]|--/;
// eslint-disable-next-line no-control-regex
const ESCAPE_CHARS = /[&<>"'\x00-\x1f]|(?<=-)-/g;
const ENTITIES = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
  "-": "&#45;",
};

export function escapeXml(value) {
  const s = String(value);
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(ESCAPE_CHARS, (c) => ENTITIES[c] ?? `&#x${c.charCodeAt(0).toString(16)};`);
}
const esc = escapeXml;

// NSE structured output
const elem = (k, v) =>
  k == null ? `<elem>${esc(v)}</elem>\n` : `<elem key="${esc(k)}">${esc(v)}</elem>\n`;
const table = (k, inner) =>
  k == null ? `<table>\n${inner}</table>\n` : `<table key="${esc(k)}">\n${inner}</table>\n`;
const script = (id, output, inner = "") =>
  inner
    ? `<script id="${id}" output="${esc(output)}">${inner}</script>`
    : `<script id="${id}" output="${esc(output)}"/>`;

// ------------------------------------------------------------------------------------------
// Scan parameters
// ------------------------------------------------------------------------------------------

const PORTS = [
  21, 22, 23, 25, 53, 80, 81, 110, 111, 135, 139, 143, 443, 445, 554, 631, 993, 995, 1433, 1723,
  3306, 3389, 5000, 5432, 5900, 8000, 8008, 8080, 8081, 8443, 8888, 9000, 9100, 10000, 34567, 37777,
  37778, 49152,
];
const TABLE_NAME = {
  21: "ftp",
  22: "ssh",
  23: "telnet",
  25: "smtp",
  53: "domain",
  80: "http",
  81: "hosts2-ns",
  110: "pop3",
  111: "rpcbind",
  135: "msrpc",
  139: "netbios-ssn",
  143: "imap",
  443: "https",
  445: "microsoft-ds",
  554: "rtsp",
  631: "ipp",
  993: "imaps",
  995: "pop3s",
  1433: "ms-sql-s",
  1723: "pptp",
  3306: "mysql",
  3389: "ms-wbt-server",
  5000: "upnp",
  5432: "postgresql",
  5900: "vnc",
  8000: "http-alt",
  8008: "http",
  8080: "http-proxy",
  8081: "blackice-icecap",
  8443: "https-alt",
  8888: "sun-answerbook",
  9000: "cslistener",
  9100: "jetdirect",
  10000: "snet-sensor-mgmt",
  34567: "dhanalakshmi",
  37777: "unknown",
  37778: "unknown",
  49152: "unknown",
};
const PORT_SPEC = PORTS.join(",");
const SERVICES_ATTR = compressRanges(PORTS);

function compressRanges(sorted) {
  const out = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    out.push(j > i ? `${sorted[i]}-${sorted[j]}` : String(sorted[i]));
    i = j;
  }
  return out.join(",");
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const p2 = (n) => String(n).padStart(2, "0");
/** nmap's ctime-style local time; the bench scanner runs at UTC-3. */
function ctime(t) {
  const d = new Date((t - 3 * 3600) * 1000);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, " ")} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}
const httpDate = (t) => new Date(t * 1000).toUTCString();
const isoDate = (t) => new Date(t * 1000).toISOString().slice(0, 19);

// ------------------------------------------------------------------------------------------
// Script builders
// ------------------------------------------------------------------------------------------

const httpHeaders = (lines, type = "GET") =>
  script(
    "http-headers",
    "\n" + [...lines, "", `(Request type: ${type})`].map((l) => "  " + l).join("\n") + "\n",
  );
const httpServerHeader = (v) => script("http-server-header", v, elem(null, v));
function httpTitle(title, contentType = "text/html") {
  if (title == null) return script("http-title", `Site doesn't have a title (${contentType}).`);
  const shown = title.length > 65 ? title.slice(0, 62) + "..." : title;
  return script("http-title", shown, elem("title", title));
}
const httpRedirect = (url) =>
  script("http-title", `Did not follow redirect to ${url}`, elem("redirect_url", url));
const favicon = (text) => script("http-favicon", text);
const rtspMethods = (list) =>
  script(
    "rtsp-methods",
    list,
    list
      .split(", ")
      .map((m) => elem(null, m))
      .join(""),
  );
function httpAuth(scheme, params) {
  const line =
    scheme +
    Object.entries(params)
      .map(([k, v]) => ` ${k}=${v}`)
      .join("");
  const inner = table(
    null,
    elem("scheme", scheme) +
      table(
        "params",
        Object.entries(params)
          .map(([k, v]) => elem(k, v))
          .join(""),
      ),
  );
  return script("http-auth", `\nHTTP/1.1 401 Unauthorized\\x0D\n  ${line}\n`, inner);
}
const NONVERBOSE = ["commonName", "organizationName", "stateOrProvinceName", "countryName"];
function sslCert(
  g,
  { subject, issuer, bits = 2048, sig = "sha256WithRSAEncryption", from, years },
) {
  const name = (n) =>
    NONVERBOSE.filter((k) => n[k])
      .map((k) => `${k}=${n[k]}`)
      .join("/");
  const md5 = g.hex(32);
  const sha1 = g.hex(40);
  const notBefore = isoDate(from);
  const notAfter = isoDate(from + years * 31536000);
  const grp = (h) => h.match(/.{4}/g).join(" ");
  const output = [
    `Subject: ${name(subject)}`,
    `Issuer: ${name(issuer)}`,
    "Public Key type: rsa",
    `Public Key bits: ${bits}`,
    `Signature Algorithm: ${sig}`,
    `Not valid before: ${notBefore}`,
    `Not valid after:  ${notAfter}`,
    `MD5:   ${grp(md5)}`,
    `SHA-1: ${grp(sha1)}`,
  ].join("\n");
  const sorted = (n) =>
    Object.keys(n)
      .sort()
      .map((k) => elem(k, n[k]))
      .join("");
  return script(
    "ssl-cert",
    output,
    table("subject", sorted(subject)) +
      table("issuer", sorted(issuer)) +
      table("pubkey", elem("type", "rsa") + elem("bits", String(bits))) +
      elem("sig_algo", sig) +
      table("validity", elem("notBefore", notBefore) + elem("notAfter", notAfter)) +
      elem("md5", md5) +
      elem("sha1", sha1),
  );
}
/** banner.nse: non-printables as \xHH, 63 characters on the first line, then 72 (-v). */
function banner(raw) {
  const trimmed = raw.replace(/^[ \t\r\n\v\f]+|[ \t\r\n\v\f]+$/g, "");
  let s = "";
  for (let i = 0; i < trimmed.length; i++) {
    const b = trimmed.charCodeAt(i) & 0xff;
    s +=
      b < 32 || b > 126
        ? "\\x" + b.toString(16).toUpperCase().padStart(2, "0")
        : String.fromCharCode(b);
  }
  const total = 63 + 72;
  if (s.length > total) {
    while (s.length > total) s = /\\x[0-9A-F]{2}$/.test(s) ? s.slice(0, -4) : s.slice(0, -1);
    s = s.slice(0, total - 3) + "...";
  }
  const lines = [];
  let ptr = 63;
  while (s.length >= ptr) {
    lines.push(s.slice(0, ptr));
    s = s.slice(ptr);
    ptr = 72;
  }
  lines.push(s);
  return script("banner", lines.join("\n"));
}
function sshHostkey(g, kinds) {
  const KEY = {
    rsa: ["ssh-rsa", 3072, "RSA", "AAAAB3NzaC1yc2EAAAADAQABAAABgQ", 520],
    ecdsa: [
      "ecdsa-sha2-nistp256",
      256,
      "ECDSA",
      "AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBB",
      88,
    ],
    ed25519: ["ssh-ed25519", 256, "ED25519", "AAAAC3NzaC1lZDI1NTE5AAAAI", 43],
  };
  const keys = kinds.map((k) => {
    const [type, bits, label, prefix, len] = KEY[k];
    return { type, bits, label, fp: g.hex(32), key: prefix + g.b64(len) };
  });
  const output =
    "\n" + keys.map((k) => `  ${k.bits} ${k.fp.match(/../g).join(":")} (${k.label})`).join("\n");
  return script(
    "ssh-hostkey",
    output,
    keys
      .map((k) =>
        table(
          null,
          elem("type", k.type) +
            elem("fingerprint", k.fp) +
            elem("key", k.key) +
            elem("bits", String(k.bits)),
        ),
      )
      .join(""),
  );
}
function keyValueScript(id, fields) {
  const output =
    "\n" +
    Object.entries(fields)
      .map(([k, v]) => `  ${k}: ${v}`)
      .join("\n");
  return script(
    id,
    output,
    Object.entries(fields)
      .map(([k, v]) => elem(k, v))
      .join(""),
  );
}
const SSH_ALGOS = {
  kex_algorithms: [
    "curve25519-sha256",
    "curve25519-sha256@libssh.org",
    "ecdh-sha2-nistp256",
    "ecdh-sha2-nistp384",
    "ecdh-sha2-nistp521",
    "sntrup761x25519-sha512@openssh.com",
    "diffie-hellman-group-exchange-sha256",
    "diffie-hellman-group16-sha512",
    "diffie-hellman-group18-sha512",
    "diffie-hellman-group14-sha256",
    "kex-strict-s-v00@openssh.com",
  ],
  server_host_key_algorithms: [
    "rsa-sha2-512",
    "rsa-sha2-256",
    "ecdsa-sha2-nistp256",
    "ssh-ed25519",
  ],
  encryption_algorithms: [
    "chacha20-poly1305@openssh.com",
    "aes128-ctr",
    "aes192-ctr",
    "aes256-ctr",
    "aes128-gcm@openssh.com",
    "aes256-gcm@openssh.com",
  ],
  mac_algorithms: [
    "umac-64-etm@openssh.com",
    "umac-128-etm@openssh.com",
    "hmac-sha2-256-etm@openssh.com",
    "hmac-sha2-512-etm@openssh.com",
    "hmac-sha1-etm@openssh.com",
    "umac-64@openssh.com",
    "umac-128@openssh.com",
    "hmac-sha2-256",
    "hmac-sha2-512",
    "hmac-sha1",
  ],
  compression_algorithms: ["none", "zlib@openssh.com"],
};
const SSH2_ENUM_ALGOS = (() => {
  let output = "";
  let inner = "";
  for (const [k, list] of Object.entries(SSH_ALGOS)) {
    output += `\n  ${k}: (${list.length})\n` + list.map((a) => `      ${a}`).join("\n");
    inner += table(k, list.map((a) => elem(null, a)).join(""));
  }
  return script("ssh2-enum-algos", output, inner);
})();
const TLS_CIPHERS = [
  "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA (ecdh_x25519) - A",
  "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256 (ecdh_x25519) - A",
  "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (ecdh_x25519) - A",
  "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA (ecdh_x25519) - A",
  "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384 (ecdh_x25519) - A",
  "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 (ecdh_x25519) - A",
  "TLS_RSA_WITH_AES_128_CBC_SHA (rsa 2048) - A",
  "TLS_RSA_WITH_AES_128_GCM_SHA256 (rsa 2048) - A",
  "TLS_RSA_WITH_AES_256_CBC_SHA (rsa 2048) - A",
  "TLS_RSA_WITH_AES_256_GCM_SHA384 (rsa 2048) - A",
];
const SSL_ENUM_CIPHERS = (() => {
  let output = "";
  let inner = "";
  for (const v of ["TLSv1.2", "TLSv1.3"]) {
    const ciphers =
      v === "TLSv1.3"
        ? [
            "TLS_AKE_WITH_AES_128_GCM_SHA256 (ecdh_x25519) - A",
            "TLS_AKE_WITH_AES_256_GCM_SHA384 (ecdh_x25519) - A",
            "TLS_AKE_WITH_CHACHA20_POLY1305_SHA256 (ecdh_x25519) - A",
          ]
        : TLS_CIPHERS;
    output +=
      `\n  ${v}: \n    ciphers: \n` +
      ciphers.map((c) => `      ${c}`).join("\n") +
      `\n    compressors: \n      NULL\n    cipher preference: server`;
    inner += table(
      v,
      table(
        "ciphers",
        ciphers
          .map((c) => {
            const [, name, kex, strength] = c.match(/^(\S+) \((.*)\) - (\w)$/);
            return table(
              null,
              elem("name", name) + elem("kex_info", kex) + elem("strength", strength),
            );
          })
          .join(""),
      ) +
        table("compressors", elem(null, "NULL")) +
        elem("cipher preference", "server"),
    );
  }
  output += "\n  least strength: A";
  inner += elem("least strength", "A");
  return script("ssl-enum-ciphers", output, inner);
})();
const HTTP_METHODS = script(
  "http-methods",
  "\n  Supported Methods: GET HEAD POST OPTIONS TRACE\n  Potentially risky methods: TRACE",
  table(
    "Supported Methods",
    ["GET", "HEAD", "POST", "OPTIONS", "TRACE"].map((m) => elem(null, m)).join(""),
  ) + table("Potentially risky methods", elem(null, "TRACE")),
);
const SMB2_SECURITY = script(
  "smb2-security-mode",
  "\n  3:1:1: \n    Message signing enabled but not required",
  table("3:1:1", elem(null, "Message signing enabled but not required")),
);

// ------------------------------------------------------------------------------------------
// Fixed vendor data (from fingerprints.md; MAC vendor names as in nmap-mac-prefixes)
// ------------------------------------------------------------------------------------------

const OUI = {
  hikvision: [
    "Hangzhou Hikvision Digital Technology",
    [
      "A41437",
      "C0517E",
      "4419B6",
      "BCAD28",
      "5803FB",
      "4CBD8F",
      "E0CA3C",
      "807C62",
      "8CE748",
      "2CA59C",
      "98DF82",
      "E0BAAD",
    ],
  ],
  dahua: [
    "Zhejiang Dahua Technology",
    [
      "E0508B",
      "3CEF8C",
      "9C1463",
      "BC325F",
      "14A78B",
      "24526A",
      "4C11BF",
      "6C1C71",
      "A0BD1D",
      "D4430E",
    ],
  ],
  amcrest: ["Amcrest Technologies", ["9C8ECD"]],
  lorex: ["Lorex Technology", ["001F54"]],
  lts: ["LT Security", ["142FFD"]],
  uniview: ["Zhejiang Uniview Technologies", ["48EA63", "6CF17E", "C47905"]],
  huawei: ["Huawei Technologies", ["00E0FC", "00259E", "001882"]],
  axis: ["Axis Communications AB", ["ACCC8E", "B8A44F", "00408C"]],
  bosch: ["Bosch Security Systems", ["000463"]],
  dell: ["Dell", ["B083FE", "F8BC12", "D4BED9", "E4F004", "A4BB6D"]],
  vmware: ["VMware", ["005056", "000C29"]],
  hyperv: ["Microsoft", ["00155D"]],
  hp: ["Hewlett Packard", ["3CD92B", "9CB654", "001E0B", "F4CE46"]],
  cisco: ["Cisco Systems", ["002155", "001E13", "5C5015", "001EBD"]],
  intel: ["Intel Corporate", ["3CA9F4", "A0369F"]],
  synology: ["Synology Incorporated", ["001132"]],
  ubiquiti: ["Ubiquiti Networks", ["F09FC2", "24A43C", "788A20"]],
  msi: ["Micro-star Intl", ["00D861"]],
  asus: ["Asustek Computer", ["3C7C3F"]],
  mikrotik: ["Routerboard.com", ["000C42"]],
};

const HIK_CERT = {
  commonName: "www.hikvision.com",
  organizationalUnitName: "DVRNVR",
  organizationName: "HIKVISION",
  localityName: "HangZhou",
  stateOrProvinceName: "ZheJiang",
  countryName: "CN",
};
const DAHUA_SUBJECT = {
  organizationalUnitName: "DAHUATECH",
  organizationName: "DAHUA",
  localityName: "HANGZHOU",
  stateOrProvinceName: "ZHEJIANG",
  countryName: "CN",
  commonName: "192.168.1.108",
};
const DAHUA_ISSUER = {
  organizationName: "DahuaTech",
  localityName: "HangZhou",
  stateOrProvinceName: "ZheJiang",
  countryName: "CN",
  commonName: "Product Root CA",
};
const CORP_CA = {
  commonName: "Bench Corp Issuing CA 02",
  organizationName: "Bench Corp",
  countryName: "AR",
};
const HIK_FAVICONS = ["Hikvision DVR", "Unknown favicon MD5: EFCA7D9AEAAD122133C65CDF628AC574"];
const DAHUA_FAVICONS = [
  "Unknown favicon MD5: 605F51B413980667766A9AFF2E53B9ED",
  "Unknown favicon MD5: BD9E17C46BBBC18AF2A2BD718DDDAD0E",
  "Unknown favicon MD5: B39F249362A2E4AB62BE4DDBC9125F53",
];
const IPCAM_BANNER = banner("\0\0\0\x10\0\0\0\x1e\0\0\0\x1e\0\0\0\0");
const SITE_WORDS = [
  "acceso",
  "anden",
  "hall",
  "plaza",
  "parque",
  "deposito",
  "estacionamiento",
  "oficina",
  "porton",
  "calle",
  "esquina",
  "escuela",
  "hospital",
];
const TITLES = [
  "Intranet",
  "Portal de Trámites",
  "Welcome to nginx!",
  "Apache2 Debian Default Page: It works",
  "Grafana",
  "Login - Zabbix",
  "GitLab",
  "Jenkins [Jenkins]",
  "Mesa de Ayuda - Ingreso",
  "Sistema de Expedientes",
  "Hikvision camera inventory - Wiki",
  "Index of /backups",
  "Roundcube Webmail :: Bienvenido",
  "phpMyAdmin",
];

// OS guesses as in nmap-os-db
const OS = {
  linuxOld: [
    "Linux 2.6.32 - 3.10",
    56527,
    [
      ["general purpose", "Linux", "Linux", "2.6.X", "cpe:/o:linux:linux_kernel:2.6"],
      ["general purpose", "Linux", "Linux", "3.X", "cpe:/o:linux:linux_kernel:3"],
    ],
  ],
  linux3: [
    "Linux 3.2 - 4.9",
    65314,
    [
      ["general purpose", "Linux", "Linux", "3.X", "cpe:/o:linux:linux_kernel:3"],
      ["general purpose", "Linux", "Linux", "4.X", "cpe:/o:linux:linux_kernel:4"],
    ],
  ],
  linux4: [
    "Linux 3.10 - 4.11",
    63439,
    [
      ["general purpose", "Linux", "Linux", "3.X", "cpe:/o:linux:linux_kernel:3"],
      ["general purpose", "Linux", "Linux", "4.X", "cpe:/o:linux:linux_kernel:4"],
    ],
  ],
  linux5: [
    "Linux 4.15 - 5.6",
    67238,
    [
      ["general purpose", "Linux", "Linux", "4.X", "cpe:/o:linux:linux_kernel:4"],
      ["general purpose", "Linux", "Linux", "5.X", "cpe:/o:linux:linux_kernel:5"],
    ],
  ],
  win2016: [
    "Microsoft Windows Server 2016 build 10586 - 14393",
    76250,
    [["general purpose", "Microsoft", "Windows", "2016", "cpe:/o:microsoft:windows_server_2016"]],
  ],
  win10: [
    "Microsoft Windows 10 1709 - 1909",
    69933,
    [["general purpose", "Microsoft", "Windows", "10", "cpe:/o:microsoft:windows_10"]],
  ],
  hpPrinter: [
    "HP LaserJet M476dw printer",
    34209,
    [["printer", "HP", "embedded", null, "cpe:/h:hp:laserjet_m476dw"]],
  ],
  ciscoSwitch: [
    "Cisco Catalyst 2960 switch (IOS 15.2)",
    18329,
    [["switch", "Cisco", "IOS", "15.X", "cpe:/o:cisco:ios:15.2"]],
  ],
};

// ------------------------------------------------------------------------------------------
// Host templates. Each returns { oui, os, ptr, ports: { [port]: { svc, scripts } },
// filtered?: number[], hostscript?: string[] } for one host.
// ------------------------------------------------------------------------------------------

const svcAttrs = [
  "name",
  "product",
  "version",
  "extrainfo",
  "ostype",
  "devicetype",
  "hostname",
  "tunnel",
  "method",
  "conf",
  "servicefp",
];
function serviceXml(a) {
  let s = "<service";
  for (const k of svcAttrs) if (a[k] != null) s += ` ${k}="${esc(a[k])}"`;
  if (!a.cpe) return s + "/>";
  return s + ">" + a.cpe.map((c) => `<cpe>${esc(c)}</cpe>`).join("") + "</service>";
}
const table3 = (port) => ({ name: TABLE_NAME[port], method: "table", conf: 3 });

function hikHttp(g, t, ssl) {
  const scripts = [
    httpHeaders([
      `Date: ${httpDate(t)}`,
      "Server: App-webs/",
      "Connection: close",
      `Content-Length: ${g.pick([480, 480, 491, 520])}`,
      "Content-Type: text/html",
    ]),
    httpServerHeader("App-webs/"),
    httpTitle(null),
  ];
  if (!ssl && g.chance(0.5)) scripts.push(favicon(g.pick(HIK_FAVICONS)));
  if (ssl) {
    scripts.push(
      sslCert(g, {
        subject: HIK_CERT,
        issuer: HIK_CERT,
        bits: 1024,
        sig: "sha1WithRSAEncryption",
        from: t - g.range(1, 9) * 31536000,
        years: 3,
      }),
    );
  }
  return {
    svc: {
      name: "http",
      product: "Hikvision IP camera httpd",
      devicetype: "webcam",
      tunnel: ssl ? "ssl" : null,
      method: "probed",
      conf: 10,
    },
    scripts,
  };
}
const hikIpcam = () => ({
  svc: { name: "ipcam", product: "Hikvision IPCam control port", method: "probed", conf: 10 },
  scripts: [IPCAM_BANNER],
});
function hikRtsp(g) {
  if (g.chance(0.5)) {
    return {
      svc: { name: "rtsp", product: "Hikvision DVR rtspd", method: "probed", conf: 10 },
      scripts: [rtspMethods("OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN, PAUSE")],
    };
  }
  return {
    svc: {
      name: "rtsp",
      product: "Hikvision DVR rtspd",
      devicetype: "media device",
      method: "probed",
      conf: 10,
    },
    scripts: [],
  };
}
function dahuaHttp(
  g,
  t,
  { product = "Dahua webcam httpd", title = "WEB SERVICE", ssl = false } = {},
) {
  const scripts = [
    httpHeaders([
      "CONNECTION: close",
      `Date: ${httpDate(t)}`,
      `Last-Modified: ${httpDate(t - g.range(30, 900) * 86400)}`,
      `Etag: "${g.range(1000000000, 1999999999)}:${g.hex(8)}"`,
      `CONTENT-LENGTH: ${g.range(1200, 2600)}`,
      "CACHE-CONTROL: max-age=0",
      "CONTENT-TYPE: text/html",
    ]),
    title === ""
      ? script("http-title", "Site doesn't have a title (text/html).", elem("title", ""))
      : httpTitle(title),
  ];
  if (!ssl && g.chance(0.4)) scripts.push(favicon(g.pick(DAHUA_FAVICONS)));
  if (ssl) {
    scripts.push(
      sslCert(g, {
        subject: DAHUA_SUBJECT,
        issuer: DAHUA_ISSUER,
        from: t - g.range(1, 6) * 31536000,
        years: 20,
      }),
    );
  }
  return {
    svc: {
      name: "http",
      product,
      devicetype: "webcam",
      tunnel: ssl ? "ssl" : null,
      method: "probed",
      conf: 10,
    },
    scripts,
  };
}
function dahuaRtsp(g) {
  return g.chance(0.5)
    ? {
        svc: { name: "rtsp", product: "Dahua IP camera rtspd", method: "probed", conf: 10 },
        scripts: [],
      }
    : {
        svc: {
          name: "rtsp",
          product: "Dahua IP camera rtspd",
          devicetype: "webcam",
          method: "probed",
          conf: 10,
        },
        scripts: [
          rtspMethods(
            "OPTIONS, DESCRIBE, ANNOUNCE, SETUP, PLAY, PAUSE, TEARDOWN, GET_PARAMETER, SET_PARAMETER",
          ),
        ],
      };
}
const unknownPort = () => ({ svc: { name: "unknown", method: "table", conf: 3 }, scripts: [] });
const genericRtsp = () => ({
  svc: { name: "rtsp", method: "table", conf: 3 },
  scripts: [
    rtspMethods("OPTIONS, DESCRIBE, SETUP, PLAY, PAUSE, TEARDOWN, GET_PARAMETER, SET_PARAMETER"),
  ],
});
const telnetLogin = () => ({
  svc: { name: "telnet", method: "probed", conf: 10 },
  scripts: [banner("\xff\xfb\x01\xff\xfb\x03\r\n192.0.0.64 login: ")],
});
function corpCert(g, t, cn) {
  return sslCert(g, {
    subject: { commonName: cn, organizationName: "Bench Corp", countryName: "AR" },
    issuer: CORP_CA,
    from: t - g.range(30, 700) * 86400,
    years: 2,
  });
}
const camName = (g, kind) => `${kind}-${g.pick(SITE_WORDS)}-${p2(g.range(1, 99))}`;

const CAMERAS = [
  [
    12,
    function hikvisionCamera(g, t) {
      const ports = { 80: hikHttp(g, t, false), 554: hikRtsp(g), 8000: hikIpcam() };
      if (g.chance(0.2)) ports[443] = hikHttp(g, t, true);
      if (g.chance(0.05)) ports[23] = telnetLogin();
      return { oui: "hikvision", os: "linux3", ptr: camName(g, "cam"), ports };
    },
  ],
  [
    4,
    function hikvisionWebs(g, t) {
      const nonce = g.hex(32);
      const ports = {
        80: {
          svc: {
            name: "http",
            product: "Hikvision camera httpd",
            devicetype: "webcam",
            method: "probed",
            conf: 10,
          },
          scripts: [
            httpAuth("Digest", { realm: "Hikvision", nonce, qop: "auth", stale: "FALSE" }),
            httpHeaders([
              "Server: Hikvision-Webs",
              `Date: ${ctime(t + 3 * 3600)}`,
              "Content-Type: text/html",
              "Pragma: no-cache",
              "Cache-Control: no-cache",
              `WWW-Authenticate: Digest realm="Hikvision", qop="auth", nonce="${nonce}", stale="FALSE"`,
              "Content-Length: 172",
            ]),
            httpServerHeader("Hikvision-Webs"),
            httpTitle("Document Error: Unauthorized"),
          ],
        },
        554: hikRtsp(g),
        8000: hikIpcam(),
      };
      if (g.chance(0.2)) ports[23] = telnetLogin();
      return { oui: "hikvision", os: "linuxOld", ptr: camName(g, "cam"), ports };
    },
  ],
  [
    4,
    function hikvisionNvr(g, t) {
      const http = (ssl) => ({
        svc: {
          name: "http",
          product: "Hikvision Network Video Recorder http admin",
          devicetype: "webcam",
          tunnel: ssl ? "ssl" : null,
          method: "probed",
          conf: 10,
        },
        scripts: [
          httpHeaders([
            `Date: ${httpDate(t)}`,
            "Server: DNVRS-Webs",
            `ETag: "${g.hex(4)}-${g.hex(3)}-${g.hex(8)}"`,
            "Content-Length: 480",
            "Content-Type: text/html",
            "Connection: close",
            `Last-Modified: ${httpDate(t - g.range(100, 2000) * 86400)}`,
          ]),
          httpServerHeader("DNVRS-Webs"),
          httpTitle(null),
          ...(ssl
            ? [
                sslCert(g, {
                  subject: HIK_CERT,
                  issuer: HIK_CERT,
                  bits: 1024,
                  sig: "sha1WithRSAEncryption",
                  from: t - 6 * 31536000,
                  years: 3,
                }),
              ]
            : [favicon(g.pick(HIK_FAVICONS))]),
        ],
      });
      const ports = { 80: http(false), 554: hikRtsp(g), 8000: hikIpcam() };
      if (g.chance(0.6)) ports[443] = http(true);
      return { oui: "hikvision", os: "linuxOld", ptr: camName(g, "nvr"), ports };
    },
  ],
  [
    10,
    function dahuaCamera(g, t) {
      const ports = { 37777: unknownPort() };
      if (g.chance(0.85)) ports[80] = dahuaHttp(g, t);
      if (g.chance(0.8)) ports[554] = dahuaRtsp(g);
      if (g.chance(0.3)) ports[443] = dahuaHttp(g, t, { ssl: true });
      if (g.chance(0.2)) ports[37778] = unknownPort();
      return { oui: "dahua", os: "linux4", ptr: camName(g, "cam"), ports };
    },
  ],
  [
    2,
    function amcrest(g, t) {
      return {
        oui: "amcrest",
        os: "linux4",
        ptr: camName(g, "cam"),
        ports: {
          80: dahuaHttp(g, t, { product: "Amcrest IP camera http interface", title: "" }),
          554: dahuaRtsp(g),
          37777: unknownPort(),
        },
      };
    },
  ],
  [
    2,
    function lorex(g, t) {
      return {
        oui: "lorex",
        os: "linux4",
        ptr: camName(g, "cam"),
        ports: {
          80: dahuaHttp(g, t),
          554: {
            svc: {
              name: "rtsp",
              product: "Lorex IP camera rtspd",
              devicetype: "webcam",
              hostname: `ND0${g.range(10000000000, 99999999999)}`,
              method: "probed",
              conf: 10,
            },
            scripts: [],
          },
          37777: unknownPort(),
        },
      };
    },
  ],
  [
    1,
    function lts(g, t) {
      return {
        oui: "lts",
        os: "linux3",
        ptr: camName(g, "cam"),
        ports: { 80: hikHttp(g, t, false), 554: hikRtsp(g), 8000: hikIpcam() },
      };
    },
  ],
  [
    1,
    function interlogix(g, t) {
      return {
        oui: "hikvision",
        os: "linuxOld",
        ptr: camName(g, "nvr"),
        ports: {
          80: {
            svc: {
              name: "http",
              product: "Interlogix TruVision DVR web interface",
              method: "probed",
              conf: 10,
            },
            scripts: [
              httpHeaders([
                `Date: ${httpDate(t)}`,
                "Server: Interlogix-Webs",
                "Content-Type: text/html",
                "Content-Length: 480",
                "Connection: close",
              ]),
              httpServerHeader("Interlogix-Webs"),
              httpTitle(null),
            ],
          },
          554: hikRtsp(g),
          8000: hikIpcam(),
        },
      };
    },
  ],
  [
    2,
    function uniview(g) {
      return {
        oui: "uniview",
        os: "linux4",
        ptr: camName(g, "cam"),
        ports: {
          80: {
            svc: { name: "http", method: "probed", conf: 10 },
            scripts: [
              httpTitle(null),
              favicon("Unknown favicon MD5: 1536F25632F78FB03BABEDCB156D3F69"),
            ],
          },
          554: genericRtsp(),
        },
      };
    },
  ],
  [
    1,
    function huaweiSdc(g, t) {
      const ptr = camName(g, "cam");
      return {
        oui: "huawei",
        os: "linux5",
        ptr,
        ports: {
          80: {
            svc: { name: "http", product: "SDC Server", method: "probed", conf: 10 },
            scripts: [httpServerHeader("SDC Server"), httpRedirect(`https://${ptr}.bench.lan/`)],
          },
          443: {
            svc: { name: "http", product: "SDC Server", tunnel: "ssl", method: "probed", conf: 10 },
            scripts: [
              httpServerHeader("SDC Server"),
              httpTitle(null),
              corpCert(g, t, `${ptr}.bench.lan`),
            ],
          },
          554: genericRtsp(),
        },
      };
    },
  ],
  [
    2,
    function xiongmaiDvr(g) {
      const ports = {
        80: {
          svc: {
            name: "http",
            product: "uc-httpd",
            version: "1.0.0",
            method: "probed",
            conf: 10,
            cpe: ["cpe:/a:xiongmai_technologies:uc-httpd:1.0.0"],
          },
          scripts: [
            httpHeaders(
              [
                "Content-type: text/html",
                "Content-Length: 2154",
                "Cache-Control: no-cache",
                "Server: uc-httpd 1.0.0",
                "Expires: 0",
              ],
              "HEAD",
            ),
            httpServerHeader("uc-httpd 1.0.0"),
            httpTitle("NETSurveillance WEB"),
          ],
        },
        554: {
          svc: {
            name: "rtsp",
            product: "H264DVR rtspd",
            version: "1.0",
            method: "probed",
            conf: 10,
          },
          scripts: [
            rtspMethods(
              "OPTIONS, DESCRIBE, SETUP, TEARDOWN, GET_PARAMETER, SET_PARAMETER, PLAY, PAUSE",
            ),
          ],
        },
        34567: { svc: table3(34567), scripts: [] },
      };
      if (g.chance(0.3))
        ports[23] = {
          svc: { name: "telnet", method: "probed", conf: 10 },
          scripts: [banner("\r\nLocalHost login: ")],
        };
      return { oui: null, os: "linuxOld", ptr: camName(g, "dvr"), ports };
    },
  ],
  [
    2,
    function axis(g, t) {
      const ptr = camName(g, "cam");
      return {
        oui: "axis",
        os: "linux5",
        ptr,
        ports: {
          80: { svc: { name: "http", method: "probed", conf: 10 }, scripts: [httpTitle(null)] },
          443: {
            svc: { name: "http", tunnel: "ssl", method: "probed", conf: 10 },
            scripts: [httpTitle(null), corpCert(g, t, `${ptr}.bench.lan`)],
          },
          554: genericRtsp(),
        },
      };
    },
  ],
  [
    1,
    function bosch(g, t) {
      const ptr = camName(g, "cam");
      return {
        oui: "bosch",
        os: "linux4",
        ptr,
        ports: {
          80: { svc: { name: "http", method: "probed", conf: 10 }, scripts: [httpTitle(null)] },
          443: {
            svc: { name: "http", tunnel: "ssl", method: "probed", conf: 10 },
            scripts: [httpTitle(null), corpCert(g, t, `${ptr}.bench.lan`)],
          },
          554: genericRtsp(),
        },
      };
    },
  ],
];

const OPENSSH = (g) => {
  const v = g.pick(["9.2p1 Debian 2+deb12u2", "8.4p1 Debian 5+deb11u3", "8.9p1 Ubuntu 3ubuntu0.6"]);
  const raw = v.startsWith("9.2")
    ? "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u2"
    : v.startsWith("8.4")
      ? "SSH-2.0-OpenSSH_8.4p1 Debian-5+deb11u3"
      : "SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.6";
  return {
    svc: {
      name: "ssh",
      product: "OpenSSH",
      version: v,
      extrainfo: v.includes("Ubuntu") ? "Ubuntu Linux; protocol 2.0" : "protocol 2.0",
      ostype: "Linux",
      method: "probed",
      conf: 10,
      cpe: [`cpe:/a:openbsd:openssh:${v.split(" ")[0]}`, "cpe:/o:linux:linux_kernel"],
    },
    scripts: [banner(raw), sshHostkey(g, ["ecdsa", "ed25519"])],
  };
};
function webServer(g, t, ptr, ssl) {
  const nginx = g.chance(0.5);
  const version = nginx
    ? g.pick(["1.22.1", "1.18.0", "1.24.0"])
    : g.pick(["2.4.57", "2.4.52", "2.4.56"]);
  const header = nginx ? `nginx/${version}` : `Apache/${version} (${g.pick(["Debian", "Ubuntu"])})`;
  const title = g.pick(TITLES);
  const scripts = [
    httpHeaders([
      `Date: ${httpDate(t)}`,
      `Server: ${header}`,
      "Content-Type: text/html; charset=UTF-8",
      `Content-Length: ${g.range(300, 40000)}`,
      "Connection: close",
      ...(g.chance(0.5)
        ? [`Set-Cookie: SESSID=${g.hex(26)}; path=/; HttpOnly`, "X-Frame-Options: SAMEORIGIN"]
        : []),
    ]),
    httpServerHeader(header),
    httpTitle(title),
  ];
  if (ssl) scripts.push(corpCert(g, t, `${ptr}.bench.lan`));
  return {
    svc: {
      name: "http",
      product: nginx ? "nginx" : "Apache httpd",
      version,
      tunnel: ssl ? "ssl" : null,
      method: "probed",
      conf: 10,
      cpe: [nginx ? `cpe:/a:igor_sysoev:nginx:${version}` : `cpe:/a:apache:http_server:${version}`],
    },
    scripts,
  };
}
function rdp(g, t, name) {
  return {
    svc: {
      name: "ms-wbt-server",
      product: "Microsoft Terminal Services",
      ostype: "Windows",
      method: "probed",
      conf: 10,
      cpe: ["cpe:/o:microsoft:windows"],
    },
    scripts: [
      keyValueScript("rdp-ntlm-info", {
        Target_Name: "BENCH",
        NetBIOS_Domain_Name: "BENCH",
        NetBIOS_Computer_Name: name.toUpperCase(),
        DNS_Domain_Name: "bench.lan",
        DNS_Computer_Name: `${name}.bench.lan`,
        DNS_Tree_Name: "bench.lan",
        Product_Version: g.pick(["10.0.14393", "10.0.17763", "10.0.19045"]),
        System_Time: `${isoDate(t)}+00:00`,
      }),
      sslCert(g, {
        subject: { commonName: `${name}.bench.lan` },
        issuer: { commonName: `${name}.bench.lan` },
        from: t - g.range(1, 170) * 86400,
        years: 0.5,
      }),
    ],
  };
}
const winHostscript = (t) => [
  SMB2_SECURITY,
  script(
    "smb2-time",
    `\n  date: ${isoDate(t)}\n  start_date: N/A`,
    elem("date", isoDate(t)) + elem("start_date", "N/A"),
  ),
];
const msrpc = () => ({
  svc: {
    name: "msrpc",
    product: "Microsoft Windows RPC",
    ostype: "Windows",
    method: "probed",
    conf: 10,
    cpe: ["cpe:/o:microsoft:windows"],
  },
  scripts: [],
});
const netbios = () => ({
  svc: {
    name: "netbios-ssn",
    product: "Microsoft Windows netbios-ssn",
    ostype: "Windows",
    method: "probed",
    conf: 10,
    cpe: ["cpe:/o:microsoft:windows"],
  },
  scripts: [],
});

const ORDINARY = [
  [
    12,
    function linuxServer(g, t) {
      const ptr = `srv-${g.hex(4)}`;
      const ports = { 22: OPENSSH(g) };
      if (g.chance(0.7)) ports[80] = webServer(g, t, ptr, false);
      if (g.chance(0.3)) ports[443] = webServer(g, t, ptr, true);
      if (g.chance(0.15))
        ports[3306] = {
          svc: {
            name: "mysql",
            product: "MySQL",
            version: "8.0.36",
            method: "probed",
            conf: 10,
            cpe: ["cpe:/a:mysql:mysql:8.0.36"],
          },
          scripts: [],
        };
      if (g.chance(0.15))
        ports[5432] = {
          svc: {
            name: "postgresql",
            product: "PostgreSQL DB",
            version: "15.6",
            method: "probed",
            conf: 10,
            cpe: ["cpe:/a:postgresql:postgresql:15.6"],
          },
          scripts: [],
        };
      if (g.chance(0.1))
        ports[111] = {
          svc: {
            name: "rpcbind",
            version: "2-4",
            extrainfo: "RPC #100000",
            method: "probed",
            conf: 10,
          },
          scripts: [],
        };
      return { oui: g.pick(["vmware", "vmware", "dell"]), os: "linux5", ptr, ports };
    },
  ],
  [
    6,
    function windowsServer(g, t) {
      const name = `srv-win-${g.hex(4)}`;
      const ports = {
        135: msrpc(),
        139: netbios(),
        445: { svc: table3(445), scripts: [] },
        3389: rdp(g, t, name),
      };
      if (g.chance(0.5)) {
        ports[80] = {
          svc: {
            name: "http",
            product: "Microsoft IIS httpd",
            version: "10.0",
            ostype: "Windows",
            method: "probed",
            conf: 10,
            cpe: [
              "cpe:/a:microsoft:internet_information_services:10.0",
              "cpe:/o:microsoft:windows",
            ],
          },
          scripts: [
            httpServerHeader("Microsoft-IIS/10.0"),
            HTTP_METHODS,
            httpTitle("IIS Windows Server"),
          ],
        };
      }
      if (g.chance(0.15))
        ports[1433] = {
          svc: {
            name: "ms-sql-s",
            product: "Microsoft SQL Server 2019",
            version: "15.00.2000.00; RTM",
            method: "probed",
            conf: 10,
            cpe: ["cpe:/a:microsoft:sql_server:2019"],
          },
          scripts: [],
        };
      return {
        oui: g.pick(["dell", "vmware", "hyperv"]),
        os: "win2016",
        ptr: name,
        ports,
        filtered: true,
        hostscript: winHostscript(t),
      };
    },
  ],
  [
    16,
    function windowsDesktop(g, t) {
      const name = `pc-${g.pick(SITE_WORDS)}-${g.range(100, 999)}`;
      const ports = { 135: msrpc(), 139: netbios(), 445: { svc: table3(445), scripts: [] } };
      if (g.chance(0.3)) ports[3389] = rdp(g, t, name);
      return {
        oui: g.pick(["intel", "dell", "msi", "asus"]),
        os: "win10",
        ptr: name,
        ports,
        filtered: true,
        hostscript: winHostscript(t),
      };
    },
  ],
  [
    5,
    function printer(g, t) {
      const name = `impresora-${g.range(1, 300)}`;
      const emweb = (ssl) => ({
        svc: {
          name: "http",
          product: "Virata-EmWeb",
          version: "7.2",
          extrainfo: "HP LaserJet http config",
          devicetype: "printer",
          tunnel: ssl ? "ssl" : null,
          method: "probed",
          conf: 10,
          cpe: ["cpe:/a:virata:emweb:7.2"],
        },
        scripts: ssl
          ? [
              httpServerHeader("Virata-EmWeb/R7_2"),
              httpTitle("HP Color LaserJet MFP M476dw"),
              sslCert(g, {
                subject: { commonName: `NPI${g.hex(6).toUpperCase()}` },
                issuer: { commonName: "HP Jetdirect" },
                from: t - g.range(100, 2000) * 86400,
                years: 20,
              }),
            ]
          : [httpServerHeader("Virata-EmWeb/R7_2"), httpRedirect(`https://${name}.bench.lan/`)],
      });
      return {
        oui: "hp",
        os: "hpPrinter",
        ptr: name,
        ports: {
          80: emweb(false),
          443: emweb(true),
          631: {
            svc: { name: "ipp", product: "HP printer ipp", method: "probed", conf: 10 },
            scripts: [],
          },
          9100: { svc: { name: "jetdirect", method: "table", conf: 3 }, scripts: [] },
        },
      };
    },
  ],
  [
    5,
    function ciscoSwitch(g) {
      const ports = {
        22: {
          svc: {
            name: "ssh",
            product: "Cisco SSH",
            version: "1.25",
            extrainfo: "protocol 2.0",
            ostype: "IOS",
            method: "probed",
            conf: 10,
            cpe: ["cpe:/a:cisco:ssh:1.25", "cpe:/o:cisco:ios"],
          },
          scripts: [banner("SSH-2.0-Cisco-1.25")],
        },
      };
      if (g.chance(0.5)) {
        ports[23] = {
          svc: {
            name: "telnet",
            product: "Cisco IOS telnetd",
            devicetype: "switch",
            ostype: "IOS",
            method: "probed",
            conf: 10,
            cpe: ["cpe:/a:cisco:telnet", "cpe:/o:cisco:ios"],
          },
          scripts: [
            banner(
              "\xff\xfb\x01\xff\xfb\x03\xff\xfd\x18\xff\xfd\x1f\r\n\r\nUser Access Verification\r\n\r\nUsername: ",
            ),
          ],
        };
      }
      return {
        oui: "cisco",
        os: "ciscoSwitch",
        ptr: `sw-${g.pick(SITE_WORDS)}-${g.range(1, 40)}`,
        ports,
      };
    },
  ],
  [
    3,
    function nas(g, t) {
      const ptr = `nas-${g.range(1, 60)}`;
      return {
        oui: "synology",
        os: "linux4",
        ptr,
        ports: {
          22: OPENSSH(g),
          80: {
            svc: {
              name: "http",
              product: "nginx",
              method: "probed",
              conf: 10,
              cpe: ["cpe:/a:igor_sysoev:nginx"],
            },
            scripts: [httpServerHeader("nginx"), httpRedirect(`http://${ptr}.bench.lan:5000/`)],
          },
          139: {
            svc: {
              name: "netbios-ssn",
              product: "Samba smbd",
              version: "4.6.2",
              method: "probed",
              conf: 10,
              cpe: ["cpe:/a:samba:samba"],
            },
            scripts: [],
          },
          445: {
            svc: {
              name: "netbios-ssn",
              product: "Samba smbd",
              version: "4.6.2",
              method: "probed",
              conf: 10,
              cpe: ["cpe:/a:samba:samba"],
            },
            scripts: [],
          },
          5000: {
            svc: {
              name: "http",
              product: "nginx",
              method: "probed",
              conf: 10,
              cpe: ["cpe:/a:igor_sysoev:nginx"],
            },
            scripts: [httpTitle("Synology DiskStation"), corpCert(g, t, `${ptr}.bench.lan`)],
          },
        },
      };
    },
  ],
  [
    3,
    function gateway(g, t) {
      const ptr = `gw-${g.pick(SITE_WORDS)}-${g.range(1, 20)}`;
      return {
        oui: g.pick(["ubiquiti", "mikrotik"]),
        os: "linux4",
        ptr,
        ports: {
          22: {
            svc: {
              name: "ssh",
              product: "Dropbear sshd",
              version: "2019.78",
              extrainfo: "protocol 2.0",
              ostype: "Linux",
              method: "probed",
              conf: 10,
              cpe: [
                "cpe:/a:matt_johnston:dropbear_ssh_server:2019.78",
                "cpe:/o:linux:linux_kernel",
              ],
            },
            scripts: [banner("SSH-2.0-dropbear_2019.78")],
          },
          80: {
            svc: {
              name: "http",
              product: "lighttpd",
              version: "1.4.59",
              method: "probed",
              conf: 10,
              cpe: ["cpe:/a:lighttpd:lighttpd:1.4.59"],
            },
            scripts: [
              httpHeaders([
                "Content-Type: text/html; charset=utf-8",
                `Content-Length: ${g.range(500, 3000)}`,
                "Connection: close",
                `Date: ${httpDate(t)}`,
                "Server: lighttpd/1.4.59",
              ]),
              httpServerHeader("lighttpd/1.4.59"),
              // untrusted text: a few titles carry markup
              httpTitle(
                g.chance(0.1)
                  ? `Hotspot ${g.pick(SITE_WORDS)} <script>alert(${g.int(100)})</script>`
                  : "Hotspot Login",
              ),
            ],
          },
        },
      };
    },
  ],
  [
    1,
    function fatHost(g, t) {
      // A busy Linux server: many ports, long script outputs.
      const ptr = `app-${g.hex(4)}`;
      const ports = {};
      const ssh = OPENSSH(g);
      ssh.scripts.push(SSH2_ENUM_ALGOS);
      ports[22] = ssh;
      for (const p of [80, 8080, 8081, 8888, 9000, 10000]) {
        if (g.chance(0.8)) {
          const w = webServer(g, t, ptr, false);
          w.scripts.push(HTTP_METHODS);
          ports[p] = w;
        }
      }
      for (const p of [443, 8443]) {
        const w = webServer(g, t, ptr, true);
        w.scripts.push(SSL_ENUM_CIPHERS, HTTP_METHODS);
        ports[p] = w;
      }
      ports[25] = {
        svc: {
          name: "smtp",
          product: "Postfix smtpd",
          method: "probed",
          conf: 10,
          cpe: ["cpe:/a:postfix:postfix"],
        },
        scripts: [
          script(
            "smtp-commands",
            `${ptr}.bench.lan, PIPELINING, SIZE 10240000, VRFY, ETRN, STARTTLS, ENHANCEDSTATUSCODES, 8BITMIME, DSN, SMTPUTF8, CHUNKING`,
            [
              "PIPELINING",
              "SIZE 10240000",
              "VRFY",
              "ETRN",
              "STARTTLS",
              "ENHANCEDSTATUSCODES",
              "8BITMIME",
              "DSN",
              "SMTPUTF8",
              "CHUNKING",
            ]
              .map((c) => elem(null, c))
              .join(""),
          ),
          banner(`220 ${ptr}.bench.lan ESMTP Postfix (Debian/GNU)`),
        ],
      };
      for (const p of [110, 143, 993, 995])
        ports[p] = {
          svc: {
            name: TABLE_NAME[p],
            product: "Dovecot pop3d/imapd",
            method: "probed",
            conf: 10,
            cpe: ["cpe:/a:dovecot:dovecot"],
          },
          scripts: [],
        };
      ports[3306] = {
        svc: {
          name: "mysql",
          product: "MySQL",
          version: "8.0.36",
          method: "probed",
          conf: 10,
          cpe: ["cpe:/a:mysql:mysql:8.0.36"],
        },
        scripts: [],
      };
      ports[5432] = {
        svc: {
          name: "postgresql",
          product: "PostgreSQL DB",
          version: "15.6",
          method: "probed",
          conf: 10,
          cpe: ["cpe:/a:postgresql:postgresql:15.6"],
        },
        scripts: [],
      };
      return { oui: "dell", os: "linux5", ptr, ports };
    },
  ],
  [
    20,
    function quietHost(g) {
      // Up (answered ARP) but nothing open.
      return {
        oui: g.pick(["intel", "dell", "hp"]),
        os: null,
        ptr: g.chance(0.5) ? `host-${g.hex(4)}` : null,
        ports: {},
      };
    },
  ],
];

const sumWeights = (list) => list.reduce((n, [w]) => n + w, 0);
const CAMERA_TOTAL = sumWeights(CAMERAS);
const ORDINARY_TOTAL = sumWeights(ORDINARY);

// ------------------------------------------------------------------------------------------
// Host XML
// ------------------------------------------------------------------------------------------

function addressOf(index) {
  const n = index + 256; // 10.0.1.0 onwards
  return `10.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

function macFor(g, oui) {
  const tail = `${g.hex(2)}:${g.hex(2)}:${g.hex(2)}`.toUpperCase();
  if (!oui)
    return { addr: `02:${g.hex(2).toUpperCase()}:${g.hex(2).toUpperCase()}:${tail}`, vendor: null };
  const [vendor, prefixes] = OUI[oui];
  const p = g.pick(prefixes);
  return { addr: `${p.slice(0, 2)}:${p.slice(2, 4)}:${p.slice(4, 6)}:${tail}`, vendor };
}

function hostXml(g, index, t, spec) {
  const ip = addressOf(index);
  const { addr, vendor } = macFor(g, spec.oui);
  const windows = spec.os === "win2016" || spec.os === "win10";
  const ttl = windows ? 128 : spec.os === "ciscoSwitch" ? 255 : 64;
  let x = `<host starttime="${t}" endtime="${t + g.range(20, 240)}"><status state="up" reason="arp-response" reason_ttl="0"/>\n`;
  x += `<address addr="${ip}" addrtype="ipv4"/>\n`;
  x += vendor
    ? `<address addr="${addr}" addrtype="mac" vendor="${esc(vendor)}"/>\n`
    : `<address addr="${addr}" addrtype="mac"/>\n`;
  x += spec.ptr
    ? `<hostnames>\n<hostname name="${spec.ptr}.bench.lan" type="PTR"/>\n</hostnames>\n`
    : `<hostnames>\n</hostnames>\n`;

  const open = Object.keys(spec.ports)
    .map(Number)
    .sort((a, b) => a - b);
  const rest = PORTS.filter((p) => !spec.ports[p]);
  x += "<ports>";
  const restState = spec.filtered ? "filtered" : "closed";
  const restReason = spec.filtered ? "no-response" : "reset";
  x += `<extraports state="${restState}" count="${rest.length}">\n<extrareasons reason="${restReason}" count="${rest.length}" proto="tcp" ports="${compressRanges(rest)}"/>\n</extraports>\n`;
  for (const p of open) {
    const o = spec.ports[p];
    x += `<port protocol="tcp" portid="${p}"><state state="open" reason="syn-ack" reason_ttl="${ttl}"/>${serviceXml(o.svc)}${o.scripts.join("")}</port>\n`;
  }
  x += "</ports>\n";

  if (spec.os && open.length > 0 && g.chance(0.55)) {
    const [name, line, classes] = OS[spec.os];
    const acc = spec.filtered ? 96 : 100;
    x += `<os><portused state="open" proto="tcp" portid="${open[0]}"/>\n`;
    if (!spec.filtered) x += `<portused state="closed" proto="tcp" portid="${rest[0]}"/>\n`;
    x += `<portused state="closed" proto="udp" portid="${g.range(30000, 60000)}"/>\n`;
    x += `<osmatch name="${esc(name)}" accuracy="${acc}" line="${line}">\n`;
    for (const [type, v, family, gen, cpe] of classes) {
      x += `<osclass type="${type}" vendor="${v}" osfamily="${family}"${gen ? ` osgen="${gen}"` : ""} accuracy="${acc}"><cpe>${cpe}</cpe></osclass>\n`;
    }
    x += "</osmatch>\n</os>\n";
    if (!windows) {
      const up = g.range(3600, 9000000);
      x += `<uptime seconds="${up}" lastboot="${ctime(t - up)}"/>\n`;
    }
    x += `<distance value="1"/>\n`;
    x += `<tcpsequence index="${g.range(240, 263)}" difficulty="Good luck!" values="${[0, 0, 0, 0, 0, 0].map(() => g.hex(8).toUpperCase()).join(",")}"/>\n`;
    x += windows
      ? `<ipidsequence class="Incremental" values="${[0, 1, 2, 3, 4, 5].map((k) => (0x4a00 + k * 3).toString(16).toUpperCase()).join(",")}"/>\n`
      : `<ipidsequence class="All zeros" values="0,0,0,0,0,0"/>\n`;
    x += `<tcptssequence class="1000HZ" values="${[0, 1, 2, 3, 4, 5].map((k) => (0x2b000000 + k * 101).toString(16).toUpperCase()).join(",")}"/>\n`;
  } else {
    x += `<distance value="1"/>\n`;
  }
  if (spec.hostscript) x += `<hostscript>${spec.hostscript.join("")}</hostscript>\n`;
  x += `<times srtt="${g.range(300, 9000)}" rttvar="${g.range(100, 5000)}" to="100000"/>\n</host>\n`;
  return { xml: x, open: open.length };
}

// ------------------------------------------------------------------------------------------
// The generator
// ------------------------------------------------------------------------------------------

const CHUNK = 1 << 20; // characters buffered before each write

/**
 * Streams an nmap XML report of `hosts` hosts to `outFile` (parent folders are created).
 * Returns { bytes, hosts, hostsUp, hostsDown, openPorts }.
 */
export async function generateNmapXml({ hosts, outFile, seed = 1 }) {
  if (!Number.isInteger(hosts) || hosts < 0 || hosts > 16_000_000) {
    throw new RangeError(`hosts must be an integer between 0 and 16000000, not ${hosts}`);
  }
  if (!outFile) throw new TypeError("outFile is required");
  await mkdir(dirname(resolve(outFile)), { recursive: true });

  const g = new Rng(seed);
  const out = createWriteStream(outFile);
  const failed = once(out, "error").then(([err]) => {
    throw err;
  });
  failed.catch(() => {});
  let pending = [];
  let pendingLength = 0;
  const write = async (s) => {
    pending.push(s);
    pendingLength += s.length;
    if (pendingLength >= CHUNK) await flush();
  };
  const flush = async () => {
    if (pending.length === 0) return;
    const chunk = pending.join("");
    pending = [];
    pendingLength = 0;
    if (!out.write(chunk)) await Promise.race([once(out, "drain"), failed]);
  };

  const start = 1710000000 + (seed % 1000) * 86400; // fixed per seed, never the clock
  const args = `nmap -v -sV -O --script default,banner,http-headers -p ${PORT_SPEC} -iL bench-targets.txt -oX bench-scan.xml`;
  const secondsPerHost = 0.05;
  const elapsed = Math.max(1, Math.round(hosts * secondsPerHost));

  await write(
    `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE nmaprun>\n<?xml-stylesheet href="file:///usr/bin/../share/nmap/nmap.xsl" type="text/xsl"?>\n` +
      `<!-- Nmap 7.94 scan initiated ${ctime(start)} as: ${esc(args)} -->\n` +
      `<nmaprun scanner="nmap" args="${esc(args)}" start="${start}" startstr="${ctime(start)}" version="7.94" xmloutputversion="1.05">\n` +
      `<scaninfo type="syn" protocol="tcp" numservices="${PORTS.length}" services="${SERVICES_ATTR}"/>\n` +
      `<verbose level="1"/>\n<debugging level="0"/>\n` +
      `<taskbegin task="NSE" time="${start}"/>\n<taskend task="NSE" time="${start}"/>\n`,
  );

  let up = 0;
  let down = 0;
  let openPorts = 0;
  for (let i = 0; i < hosts; i++) {
    const t = start + Math.floor(i * secondsPerHost);
    if (i % 4096 === 0) {
      await write(
        `<taskbegin task="ARP Ping Scan" time="${t}"/>\n<taskend task="ARP Ping Scan" time="${t + 2}" extrainfo="4096 total hosts"/>\n`,
      );
    }
    if (g.chance(0.02)) {
      down++;
      await write(
        `<host><status state="down" reason="no-response" reason_ttl="0"/>\n<address addr="${addressOf(i)}" addrtype="ipv4"/>\n</host>\n`,
      );
      continue;
    }
    const camera = g.chance(0.4);
    const template = camera
      ? g.weighted(CAMERAS, CAMERA_TOTAL)
      : g.weighted(ORDINARY, ORDINARY_TOTAL);
    const { xml, open } = hostXml(g, i, t, template(g, t));
    up++;
    openPorts += open;
    await write(xml);
  }

  const end = start + elapsed;
  await write(
    `<runstats><finished time="${end}" timestr="${ctime(end)}" summary="Nmap done at ${ctime(end)}; ${hosts} IP ${hosts === 1 ? "address" : "addresses"} (${up} ${up === 1 ? "host" : "hosts"} up) scanned in ${elapsed}.00 seconds" elapsed="${elapsed}.00" exit="success"/><hosts up="${up}" down="${down}" total="${hosts}"/>\n</runstats>\n</nmaprun>\n`,
  );
  await flush();
  out.end();
  await Promise.race([once(out, "finish"), failed]);
  return { bytes: out.bytesWritten, hosts, hostsUp: up, hostsDown: down, openPorts };
}

// ------------------------------------------------------------------------------------------
// Command line
// ------------------------------------------------------------------------------------------

function parseArgs(argv) {
  const opts = { hosts: 200000, out: null, seed: 1 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [key, inline] =
      a.startsWith("--") && a.includes("=") ? a.split(/=(.*)/s) : [a, undefined];
    const value = () => (inline !== undefined ? inline : argv[++i]);
    if (key === "--hosts") opts.hosts = Number(value());
    else if (key === "--out") opts.out = value();
    else if (key === "--seed") opts.seed = Number(value());
    else if (key === "--help" || key === "-h") opts.help = true;
    else throw new Error(`unknown argument: ${a}`);
  }
  if (!opts.out) opts.out = `bench/data/nmap-${opts.hosts}.xml`;
  if (!Number.isInteger(opts.seed)) throw new Error("--seed must be an integer");
  return opts;
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(
      `${err.message}\nusage: node bench/generate-nmap.js --hosts N --out FILE [--seed S]`,
    );
    process.exitCode = 2;
    return;
  }
  if (opts.help) {
    console.log("usage: node bench/generate-nmap.js --hosts N --out FILE [--seed S]");
    return;
  }
  const t0 = process.hrtime.bigint();
  const r = await generateNmapXml({ hosts: opts.hosts, outFile: opts.out, seed: opts.seed });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(
    `${opts.out}: ${r.bytes} bytes (${(r.bytes / 1e6).toFixed(1)} MB), ${r.hosts} hosts ` +
      `(${r.hostsUp} up, ${r.hostsDown} down), ${r.openPorts} open ports, ` +
      `${Math.round(r.bytes / Math.max(1, r.hosts))} bytes/host, ${seconds.toFixed(2)} s`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
