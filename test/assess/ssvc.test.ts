import { describe, expect, it } from "vitest";
import { decide, missionImpact } from "../../src/assess/ssvc.js";
import type { SsvcInputs } from "../../src/assess/ssvc.js";

const base: SsvcInputs = {
  exploitation: "none",
  automatable: false,
  technicalImpact: "partial",
  exposure: "controlled",
  biometric: false,
  covered: false,
  surveillance: false,
};

describe("CISA SSVC decisions", () => {
  // Rows read from CERTCC/SSVC data/json/decision_tables/cisa/cisa_coordinator_2_0_3.json.
  it.each([
    [{ exploitation: "none", automatable: false, technicalImpact: "total" }, "high", "Track*"],
    [{ exploitation: "none", automatable: true, technicalImpact: "partial" }, "high", "Attend"],
    [{ exploitation: "poc", automatable: false, technicalImpact: "total" }, "medium", "Track*"],
    [{ exploitation: "poc", automatable: true, technicalImpact: "total" }, "high", "Attend"],
    [{ exploitation: "active", automatable: false, technicalImpact: "total" }, "medium", "Attend"],
    [{ exploitation: "active", automatable: false, technicalImpact: "total" }, "high", "Act"],
    [{ exploitation: "active", automatable: true, technicalImpact: "partial" }, "low", "Attend"],
    [{ exploitation: "active", automatable: true, technicalImpact: "total" }, "medium", "Act"],
    [{ exploitation: "none", automatable: false, technicalImpact: "partial" }, "low", "Track"],
  ] as const)("%o with mission impact %s → %s", (points, mission, decision) => {
    // Mission impact from the device: low = not surveillance; medium = camera; high = camera of a covered vendor.
    const device =
      mission === "low"
        ? {}
        : mission === "medium"
          ? { surveillance: true }
          : { surveillance: true, covered: true };
    const got = decide({ ...base, ...points, ...device });
    expect(got.missionImpact).toBe(mission);
    expect(got.decision).toBe(decision);
  });

  it("raises mission impact for face data, covered vendors and Internet exposure, up to very high", () => {
    expect(missionImpact({ ...base, surveillance: true })).toBe("medium");
    expect(missionImpact({ ...base, surveillance: true, biometric: true })).toBe("high");
    expect(missionImpact({ ...base, surveillance: true, biometric: true, covered: true })).toBe(
      "very-high",
    );
    expect(
      missionImpact({
        ...base,
        surveillance: true,
        biometric: true,
        covered: true,
        exposure: "open",
      }),
    ).toBe("very-high");
  });
});
