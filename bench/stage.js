// One benchmark stage in its own process, so each peak RSS is that stage's alone.
// Usage: node bench/stage.js tokenize|ingest|read FILE  → prints one JSON line.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { SaxesParser } from "saxes";
import { ingestStream, loadFingerprinter } from "../dist/index.js";

const [stage, file] = process.argv.slice(2);
const bytes = (await stat(file)).size;
const started = process.hrtime.bigint();
let hosts = 0;
let openPorts = 0;

if (stage === "read") {
  // Reading and decoding only: the floor under both other stages.
  const decoder = new TextDecoder();
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 16 })) {
    decoder.decode(chunk, { stream: true });
  }
} else if (stage === "tokenize") {
  // saxes as ingest configures it, with the least a caller can do: count host elements.
  const parser = new SaxesParser({ xmlns: false, position: true });
  parser.on("opentag", (tag) => {
    if (tag.name === "host") hosts++;
  });
  const decoder = new TextDecoder();
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 16 })) {
    parser.write(decoder.decode(chunk, { stream: true }));
  }
  parser.close();
} else if (stage === "ingest") {
  const it = ingestStream([file]);
  for (;;) {
    const next = await it.next();
    if (next.done) {
      if (next.value[0]?.status !== "complete") throw new Error(JSON.stringify(next.value[0]));
      break;
    }
    hosts++;
    for (const s of next.value.services) if (s.state === "open") openPorts++;
  }
} else if (stage === "fingerprint") {
  // Ingest feeds the hosts; only the time spent identifying them is counted.
  const fp = await loadFingerprinter();
  let identifyNs = 0n;
  let named = 0;
  for await (const host of ingestStream([file])) {
    const t = process.hrtime.bigint();
    if (fp.identify(host).manufacturer) named++;
    identifyNs += process.hrtime.bigint() - t;
    hosts++;
  }
  const seconds = Number(identifyNs) / 1e9;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ stage, bytes, seconds, hosts, named, peakRssMb }) + "\n");
  process.exit(0);
} else {
  throw new Error(`unknown stage ${stage}`);
}

const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const peakRssMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(JSON.stringify({ stage, bytes, seconds, hosts, openPorts, peakRssMb }) + "\n");
