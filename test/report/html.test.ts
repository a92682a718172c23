import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderHtml } from "../../src/report/html.js";
import { TEMPLATES_DIR } from "../../src/report/templates.js";
import { jsonIsland } from "../../src/report/view.js";
import { HOSTILE, emptyDocument, fullDocument, fullOptions } from "./helpers.js";

const html = renderHtml(fullDocument(), fullOptions("en"));

describe("HTML report, as text", () => {
  it("forbids every network request in its Content-Security-Policy", () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/
      .exec(html)![1]!
      .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)));
    expect(csp).toMatch(/^default-src 'none'; /);
    expect(csp).toContain("img-src data:");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    // Every executable inline script and the style are allowed by their hash, nothing else.
    const hash = (s: string): string =>
      `'sha256-${createHash("sha256").update(s, "utf8").digest("base64")}'`;
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(2);
    for (const s of scripts) expect(csp).toContain(hash(s));
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    expect(csp).toContain(`style-src ${hash(style)}`);
  });

  it("references nothing outside the file", () => {
    expect(html).not.toMatch(/(src|href)="(?!#|data:image\/)/);
    expect(html).not.toMatch(/@import|url\(/);
    expect(html).not.toMatch(/<link\b/);
  });

  it("shows hostile device strings only escaped", () => {
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain('onmouseover="alert');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain("Municipalidad de San Isidro &lt;Dirección TIC&gt;");
    expect(html).toContain("javascript:alert(3)");
    expect(html).toContain("&#x3D;HYPERLINK(&quot;http://x&quot;)");
    // Only the page's own three <script> elements, whatever the devices said.
    expect(html.match(/<script\b/g)).toHaveLength(3);
    expect(html.match(/<\/script>/g)).toHaveLength(3);
  });

  it("keeps the JSON island inert and exact", () => {
    const raw = /<script type="application\/json" id="atalaya-devices">([\s\S]*?)<\/script>/.exec(
      html,
    )![1]!;
    expect(raw).not.toMatch(/<|\u2028|\u2029/);
    const data = JSON.parse(raw) as { s: string[] };
    for (const h of HOSTILE) expect(data.s).toContain(h);
    expect(data.s).toContain("line one\u2028line two\u2029end");
    expect(jsonIsland({ a: "</script><!--\u2028" })).toBe(
      '{"a":"\\u003c/script>\\u003c!--\\u2028"}',
    );
  });

  it("triple-stashes only atalaya's own CSS, script, policy mark and the escaped island", () => {
    const allowed = new Set(["css", "script", "markScript", "devices.island"]);
    const files = [
      join(TEMPLATES_DIR, "report.hbs"),
      ...readdirSync(join(TEMPLATES_DIR, "partials")).map((f) =>
        join(TEMPLATES_DIR, "partials", f),
      ),
    ];
    for (const f of files) {
      for (const m of readFileSync(f, "utf8").matchAll(/\{\{\{\s*([^}\s]+)\s*\}\}\}/g)) {
        expect(allowed, `${f}: {{{${m[1]}}}}`).toContain(m[1]);
      }
    }
  });

  it("says plainly what an empty report lacks", () => {
    const empty = renderHtml(emptyDocument(), {});
    expect(empty).toContain("No device is in this report");
    expect(empty).toContain("No exposure assessment was made");
    expect(empty).toContain("atalaya keeps no inventory of past audits yet");
    expect(empty).toContain("No vulnerability feed was used");
  });

  it("refuses a logo that is not an image data URI", () => {
    expect(() => renderHtml(emptyDocument(), { logo: "javascript:alert(1)" })).toThrow(/logo/);
    expect(() =>
      renderHtml(emptyDocument(), { logo: "data:text/html;base64,PHNjcmlwdD4=" }),
    ).toThrow(/logo/);
  });
});
