/** Error codes atalaya raises; the CLI maps them to exit codes. */
export type ErrorCode =
  | "E_USAGE"
  | "E_INPUT_NOT_FOUND"
  | "E_INPUT_UNREADABLE"
  | "E_UNKNOWN_FORMAT"
  | "E_DAMAGED_INPUT"
  | "E_OUTPUT"
  | "E_RULES"
  | "E_FEED";

/** The one error class of atalaya: a string code, a message, and the cause when there is one. */
export class AtalayaError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "AtalayaError";
    this.code = code;
  }
}

/**
 * A parser met damage it cannot read past (truncation, broken syntax). Hosts it yielded before
 * stand; the input is marked partial at `line`.
 */
export class InputDamage extends AtalayaError {
  readonly line: number;

  constructor(line: number, message: string, options?: { cause?: unknown }) {
    super("E_DAMAGED_INPUT", message, options);
    this.name = "InputDamage";
    this.line = line;
  }
}
