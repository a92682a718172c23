import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { audit } from "../src/audit.js";
import { fixturesDir } from "./helpers.js";

/** What the demo network holds, written with it (fixtures/demo/README.md), not read from rules. */
const expected = JSON.parse(
  readFileSync(join(fixturesDir, "demo", "city-cameras.expected.json"), "utf8"),
) as {
  hostsUp: number;
  openPorts: number;
  hosts: Record<
    string,
    { status: string; openPorts: number[]; maker: string | null; brand: string | null }
  >;
};

describe("audit of the bundled demo network", () => {
  it("lists every device that is up, its open ports, maker and brand", async () => {
    const doc = await audit([join(fixturesDir, "demo", "city-cameras.nmap.xml")], {
      now: new Date("2026-11-26T00:00:00Z"),
    });
    expect(doc.generatedAt).toBe("2026-11-26T00:00:00.000Z");
    expect(doc.assets).toHaveLength(expected.hostsUp);
    expect(doc.assets.reduce((n, a) => n + a.ports.length, 0)).toBe(expected.openPorts);
    const got = Object.fromEntries(
      doc.assets.map((a) => [
        a.ip,
        {
          ports: a.ports.map((p) => p.port),
          maker: a.identification.manufacturer,
          brand: a.identification.brand,
        },
      ]),
    );
    const want = Object.fromEntries(
      Object.entries(expected.hosts)
        .filter(([, h]) => h.status === "up")
        .map(([ip, h]) => [ip, { ports: h.openPorts, maker: h.maker, brand: h.brand }]),
    );
    expect(got).toEqual(want);
  });
});
