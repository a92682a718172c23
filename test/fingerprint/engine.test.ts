import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadFingerprinter } from "../../src/fingerprint/fingerprint.js";
import type { Fingerprinter } from "../../src/fingerprint/fingerprint.js";
import { loadRuleSet } from "../../src/fingerprint/load.js";
import { verifyRuleSet } from "../../src/fingerprint/verify.js";
import { newDeviceInfo, newHost, newHttp, newService, setAddress } from "../../src/model/build.js";
import type { Host } from "../../src/model/host.js";

const VOCABULARY = `
manufacturers:
  - { name: Hikvision, covered: true, source: "FCC Covered List" }
  - { name: Dahua, covered: true, source: "FCC Covered List" }
  - { name: Axis }
brands:
  - { name: Lorex, manufacturer: Dahua, certainty: 0.5, relation: reported Dahua OEM, source: "test" }
deviceTypes: [ip-camera, nvr, access-control]
capabilities: [face-recognition]
`;

const RULES: Record<string, string> = {
  "http-server.yaml": `# test rules
field: http.server
rules:
  - id: hs.app-webs
    description: Hikvision camera server
    pattern: '^App-webs/$'
    sets: { manufacturer: Hikvision, deviceType: ip-camera }
    weight: 0.8
    source: test
    examples: [{ value: "App-webs/", sets: { manufacturer: Hikvision, deviceType: ip-camera } }]
  - id: hs.axis
    description: Axis
    pattern: '^AXIS$'
    sets: { manufacturer: Axis }
    weight: 0.6
    source: test
    examples: [{ value: "AXIS", sets: { manufacturer: Axis } }]
`,
  "mac-oui.yaml": `# test rules
field: mac.oui
rules:
  - id: oui.hikvision
    description: Hikvision OUIs
    values: ["A4:14:37", "C0:56:E3"]
    sets: { manufacturer: Hikvision }
    weight: 0.6
    source: test
    examples: [{ value: "a4:14:37", sets: { manufacturer: Hikvision } }]
  - id: oui.dahua
    description: Dahua OUIs
    values: ["38:AF:29"]
    sets: { manufacturer: Dahua }
    weight: 0.6
    source: test
    examples: [{ value: "38:AF:29", sets: { manufacturer: Dahua } }]
`,
  "port.yaml": `# test rules
field: port
rules:
  - id: port.8000
    description: Hikvision SDK port
    values: ["tcp/8000"]
    sets: { manufacturer: Hikvision }
    weight: 0.2
    source: test
    examples: [{ value: "tcp/8000", sets: { manufacturer: Hikvision } }]
`,
  "rtsp-realm.yaml": `# test rules
field: rtsp.realm
rules:
  - id: realm.lorex
    description: Lorex realm
    pattern: '^Login to (ND\\d+)$'
    sets: { brand: Lorex, model: "$1" }
    weight: 0.9
    source: test
    examples: [{ value: "Login to ND123", sets: { brand: Lorex, model: "ND123" } }]
`,
  "device-model.yaml": `# test rules
field: device.model
rules:
  - id: dm.hikvision
    description: Hikvision model numbers
    pattern: '^((?:i?DS)-[0-9A-Z/()-]+)$'
    sets: { manufacturer: Hikvision, model: "$1" }
    weight: 0.8
    source: test
    examples: [{ value: "DS-K1T671M", sets: { manufacturer: Hikvision, model: "DS-K1T671M" } }]
`,
  "device-firmware.yaml": `# test rules
field: device.firmware
rules:
  - id: df.any
    description: firmware as written
    pattern: '^(.+)$'
    sets: { firmware: "$1" }
    weight: 0.9
    source: test
    examples: [{ value: "V5.4.0 build 160530", sets: { firmware: "V5.4.0 build 160530" } }]
`,
  "model.yaml": `# test rules
field: model
rules:
  - id: model.ds-k1t
    description: Hikvision face recognition terminals
    pattern: '^DS-K1T'
    sets: { deviceType: access-control, capabilities: [face-recognition] }
    weight: 0.5
    source: test
    examples: [{ value: "DS-K1T671M", sets: { deviceType: access-control, capabilities: [face-recognition] } }]
`,
};

function ruleDir(files: Record<string, string>, vocabulary = VOCABULARY): string {
  const dir = mkdtempSync(join(tmpdir(), "atalaya-rules-"));
  writeFileSync(join(dir, "vocabulary.yaml"), vocabulary);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function host(opts: { mac?: string; server?: string; ports?: number[]; realm?: string }): Host {
  const h = newHost({ file: "scan.xml", line: 3 });
  setAddress(h, "10.0.0.5");
  h.status = "up";
  h.mac = opts.mac ?? null;
  let line = 10;
  for (const p of opts.ports ?? [])
    h.services.push(newService(p, "tcp", "open", { file: "scan.xml", line: line++ }));
  if (opts.server) {
    const s = newService(80, "tcp", "open", { file: "scan.xml", line: 20 });
    s.http = { ...newHttp(), server: opts.server };
    h.services.push(s);
  }
  if (opts.realm) {
    const s = newService(554, "tcp", "open", { file: "scan.xml", line: 30 });
    s.name = "rtsp";
    s.rtsp = { server: null, realm: opts.realm, methods: [], headers: {} };
    h.services.push(s);
  }
  return h;
}

let fp: Fingerprinter;
let dir: string;
beforeAll(async () => {
  dir = ruleDir(RULES);
  fp = await loadFingerprinter(dir);
});

describe("identification", () => {
  it("names the maker with the evidence and sources that support it", () => {
    const id = fp.identify(host({ server: "App-webs/" }));
    expect(id.manufacturer).toBe("Hikvision");
    expect(id.deviceType).toBe("ip-camera");
    expect(id.coveredVendor).toBe(true);
    expect(id.confidence).toBe(0.8);
    expect(id.evidence).toEqual([
      {
        rule: "hs.app-webs",
        field: "http.server",
        value: "App-webs/",
        source: { file: "scan.xml", line: 20 },
      },
    ]);
  });

  it("raises confidence when independent evidence agrees", () => {
    const id = fp.identify(host({ server: "App-webs/", mac: "A4:14:37:01:02:03", ports: [8000] }));
    // noisy-OR: 1 - (1-0.8)(1-0.6)(1-0.2) = 0.936
    expect(id.confidence).toBe(0.936);
    expect(id.evidence.map((e) => e.rule)).toEqual(["hs.app-webs", "oui.hikvision", "port.8000"]);
  });

  it("lowers confidence when evidence conflicts, and keeps the rival's evidence", () => {
    const id = fp.identify(host({ server: "App-webs/", mac: "38:AF:29:00:00:01" }));
    // Hikvision 0.8 against Dahua 0.6: 0.8 × (1 - 0.6/2) = 0.56
    expect(id.manufacturer).toBe("Hikvision");
    expect(id.confidence).toBe(0.56);
    expect(id.evidence.map((e) => e.rule)).toEqual(["hs.app-webs", "oui.dahua"]);
  });

  it("does not name a maker from weak evidence alone", () => {
    const id = fp.identify(host({ ports: [8000] }));
    expect(id.manufacturer).toBeNull();
    expect(id.coveredVendor).toBe(false);
    expect(id.confidence).toBe(0.2);
    expect(id.evidence.map((e) => e.rule)).toEqual(["port.8000"]);
  });

  it("gives a relabelled device its maker and its brand, and the link between them", () => {
    const id = fp.identify(host({ realm: "Login to ND021811019863", mac: "38:AF:29:00:00:01" }));
    expect(id.manufacturer).toBe("Dahua");
    expect(id.brand).toBe("Lorex");
    expect(id.model).toBe("ND021811019863");
    // Brand evidence counts at weight × certainty: 1 - (1 - 0.9*0.5)(1 - 0.6) = 0.78
    expect(id.confidence).toBe(0.78);
    const link = id.evidence.find((e) => e.field === "brand")!;
    expect(link.value).toBe("Lorex: reported Dahua OEM (test)");
    // Line 7: the vocabulary text starts with a blank line.
    expect(link.source).toEqual({ file: join(dir, "vocabulary.yaml"), line: 7 });
  });

  it("reads model and firmware from device documents and what the model series implies", () => {
    const h = newHost({ file: "10.0.0.9-deviceInfo.xml", line: 2 });
    h.status = "up";
    const d = newDeviceInfo("hikvision-isapi", { file: "10.0.0.9-deviceInfo.xml", line: 2 });
    d.model = "DS-K1T671M";
    d.firmware = "V5.4.0";
    d.firmwareBuild = "build 160530";
    h.deviceInfo.push(d);
    const id = fp.identify(h);
    expect(id).toMatchObject({
      manufacturer: "Hikvision",
      model: "DS-K1T671M",
      firmware: "V5.4.0 build 160530",
      deviceType: "access-control",
      capabilities: ["face-recognition"],
    });
  });

  it("leaves a device with no evidence unidentified", () => {
    const id = fp.identify(host({ server: "nginx" }));
    expect(id).toEqual({
      manufacturer: null,
      brand: null,
      model: null,
      firmware: null,
      deviceType: null,
      coveredVendor: false,
      capabilities: [],
      confidence: 0,
      evidence: [],
    });
  });
});

describe("rule data checks", () => {
  it("reports each kind of problem at its file and line", async () => {
    const bad = ruleDir({
      "http-server.yaml": `# broken on purpose
field: http.server
rules:
  - id: broad
    description: too broad, listed first
    pattern: 'webs'
    flags: i
    sets: { manufacturer: Hikvision }
    weight: 0.5
    source: test
    examples: [{ value: "Hikvision-Webs", sets: { manufacturer: Hikvision } }]
  - id: narrow
    description: hidden by the broad rule
    pattern: '^DNVRS-Webs$'
    sets: { manufacturer: Hikvision, deviceType: nvr }
    weight: 0.8
    source: test
    examples:
      - { value: "DNVRS-Webs", sets: { manufacturer: Hikvision, deviceType: nvr } }
      - { value: "DVRDVS-Webs", sets: { manufacturer: Hikvision } }
    counterExamples: ["DNVRS-Webs"]
  - id: broad
    description: duplicate id, unknown maker, unused capture group
    pattern: '^(Foo)$'
    sets: { manufacturer: Acme }
    weight: 2
    source: test
    examples: [{ value: "Foo", sets: { manufacturer: Acme } }]
`,
    });
    const problems = verifyRuleSet(await loadRuleSet(bad)).map((p) => `${p.line}: ${p.message}`);
    // Lines counted in the YAML above: the broad rule starts at 4, the narrow one's examples
    // are at 19 and 20, its counter-examples at 21, the duplicate at 22 (pattern 24, weight 26).
    const file = join(bad, "http-server.yaml");
    expect(problems).toEqual([
      `19: narrow: example "DNVRS-Webs" is caught first by broad (${file}:4)`,
      `20: narrow: example "DVRDVS-Webs" does not match`,
      `21: narrow: counter-example "DNVRS-Webs" matches`,
      `22: broad: id already used at ${file}:4`,
      "22: broad: manufacturer Acme is not in the vocabulary",
      "24: broad: capture group 1 is not used; write (?:…) for grouping",
      "26: broad: weight must be in (0, 1]",
    ]);
  });

  it("refuses to audit with rule data that has problems", async () => {
    const bad = ruleDir({ "port.yaml": "field: port\nrules:\n  - id: x\n" });
    await expect(loadFingerprinter(bad)).rejects.toThrow(
      /rule data has \d+ problem\(s\), first .*port.yaml:3/,
    );
  });
});
