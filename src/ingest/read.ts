import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { Transform } from "node:stream";
import type { TransformCallback } from "node:stream";
import { createGunzip } from "node:zlib";
import { AtalayaError } from "../errors.js";

/** How much decoded text format detection looks at. */
export const HEAD_SIZE = 64 * 1024;
// Small chunks keep peak memory low: the collector frees many small strings sooner than few large ones.
const CHUNK_SIZE = 64 * 1024;

/** A problem met while reading bytes, before any parser saw them. */
export interface ReadProblem {
  line: number;
  message: string;
}

/**
 * An input file opened for streaming: gzip removed, bytes decoded (UTF-8, or UTF-16 when a
 * byte-order mark says so; invalid sequences replaced and reported), the first 64 KiB of text
 * available for format detection before the parser starts.
 */
export interface OpenedInput {
  readonly path: string;
  readonly size: number;
  readonly gzip: boolean;
  readonly head: string;
  readonly text: AsyncIterable<string>;
  readonly problems: ReadProblem[];
  /** Raw bytes read so far (compressed bytes for gzip), for progress. */
  bytesRead(): number;
  /** SHA-256 of the raw file; reads what the parser left unread. */
  sha256(): Promise<string>;
}

/** Expands directories (recursively, sorted, hidden entries skipped) into the files they hold. */
export async function expandInputs(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = await stat(p);
    } catch {
      out.push(p); // reported as unreadable when opened, beside the inputs that do exist
      continue;
    }
    if (st.isDirectory()) {
      const entries = (await readdir(p)).filter((e) => !e.startsWith(".")).sort();
      out.push(...(await expandInputs(entries.map((e) => join(p, e)))));
    } else {
      out.push(p);
    }
  }
  return out;
}

/** Opens a file for ingest. Throws `AtalayaError` when it cannot be read at all. */
export async function openInput(path: string): Promise<OpenedInput> {
  let size: number;
  let magic: Buffer;
  try {
    const st = await stat(path);
    if (!st.isFile()) throw new Error("not a regular file");
    size = st.size;
    const fh = await open(path, "r");
    try {
      magic = Buffer.alloc(4);
      const { bytesRead } = await fh.read(magic, 0, 4, 0);
      magic = magic.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  } catch (err) {
    const reason =
      (err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (err as Error).message;
    throw new AtalayaError("E_INPUT_NOT_FOUND", `${path}: cannot read: ${reason}`, { cause: err });
  }

  const gzip = magic[0] === 0x1f && magic[1] === 0x8b;
  const hash = createHash("sha256");
  let read = 0;
  let hashedAll = false;
  const raw = createReadStream(path, { highWaterMark: CHUNK_SIZE });
  const hasher = new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
      read += chunk.length;
      hash.update(chunk);
      cb(null, chunk);
    },
    flush(cb: TransformCallback): void {
      hashedAll = true;
      cb();
    },
  });
  raw.on("error", (err) => hasher.destroy(err));
  let bytes: NodeJS.ReadableStream = raw.pipe(hasher);
  if (gzip) {
    const gunzip = createGunzip();
    hasher.on("error", (err) => gunzip.destroy(err));
    bytes = hasher.pipe(gunzip);
  }

  const problems: ReadProblem[] = [];
  const decoded = decode(bytes as AsyncIterable<Buffer>, magic, problems, gzip);
  const headChunks: string[] = [];
  let headLength = 0;
  let exhausted = true;
  for (;;) {
    const next = await decoded.next();
    if (next.done) break;
    headChunks.push(next.value);
    headLength += next.value.length;
    if (headLength >= HEAD_SIZE) {
      exhausted = false;
      break;
    }
  }
  const head = headChunks.join("").slice(0, HEAD_SIZE);

  async function* text(): AsyncGenerator<string> {
    yield* headChunks.splice(0);
    if (exhausted) return;
    for (;;) {
      const next = await decoded.next();
      if (next.done) return;
      yield next.value;
    }
  }

  return {
    path,
    size,
    gzip,
    head,
    text: text(),
    problems,
    bytesRead: () => read,
    async sha256(): Promise<string> {
      if (!hashedAll) {
        raw.destroy();
        return hashFile(path);
      }
      return hash.digest("hex");
    },
  };
}

async function hashFile(path: string): Promise<string> {
  const h = createHash("sha256");
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_SIZE })) {
    h.update(chunk as Buffer);
  }
  return h.digest("hex");
}

/**
 * Decodes bytes to text. Invalid UTF-8 becomes U+FFFD and is reported once with the line of
 * its first occurrence; a genuine U+FFFD in the file (EF BF BD) is not counted as damage.
 */
async function* decode(
  bytes: AsyncIterable<Buffer>,
  magic: Buffer,
  problems: ReadProblem[],
  gzip: boolean,
): AsyncGenerator<string> {
  let encoding = "utf-8";
  if (!gzip && magic[0] === 0xff && magic[1] === 0xfe) encoding = "utf-16le";
  if (!gzip && magic[0] === 0xfe && magic[1] === 0xff) encoding = "utf-16be";
  const decoder = new TextDecoder(encoding, { fatal: false });
  let line = 1;
  let invalid = 0;
  let firstInvalidLine = 0;
  try {
    for await (const buf of bytes) {
      const text = decoder.decode(buf, { stream: true });
      if (encoding === "utf-8" && text.includes("\uFFFD")) {
        const bad = count(text, "\uFFFD") - countBytes(buf);
        if (bad > 0) {
          invalid += bad;
          if (!firstInvalidLine)
            firstInvalidLine = line + count(text.slice(0, text.indexOf("\uFFFD")), "\n");
        }
      }
      line += count(text, "\n");
      if (text) yield text;
    }
  } catch (err) {
    throw new AtalayaError("E_INPUT_UNREADABLE", `cannot read: ${(err as Error).message}`, {
      cause: err,
    });
  }
  const tail = decoder.decode();
  if (tail) yield tail;
  if (invalid > 0) {
    problems.push({
      line: firstInvalidLine,
      message: `invalid UTF-8: ${invalid} byte sequence(s) replaced by U+FFFD`,
    });
  }
}

function count(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i >= 0; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

/** Occurrences of EF BF BD (a real U+FFFD) in raw bytes. */
function countBytes(buf: Buffer): number {
  let n = 0;
  for (let i = buf.indexOf(0xef); i >= 0 && i + 2 < buf.length; i = buf.indexOf(0xef, i + 1)) {
    if (buf[i + 1] === 0xbf && buf[i + 2] === 0xbd) n++;
  }
  return n;
}
