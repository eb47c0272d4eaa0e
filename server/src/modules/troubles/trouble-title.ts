/**
 * A title from the first line of the text, at most 30 characters (code points). Its own file so
 * that the import can use it without loading intake (notifications, the group committer).
 */
export function titleFrom(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim();
  // Where the 31st character starts, walking surrogate pairs as one (as `[...line]` does),
  // without splitting the whole body into an array.
  let at = 0;
  for (let n = 0; n < 30 && at < line.length; n++) {
    const c = line.charCodeAt(at);
    const d = line.charCodeAt(at + 1);
    at += c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
  }
  return at >= line.length ? line : `${line.slice(0, at)}…`;
}
