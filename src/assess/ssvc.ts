import type { Ssvc, SsvcDecision } from "../model/report.js";

/**
 * The CISA SSVC decision table (CISA Coordinator 2.0.3, as published in CERTCC/SSVC
 * data/json/decision_tables/cisa/cisa_coordinator_2_0_3.json): exploitation × automatable ×
 * technical impact × mission & well-being impact → Track, Track*, Attend, Act. Keys are
 * `E/A/TI` and the three letters give the decision for mission impact low, medium, high.
 */
const TABLE: Record<string, [SsvcDecision, SsvcDecision, SsvcDecision]> = {
  "none/no/partial": ["Track", "Track", "Track"],
  "none/no/total": ["Track", "Track", "Track*"],
  "none/yes/partial": ["Track", "Track", "Attend"],
  "none/yes/total": ["Track", "Track", "Attend"],
  "poc/no/partial": ["Track", "Track", "Track*"],
  "poc/no/total": ["Track", "Track*", "Attend"],
  "poc/yes/partial": ["Track", "Track", "Attend"],
  "poc/yes/total": ["Track", "Track*", "Attend"],
  "active/no/partial": ["Track", "Track", "Attend"],
  "active/no/total": ["Track", "Attend", "Act"],
  "active/yes/partial": ["Attend", "Attend", "Act"],
  "active/yes/total": ["Attend", "Act", "Act"],
};

const LEVELS = ["low", "medium", "high", "very-high"] as const;
type Level = (typeof LEVELS)[number];

export interface SsvcInputs {
  exploitation: Ssvc["exploitation"];
  automatable: boolean;
  technicalImpact: Ssvc["technicalImpact"];
  exposure: Ssvc["exposure"];
  /** Surveillance equipment starts at medium; biometric capability and covered vendor raise it. */
  biometric: boolean;
  covered: boolean;
  surveillance: boolean;
}

/**
 * Mission & well-being impact for a device: medium for surveillance equipment (low otherwise),
 * one step up for biometric capability, one for a covered vendor, one when the device is
 * reachable from the Internet (the table has no exposure point of its own).
 */
export function missionImpact(i: SsvcInputs): Level {
  let level = i.surveillance ? 1 : 0;
  if (i.biometric) level++;
  if (i.covered) level++;
  if (i.exposure === "open") level++;
  return LEVELS[Math.min(level, 3)]!;
}

/** The decision and the points that led to it. */
export function decide(i: SsvcInputs): Ssvc {
  const mission = missionImpact(i);
  const row = TABLE[`${i.exploitation}/${i.automatable ? "yes" : "no"}/${i.technicalImpact}`]!;
  // The table stops at high; very high decides as high.
  const decision = row[Math.min(LEVELS.indexOf(mission), 2)]!;
  return {
    decision,
    exploitation: i.exploitation,
    automatable: i.automatable,
    technicalImpact: i.technicalImpact,
    exposure: i.exposure,
    missionImpact: mission,
  };
}

const DECISION_BASE: Record<SsvcDecision, number> = {
  Track: 100,
  "Track*": 200,
  Attend: 300,
  Act: 400,
};

/**
 * A number for sorting: the SSVC decision dominates; within one decision, CVSS, EPSS, KEV and
 * biometric capability order the findings; a version not confirmed weighs less.
 */
export function priorityScore(p: {
  decision: SsvcDecision | null;
  severityRank: number;
  cvss: number | null;
  epss: number | null;
  kev: boolean;
  biometric: boolean;
  confirmed: boolean;
}): number {
  const base = p.decision ? DECISION_BASE[p.decision] : 50 + p.severityRank * 25;
  const score =
    base + (p.cvss ?? 0) * 5 + (p.epss ?? 0) * 40 + (p.kev ? 40 : 0) + (p.biometric ? 20 : 0);
  return Math.round(score * (p.confirmed ? 1 : 0.75));
}
