import { relative } from "node:path";
import type { Argv, CommandModule } from "yargs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { loadAdvisories, verifyAdvisories } from "../assess/advisories.js";
import { parseChecks } from "../assess/data.js";
import {
  CHECKS_FILE,
  DEFAULT_FINGERPRINTS_DIR,
  EVIDENCE_FIELDS,
  loadRuleSet,
} from "../fingerprint/load.js";
import { RuleIndex } from "../fingerprint/match.js";
import type { EvidenceField, RuleProblem } from "../fingerprint/types.js";
import { verifyRuleSet } from "../fingerprint/verify.js";
import { EXIT } from "./exit-codes.js";

interface FingerprintsArgs {
  dir?: string;
  field?: EvidenceField;
  values?: string[];
}

/** Sets the exit code for `main` to return. */
type Done = (code: number) => void;

/** `atalaya fingerprints verify` and `atalaya fingerprints test`: the rule data's own tools. */
export function fingerprintsCommand(done: Done): CommandModule<object, FingerprintsArgs> {
  return {
    command: "fingerprints <action>",
    describe: "Check the fingerprint rule data, or try values against it",
    builder: (y: Argv<object>) =>
      y
        .option("dir", {
          describe: "Rule data folder (default: the bundled fingerprints/)",
          type: "string",
        })
        .command(
          "verify",
          "Check every rule file: schema, vocabulary, unique ids, examples, counter-examples, shadowing",
          (v) => v.example("$0 fingerprints verify", "prints file:line for each problem"),
          async (a) => done(await verify(a.dir)),
        )
        .command(
          "test <values..>",
          "Show which rules match values of one evidence field, and what they extract",
          (t) =>
            t
              .option("field", {
                describe: "Evidence field",
                choices: EVIDENCE_FIELDS,
                demandOption: true,
              })
              .positional("values", { type: "string", array: true, demandOption: true })
              .example("$0 fingerprints test --field http.server 'App-webs/'", "which rules match"),
          async (a) => done(await test(a.dir, a.field as EvidenceField, a.values as string[])),
        )
        .demandCommand(1, "Name an action: verify or test."),
    handler: () => {},
  } as unknown as CommandModule<object, FingerprintsArgs>;
}

async function verify(dir: string | undefined): Promise<number> {
  const root = dir ?? DEFAULT_FINGERPRINTS_DIR;
  const set = await loadRuleSet(root);
  const problems: RuleProblem[] = verifyRuleSet(set);
  // The assessment's data lives beside the rules and is checked the same way.
  const advisories = await loadAdvisories(join(root, "advisories"), problems);
  problems.push(...verifyAdvisories(advisories, new Set(set.vocabulary.manufacturers.keys())));
  const checksFile = join(root, CHECKS_FILE);
  parseChecks(await readFile(checksFile, "utf8"), checksFile, problems);
  for (const p of problems) process.stdout.write(`${shown(p.file)}:${p.line}: ${p.message}\n`);
  const rules = set.files.reduce((n, f) => n + f.rules.length, 0);
  const examples = set.files.reduce(
    (n, f) => n + f.rules.reduce((m, r) => m + r.examples.length, 0),
    0,
  );
  process.stderr.write(
    `${set.files.length} rule files, ${rules} rules, ${examples} examples; ${advisories.length} advisories, ` +
      `${advisories.reduce((n, a) => n + a.examples.length, 0)} advisory examples: ${problems.length} problem(s)\n`,
  );
  return problems.length > 0 ? EXIT.inputProblems : EXIT.ok;
}

async function test(
  dir: string | undefined,
  field: EvidenceField,
  values: string[],
): Promise<number> {
  const set = await loadRuleSet(dir);
  const index = new RuleIndex(set.files);
  let matched = 0;
  for (const value of values) {
    const all = index.matchAll(field, value);
    if (all.length === 0) process.stdout.write(`${JSON.stringify(value)}: no rule matches\n`);
    all.forEach((m, i) => {
      matched++;
      const note = i === 0 ? "" : " (shadowed: an earlier rule matches first)";
      process.stdout.write(
        `${JSON.stringify(value)}: ${m.rule.id} (${shown(m.rule.file)}:${m.rule.line}) weight ${m.rule.weight} → ${JSON.stringify(m.sets)}${note}\n`,
      );
    });
  }
  return matched > 0 ? EXIT.ok : EXIT.inputProblems;
}

/** Paths as the user would type them from here. */
function shown(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith("..") ? file : rel;
}
