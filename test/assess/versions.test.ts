import { describe, expect, it } from "vitest";
import { compareVersions, inRange, parseVersion } from "../../src/assess/versions.js";
import type { VersionScheme } from "../../src/assess/versions.js";

const v = (scheme: VersionScheme, s: string) => parseVersion(scheme, s)!;

describe("vendor version schemes", () => {
  it.each([
    ["hikvision", "V5.4.0 build 160530", [5, 4, 0], "2016-05-30"],
    ["hikvision", "V5.4.5 Build 160928", [5, 4, 5], "2016-09-28"],
    ["hikvision", "V5.7.23_241015", [5, 7, 23], "2024-10-15"],
    ["hikvision", "V2.3.8-8", [2, 3, 8, 8], null],
    ["hikvision", "4.1.0_b130111", [4, 1, 0], "2013-01-11"],
    ["hikvision", "V3.7.80", [3, 7, 80], null],
    ["dahua", "2.800.0000016.0.R, build: 2020-06-05", [2, 800, 16, 0], "2020-06-05"],
    ["dahua", "2.800.0000000.1.R\nbuild:2021-06-01", [2, 800, 0, 1], "2021-06-01"],
    ["dahua", "V2.400.0000.14.R.20170713", [2, 400, 0, 14], "2017-07-13"],
    ["huawei", "V100R001C10", [100, 1, 10, 0, 0], null],
    ["dotted", "8.71.0066", [8, 71, 66], null],
  ] as const)("%s %s", (scheme, text, parts, build) => {
    expect(parseVersion(scheme, text)).toEqual({ parts, build, raw: text });
  });

  it("compares numbers before build dates (exposures.md §2a ordering hazard)", () => {
    // V5.3.9 built in 2017 is an older firmware line than V5.4.0 built in 2016.
    expect(
      compareVersions(v("hikvision", "V5.3.9 build 170109"), v("hikvision", "V5.4.0 build 160530")),
    ).toBe(-1);
    expect(
      compareVersions(v("hikvision", "V5.4.0 build 160530"), v("hikvision", "V5.4.0 Build 160401")),
    ).toBe(1);
    expect(compareVersions(v("hikvision", "V5.4.0"), v("hikvision", "V5.4.0 build 160530"))).toBe(
      0,
    );
    expect(compareVersions(v("hikvision", "V2.3.8-8"), v("hikvision", "V2.3.8-6"))).toBe(1);
  });

  it("reads every range form the advisories use", () => {
    const hik = v("hikvision", "V5.4.0 build 160530");
    expect(
      inRange("hikvision", hik, { from: "V5.2.0 build 140721", to: "V5.4.0 build 160530" }),
    ).toBe(true);
    expect(
      inRange("hikvision", hik, { from: "V5.2.0 build 140721", to: "V5.4.0 build 160401" }),
    ).toBe(false);
    expect(inRange("hikvision", v("hikvision", "V3.7.80"), { below: "V3.7.80" })).toBe(false);
    expect(inRange("hikvision", v("hikvision", "V3.7.79"), { below: "V3.7.80" })).toBe(true);
    expect(inRange("hikvision", v("hikvision", "V5.7.23_241015"), { upTo: "V5.7.23_241015" })).toBe(
      true,
    );
    expect(inRange("hikvision", v("hikvision", "V5.7.23_241016"), { upTo: "V5.7.23_241015" })).toBe(
      false,
    );
    const dahua = v("dahua", "2.800.0000016.0.R, build: 2020-06-05");
    expect(inRange("dahua", dahua, { buildBefore: "2021-06" })).toBe(true);
    expect(inRange("dahua", dahua, { buildBefore: "2020-05" })).toBe(false);
    expect(
      inRange("dahua", v("dahua", "2.800.0000016.0.R, build: 2021-06-01"), {
        buildBefore: "2021-06",
      }),
    ).toBe(false);
    expect(inRange("dahua", dahua, { buildFrom: "2017-07", buildTo: "2021-07" })).toBe(true);
    expect(
      inRange("dahua", v("dahua", "2.800.0.0.R, build: 2021-07-31"), {
        buildFrom: "2017-07",
        buildTo: "2021-07",
      }),
    ).toBe(true);
    expect(
      inRange("dahua", v("dahua", "2.800.0.0.R, build: 2021-08-01"), {
        buildFrom: "2017-07",
        buildTo: "2021-07",
      }),
    ).toBe(false);
    // No build date to compare: unknown, which the caller reports as potentially affected.
    expect(
      inRange("dahua", v("dahua", "2.800.0000016.0.R"), { buildBefore: "2021-06" }),
    ).toBeNull();
  });
});
