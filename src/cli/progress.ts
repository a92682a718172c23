import { stat } from "node:fs/promises";
import cliProgress from "cli-progress";
import type { IngestProgress } from "../ingest/ingest.js";

/** Inputs smaller than this finish before a bar would be worth drawing. */
const MIN_BYTES = 16 * 1024 * 1024;

export interface Progress {
  update(p: IngestProgress): void;
  stop(): void;
}

/**
 * A progress bar on stderr over all inputs' bytes, shown only when stderr is a terminal and
 * the inputs are large; otherwise a no-op, so pipes and logs stay clean.
 */
export async function progressFor(
  files: readonly string[],
  stream: NodeJS.WriteStream,
): Promise<Progress | undefined> {
  if (!stream.isTTY) return undefined;
  const sizes = await Promise.all(
    files.map((f) =>
      stat(f).then(
        (s) => s.size,
        () => 0,
      ),
    ),
  );
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total < MIN_BYTES) return undefined;
  const offsets = sizes.map((_, i) => sizes.slice(0, i).reduce((a, b) => a + b, 0));
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: " {bar} {percentage}% | {mb}/{totalMb} MiB | {hosts} hosts | {file}",
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const mb = (n: number): string => (n / 1048576).toFixed(0);
  let hosts = 0;
  let lastFile = "";
  let hostsBefore = 0;
  bar.start(total, 0, { mb: "0", totalMb: mb(total), hosts: 0, file: "" });
  return {
    update(p) {
      if (p.file !== lastFile) {
        hostsBefore = hosts;
        lastFile = p.file;
      }
      hosts = hostsBefore + p.hosts;
      const done = (offsets[p.index] ?? 0) + p.bytesRead;
      bar.update(done, { mb: mb(done), hosts, file: p.file });
    },
    stop() {
      bar.stop();
    },
  };
}
