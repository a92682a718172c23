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
  /** The output could not be written. */
  output: 5,
} as const;
