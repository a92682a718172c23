export { masscanXmlParser } from "./xml.js";
export { masscanJsonParser } from "./json.js";
export { masscanListParser } from "./list.js";
export { masscanConsoleParser } from "./console.js";
