/** Exit codes of the atalaya command; documented in the README. */
export const EXIT = {
  /** Done; every input was read completely. */
  ok: 0,
  /** An unexpected internal error. */
  internal: 1,
  /** Bad usage: unknown option or value, missing argument. */
  usage: 2,
  /** Done and the output written, but at least one input was partial or could not be read. */
  inputProblems: 3,
  /** Done and the output written, and a finding reached the `--fail-on` severity. */
  findings: 4,
  /** The output could not be written. */
  output: 5,
  /** `feeds update` failed (download, validation); the installed snapshot was kept. */
  feed: 6,
  /** The rule or advisory data has problems (`atalaya fingerprints verify` lists them). */
  rules: 7,
} as const;
