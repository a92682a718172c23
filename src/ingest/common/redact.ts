/**
 * Device banners and pages sometimes carry secrets: RTSP URLs with a user and password,
 * Authorization headers echoed back, `password=` fields in configuration dumps. Ingest removes
 * them before a banner is stored, so no later output can repeat them.
 */

// Most banners carry none of these; only those that do pay for the replacements below.
const QUICK = /@|pass|pwd|secret|token|key|auth|cookie/i;
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+:[^\s/@]*@/gi;
const AUTH_HEADER = /\b((?:proxy-)?authorization|cookie|set-cookie)(\s*:\s*)[^\r\n]+/gi;
const SECRET_FIELD =
  /\b(pass(?:word|wd)?|pwd|secret|token|api[_-]?key|access[_-]?key|auth[_-]?key)(\s*[=:]\s*)("?)[^\s"&;,<]+/gi;

export const REDACTED = "[redacted]";

/** The text with credentials and secrets replaced by `[redacted]`. */
export function redactSecrets(text: string): string {
  if (!QUICK.test(text)) return text;
  return text
    .replace(URL_USERINFO, `$1${REDACTED}@`)
    .replace(AUTH_HEADER, `$1$2${REDACTED}`)
    .replace(SECRET_FIELD, `$1$2$3${REDACTED}`);
}

/** Header names whose values are never kept. */
export function isSecretHeader(name: string): boolean {
  const n = name.toLowerCase();
  return (
    n === "authorization" || n === "proxy-authorization" || n === "cookie" || n === "set-cookie"
  );
}
