import type { Argv, CommandModule } from "yargs";
import { defaultFeedsDir, updateFeeds } from "../assess/feeds.js";
import { EXIT } from "./exit-codes.js";

interface FeedsArgs {
  from?: string;
  "feeds-dir"?: string;
  "kev-url"?: string;
  "epss-url"?: string;
}

/** `atalaya feeds update`: install current KEV and EPSS copies, from the Internet or a folder. */
export function feedsCommand(done: (code: number) => void): CommandModule<object, FeedsArgs> {
  return {
    command: "feeds <action>",
    describe: "Update the CISA KEV and FIRST EPSS snapshots the audit uses",
    builder: (y: Argv<object>) =>
      y.command(
        "update",
        "Download (or import with --from) both feeds, validate them, and swap them in atomically",
        (u) =>
          u
            .option("from", {
              describe:
                "Folder holding known_exploited_vulnerabilities.json and epss_scores-current.csv.gz (no Internet needed)",
              type: "string",
            })
            .option("feeds-dir", {
              describe: `Where to install them (default ${defaultFeedsDir()})`,
              type: "string",
            })
            .option("kev-url", { describe: "KEV catalog address", type: "string" })
            .option("epss-url", { describe: "EPSS file address", type: "string" })
            .example("$0 feeds update", "download from CISA and FIRST")
            .example("$0 feeds update --from /media/usb/feeds", "import on an offline network"),
        async (a) => {
          const r = await updateFeeds({
            ...(a.from ? { from: a.from } : {}),
            ...(a["feeds-dir"] ? { feedsDir: a["feeds-dir"] } : {}),
            ...(a["kev-url"] ? { kevUrl: a["kev-url"] } : {}),
            ...(a["epss-url"] ? { epssUrl: a["epss-url"] } : {}),
          });
          process.stderr.write(
            `KEV ${r.kevDate} (${r.kevEntries} entries) and EPSS ${r.epssDate} (${r.epssEntries} scores) installed in ${r.feedsDir}\n`,
          );
          done(EXIT.ok);
        },
      ),
    handler: () => {},
  } as unknown as CommandModule<object, FeedsArgs>;
}
