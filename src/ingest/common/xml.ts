import { SaxesParser } from "saxes";
import { InputDamage } from "../../errors.js";

/** A small element tree, namespace prefixes removed: enough for device documents and one nmap host. */
export interface XmlNode {
  /** Local name: `tds:Manufacturer` → `Manufacturer`. */
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  /** Concatenated character data directly inside this element. */
  text: string;
  /** Line of the start tag, 1-based. */
  line: number;
}

export interface XmlStreamHandlers {
  /**
   * Called for every start tag outside a collected subtree. Return true to collect the element
   * and its descendants into an `XmlNode`, delivered to `onNode` when it closes.
   */
  onOpen(name: string, attrs: Record<string, string>, depth: number, line: number): boolean;
  onNode(node: XmlNode): void;
  /** The text of a `<!DOCTYPE …>` declaration. */
  onDoctype?(text: string, line: number): void;
  /** A problem that does not stop the parse. */
  onProblem?(line: number, message: string): void;
}

/** Control characters XML 1.0 forbids, which scanners copy from banners into their output. */
// eslint-disable-next-line no-control-regex -- these are exactly the characters to find
const FORBIDDEN = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;
const FORBIDDEN_ALL = new RegExp(FORBIDDEN.source, "g");

function localName(qname: string): string {
  const colon = qname.indexOf(":");
  return colon < 0 ? qname : qname.slice(colon + 1);
}

/**
 * Streams XML through saxes without namespace processing (device documents bind prefixes in
 * odd ways) and without ever expanding or fetching entities: saxes reads no DTD content, so a
 * reference to a declared entity is an error, reported as damage at its line.
 *
 * Push-style so that a generator can hand over what each chunk completed: `write()` chunks,
 * then `end()`, which returns the first damage met (or null). After damage, `write()` ignores
 * further input: saxes state after an error is not reliable.
 */
export class XmlStream {
  private readonly parser = new SaxesParser({ xmlns: false, position: true });
  private failure: InputDamage | null = null;
  private depth = 0;
  private readonly stack: XmlNode[] = [];
  private sawRoot = false;
  private forbidden = 0;
  private forbiddenLine = 0;

  constructor(private readonly handlers: XmlStreamHandlers) {
    const { parser, stack } = this;
    parser.on("error", (err) => {
      this.failure ??= new InputDamage(parser.line, cleanSaxesMessage(err.message));
    });
    parser.on("doctype", (doctype) => handlers.onDoctype?.(doctype, parser.line));
    // saxes goes on after an error within the same chunk; nothing after damage is trusted.
    parser.on("opentag", (tag) => {
      if (this.failure) return;
      const depth = ++this.depth;
      this.sawRoot = true;
      const name = localName(tag.name);
      const attrs = tag.attributes as Record<string, string>;
      if (stack.length > 0) {
        const node: XmlNode = { name, attrs, children: [], text: "", line: parser.line };
        stack[stack.length - 1]!.children.push(node);
        stack.push(node);
      } else if (handlers.onOpen(name, attrs, depth, parser.line)) {
        stack.push({ name, attrs, children: [], text: "", line: parser.line });
      }
    });
    const onText = (t: string): void => {
      if (stack.length > 0) stack[stack.length - 1]!.text += t;
    };
    parser.on("text", onText);
    parser.on("cdata", onText);
    parser.on("closetag", () => {
      if (this.failure) return;
      this.depth--;
      if (stack.length > 0) {
        const node = stack.pop()!;
        if (stack.length === 0) handlers.onNode(node);
      }
    });
  }

  get failed(): boolean {
    return this.failure !== null;
  }

  /** Line the parser has reached. */
  get line(): number {
    return this.parser.line;
  }

  /**
   * Feeds a chunk. Forbidden control characters become U+FFFD and are reported once at the end,
   * rather than losing the host whose banner carried them.
   */
  write(chunk: string): void {
    if (this.failure) return;
    if (FORBIDDEN.test(chunk)) {
      const at = chunk.search(FORBIDDEN);
      if (!this.forbiddenLine) {
        this.forbiddenLine = this.parser.line + (chunk.slice(0, at).match(/\n/g)?.length ?? 0);
      }
      chunk = chunk.replace(FORBIDDEN_ALL, () => {
        this.forbidden++;
        return "\uFFFD";
      });
    }
    this.parser.write(chunk);
  }

  /** Closes the document; returns the damage met, if any. */
  end(): InputDamage | null {
    if (this.forbidden > 0) {
      this.handlers.onProblem?.(
        this.forbiddenLine,
        `${this.forbidden} control character(s) not allowed in XML replaced by U+FFFD`,
      );
    }
    if (!this.failure) {
      this.parser.close();
      if (!this.failure && !this.sawRoot) {
        this.failure = new InputDamage(this.parser.line, "no XML element found");
      }
    }
    return this.failure;
  }
}

/** Runs a whole text through an `XmlStream`; throws the damage met, if any. */
export async function streamXml(
  text: AsyncIterable<string>,
  handlers: XmlStreamHandlers,
): Promise<void> {
  const xml = new XmlStream(handlers);
  for await (const chunk of text) {
    xml.write(chunk);
    if (xml.failed) break;
  }
  const damage = xml.end();
  if (damage) throw damage;
}

/** saxes prefixes messages with a position we already report as the line. */
function cleanSaxesMessage(message: string): string {
  return message.replace(/^(?:[^:\s]*:)?\d+:\d+: /, "");
}

/** Every descendant-or-self element with this local name, in document order. */
export function findAll(node: XmlNode, name: string, out: XmlNode[] = []): XmlNode[] {
  if (node.name === name) out.push(node);
  for (const child of node.children) findAll(child, name, out);
  return out;
}

/** The first descendant-or-self element with this local name. */
export function findFirst(node: XmlNode, name: string): XmlNode | null {
  if (node.name === name) return node;
  for (const child of node.children) {
    const hit = findFirst(child, name);
    if (hit) return hit;
  }
  return null;
}

/** Parses a whole (small) XML document into a tree. */
export async function parseXmlTree(text: AsyncIterable<string>): Promise<XmlNode> {
  let root: XmlNode | null = null;
  await streamXml(text, {
    onOpen: (_name, _attrs, depth) => depth === 1,
    onNode: (node) => {
      root = node;
    },
  });
  return root!;
}

/** The local name of the first element in `head`, skipping the prolog, comments and PIs. */
export function rootElementName(head: string): string | null {
  const re = /<([A-Za-z_][\w.:-]*)[\s/>]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(head)) !== null) {
    const before = head.slice(0, m.index);
    // Skip anything inside an unterminated comment before this point.
    if (before.lastIndexOf("<!--") > before.lastIndexOf("-->")) continue;
    return localName(m[1]!);
  }
  return null;
}
