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
}

function localName(qname: string): string {
  const colon = qname.indexOf(":");
  return colon < 0 ? qname : qname.slice(colon + 1);
}

/**
 * Streams XML through saxes without namespace processing (device documents bind prefixes in
 * odd ways) and without ever expanding or fetching entities: saxes reads no DTD content, so a
 * reference to a declared entity is an error, reported as damage at its line.
 *
 * `afterChunk` runs after each chunk so a caller can hand over what that chunk completed.
 */
export async function streamXml(
  text: AsyncIterable<string>,
  handlers: XmlStreamHandlers,
  afterChunk: () => void = () => {},
): Promise<void> {
  const parser = new SaxesParser({ xmlns: false, position: true });
  let failure: InputDamage | null = null;
  let depth = 0;
  const stack: XmlNode[] = [];
  let sawRoot = false;

  parser.on("error", (err) => {
    if (!failure) failure = new InputDamage(parser.line, cleanSaxesMessage(err.message));
  });
  parser.on("doctype", (doctype) => handlers.onDoctype?.(doctype, parser.line));
  parser.on("opentag", (tag) => {
    depth++;
    sawRoot = true;
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
  parser.on("text", (t) => {
    if (stack.length > 0) stack[stack.length - 1]!.text += t;
  });
  parser.on("cdata", (t) => {
    if (stack.length > 0) stack[stack.length - 1]!.text += t;
  });
  parser.on("closetag", () => {
    depth--;
    if (stack.length > 0) {
      const node = stack.pop()!;
      if (stack.length === 0) handlers.onNode(node);
    }
  });

  for await (const chunk of text) {
    parser.write(chunk);
    if (failure) break;
    afterChunk();
  }
  if (!failure) parser.close();
  afterChunk();
  if (failure) throw failure;
  if (!sawRoot) throw new InputDamage(parser.line, "no XML element found");
}

/** saxes prefixes messages with a position we already report as the line. */
function cleanSaxesMessage(message: string): string {
  return message.replace(/^[^:]*:\d+:\d+: /, "");
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
