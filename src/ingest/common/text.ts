import { AtalayaError } from "../../errors.js";

/** A line of text and its 1-based number, without the line terminator (LF or CRLF). */
export interface NumberedLine {
  text: string;
  line: number;
}

/** Splits streamed text into lines, LF or CRLF, the last one kept even without a terminator. */
export async function* lines(text: AsyncIterable<string>): AsyncGenerator<NumberedLine> {
  let rest = "";
  let line = 0;
  for await (const chunk of text) {
    const data = rest + chunk;
    let start = 0;
    let nl: number;
    while ((nl = data.indexOf("\n", start)) >= 0) {
      const end = nl > start && data.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      yield { text: data.slice(start, end), line: ++line };
      start = nl + 1;
    }
    rest = data.slice(start);
  }
  if (rest.length > 0) {
    yield { text: rest.endsWith("\r") ? rest.slice(0, -1) : rest, line: line + 1 };
  }
}

/** Whole-document formats (JSON API answers, device documents) are read up to this size. */
export const WHOLE_DOCUMENT_LIMIT = 256 * 1024 * 1024;

/** Reads all the text; whole-document formats only, so the size is capped. */
export async function readAll(
  text: AsyncIterable<string>,
  limit = WHOLE_DOCUMENT_LIMIT,
): Promise<string> {
  const parts: string[] = [];
  let size = 0;
  for await (const chunk of text) {
    size += chunk.length;
    if (size > limit) {
      throw new AtalayaError(
        "E_INPUT_UNREADABLE",
        `document is larger than ${limit} characters; export it as NDJSON (one record a line) instead`,
      );
    }
    parts.push(chunk);
  }
  return parts.join("");
}

/** 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  let i = -1;
  while ((i = text.indexOf("\n", i + 1)) >= 0 && i < offset) line++;
  return line;
}
