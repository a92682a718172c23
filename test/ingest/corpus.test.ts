import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ingest } from "../../src/ingest/ingest.js";
import type { InputFormat } from "../../src/model/host.js";
import { corpusDir } from "../helpers.js";

/**
 * Every corpus file, the format it must be detected as and its host records. Counts come from
 * outside the parsers: nmap from test/ingest/nmap_corpus_counts.py, the others from python3
 * json/ElementTree and grep, as each format's test file notes beside its detailed checks.
 */
const EXPECTED: Record<string, { format: InputFormat; hosts: number; status?: string }> = {
  "censys/EXTRACTED_Kylansito_censys_v2_host_view_8.8.8.8.json": { format: "censys", hosts: 1 },
  "censys/EXTRACTED_Kylansito_censys_v2_search_hit_23.4.189.49.json": {
    format: "censys",
    hosts: 1,
  },
  "dahua/EXTRACTED_rroller-dahua_getSoftwareVersion_2.800.txt": {
    format: "dahua-magicbox",
    hosts: 1,
  },
  "dahua/EXTRACTED_rroller-dahua_getSystemInfo_IPC-HDW5831R-ZE.txt": {
    format: "dahua-magicbox",
    hosts: 1,
  },
  "dahua/EXTRACTED_scrypted-amcrest_getSystemInfo_IP4M-1041B_redacted.txt": {
    format: "dahua-magicbox",
    hosts: 1,
  },
  "hikvision/hikvision_next_ISAPI_deviceInfo_ipc1_DS-2CD2386G2-IU.xml": {
    format: "hikvision-isapi",
    hosts: 1,
  },
  "hikvision/hikvision_next_device_dump_DS-2SE4C425MWG-E-26.json": {
    format: "hikvision-isapi",
    hosts: 1,
  },
  "hikvision/hikvision_next_device_dump_DS-2TD1228-2-QA.json": {
    format: "hikvision-isapi",
    hosts: 1,
  },
  "hikvision/hikvision_next_device_dump_DS-7608NXI-I2.json": {
    format: "hikvision-isapi",
    hosts: 1,
  },
  "hikvision/hikvision_next_device_dump_DS-7732NI-M4.json": { format: "hikvision-isapi", hosts: 1 },
  "hikvision/hikvision_next_device_dump_iDS-7208HQHI-M1.json": {
    format: "hikvision-isapi",
    hosts: 1,
  },
  "hikvision/smartclockbackup_device_info_ResponseStatus_invalidOperation.xml": {
    format: "hikvision-isapi",
    hosts: 0,
  },
  "masscan/ODD_ParseScript_masscan_console_stdout_Discovered_lines.txt": {
    format: "masscan-console",
    hosts: 1,
  },
  "masscan/Sigilo_masscan_oL_list_1host_ts0.txt": { format: "masscan-list", hosts: 1 },
  "masscan/defectdojo_masscan_empty_oJ.json": { format: "empty", hosts: 0 },
  "masscan/defectdojo_masscan_many_oJ.json": { format: "masscan-json", hosts: 1 },
  "masscan/defectdojo_masscan_one_oJ.json": { format: "masscan-json", hosts: 1 },
  "masscan/ivre_masscan_T22_ssh_banners_101hosts.xml": { format: "masscan-xml", hosts: 101 },
  "masscan/ivre_masscan_T443_tls_certs_48hosts.xml": { format: "masscan-xml", hosts: 48 },
  "masscan/ivre_masscan_ntlm_smb_10hosts.xml": { format: "masscan-xml", hosts: 5 },
  "nmap/FP_SiteScanner_win_sV_O_allports_vulners_HUAWEI-EULEROS_mentions_nmap7.91.xml": {
    format: "nmap-xml",
    hosts: 3,
  },
  "nmap/ODD_py-presence_error_exit_no_hosts_no_xmldecl.xml": { format: "nmap-xml", hosts: 0 },
  "nmap/defectdojo_issue12411_Pn_iL_nmap7.95.xml": { format: "nmap-xml", hosts: 2 },
  "nmap/defectdojo_issue4406_vulners_allports_nmap7.91.xml": { format: "nmap-xml", hosts: 1 },
  "nmap/defectdojo_nmap_0port_nmap6.40.xml": { format: "nmap-xml", hosts: 1 },
  "nmap/ivre_nmap_ntlm_all_scripts.xml": { format: "nmap-xml", hosts: 11 },
  "nmap/libnmap_1_host_ping_sn_mac.xml": { format: "nmap-xml", hosts: 1 },
  "nmap/libnmap_1_os_banner_scripts_nmap5.51.xml": { format: "nmap-xml", hosts: 1 },
  "nmap/libnmap_dionaea_sV_O_scripts_traceroute_nmap7.91.xml": { format: "nmap-xml", hosts: 1 },
  "nmap/libnmap_full_sudo6_A_192.168.1.0-24.xml": { format: "nmap-xml", hosts: 256 },
  "nmap/libnmap_os_scan6_O_256hosts.xml": { format: "nmap-xml", hosts: 256 },
  "nmap/nmap_ndiff_complex_sS_sU_scripts_nmap4.90.xml": { format: "nmap-xml", hosts: 1 },
  "nmap/nmap_ndiff_random-1_55hosts_sV_O_nmap4.85.xml": { format: "nmap-xml", hosts: 55 },
  "nmap/nmap_zenmap_output-error_invalid-utf8_nmap4.22.xml": { format: "nmap-xml", hosts: 1 },
  "nmap/nmap_zenmap_radialnet_example_A_8hosts_nmap4.53.xml": { format: "nmap-xml", hosts: 8 },
  "nmap/nmapoutputbrowser_china1_rtsp554_7070_only_table_nmap7.60.xml": {
    format: "nmap-xml",
    hosts: 8,
  },
  "onvif/onvif-go_bosch_flexidome5100i_GetDeviceInformationResponse_raw.xml": {
    format: "onvif",
    hosts: 1,
  },
  "onvif/onvif-go_bosch_flexidome5100i_GetDeviceInformationResponse_reserialized.xml": {
    format: "onvif",
    hosts: 1,
  },
  "shodan/DevCyberNico_shodan_host_api_8.8.8.8_2023.json": { format: "shodan", hosts: 1 },
  "shodan/go-shodan_stub_search_3_banners_nul-bytes_2017.json": { format: "shodan", hosts: 3 },
};

function corpusFiles(dir = corpusDir, prefix = ""): string[] {
  return readdirSync(dir)
    .filter((name) => name !== "SOURCES.md")
    .flatMap((name) =>
      statSync(join(dir, name)).isDirectory()
        ? corpusFiles(join(dir, name), `${prefix}${name}/`)
        : [`${prefix}${name}`],
    )
    .sort();
}

describe("the whole shared corpus", () => {
  it("has an expectation for every file, so a new file cannot go untested", () => {
    expect(corpusFiles()).toEqual(Object.keys(EXPECTED).sort());
  });

  it("detects every file's format from its content and reads it completely", async () => {
    const files = Object.keys(EXPECTED);
    const { inputs } = await ingest(files.map((f) => join(corpusDir, f)));
    const got = Object.fromEntries(
      inputs.map((i, n) => [files[n]!, { format: i.format, hosts: i.hosts, status: i.status }]),
    );
    const want = Object.fromEntries(
      Object.entries(EXPECTED).map(([f, e]) => [
        f,
        { format: e.format, hosts: e.hosts, status: e.status ?? "complete" },
      ]),
    );
    expect(got).toEqual(want);
  });
});
