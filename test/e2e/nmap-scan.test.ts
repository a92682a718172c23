import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingest } from "../../src/ingest/ingest.js";
import { HIKVISION_CAMERA, startDevice } from "../emulator/devices.js";
import type { RunningDevice } from "../emulator/devices.js";

const run = promisify(execFile);

async function nmapPath(): Promise<string | null> {
  try {
    await run("nmap", ["--version"]);
    return "nmap";
  } catch {
    return null;
  }
}

const nmap = await nmapPath();
if (!nmap) {
  console.warn("nmap is not installed: skipping the end-to-end scan test (CI installs it)");
}

describe.skipIf(!nmap)("real nmap scan of an emulated camera on loopback", () => {
  const address = "127.77.0.10";
  let device: RunningDevice;
  let xmlPath: string;

  beforeAll(async () => {
    device = await startDevice(address, HIKVISION_CAMERA);
    xmlPath = join(mkdtempSync(join(tmpdir(), "atalaya-nmap-")), "scan.xml");
    await run(
      "nmap",
      [
        "-Pn",
        "-n",
        "-sT",
        "-sV",
        "--version-intensity",
        "7",
        "--script",
        "http-title,http-server-header,http-headers,rtsp-methods",
        "-p",
        `${device.httpPort},${device.rtspPort}`,
        "-oX",
        xmlPath,
        address,
      ],
      { timeout: 120_000 },
    );
  }, 150_000);

  afterAll(async () => {
    await device?.close();
  });

  it("ingests what nmap wrote: the camera's ports, product, headers, title and RTSP methods", async () => {
    const { hosts, inputs } = await ingest([xmlPath]);
    expect(inputs[0]).toMatchObject({
      format: "nmap-xml",
      status: "complete",
      hosts: 1,
      hostsUp: 1,
    });
    const host = hosts[0]!;
    expect(host.address).toBe(address);
    const http = host.services.find((s) => s.port === device.httpPort)!;
    expect(http.state).toBe("open");
    // nmap-service-probes: `Server: App-webs/` after `Date:` → p/Hikvision IP camera httpd/ d/webcam/
    expect(http.product).toBe("Hikvision IP camera httpd");
    expect(http.deviceType).toBe("webcam");
    expect(http.http?.server).toBe("App-webs/");
    expect(http.http?.title).toBe("Document Error: Unauthorized");
    expect(http.http?.headers["content-type"]).toBe("text/html");
    const rtsp = host.services.find((s) => s.port === device.rtspPort)!;
    expect(rtsp.state).toBe("open");
    expect(rtsp.name).toBe("rtsp");
    expect(rtsp.rtsp?.methods).toEqual(HIKVISION_CAMERA.rtspPublic.split(", "));
  });
});
