import type { InputSummary } from "../model/report.js";

/** One line per input and one `file:line: message` line per problem, for stderr. */
export function formatSummary(inputs: readonly InputSummary[]): string {
  const out: string[] = [];
  for (const i of inputs) {
    const format = i.format ?? "unknown format";
    out.push(`${i.path}: ${format}, ${i.hosts} host record(s), ${i.hostsUp} up, ${i.status}`);
    for (const p of i.problems)
      out.push(`  ${i.path}${p.line > 0 ? `:${p.line}` : ""}: ${p.message}`);
  }
  return out.join("\n") + "\n";
}

export function hasInputProblems(inputs: readonly InputSummary[]): boolean {
  return inputs.some((i) => i.status !== "complete");
}
