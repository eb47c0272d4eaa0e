/**
 * A title from the first line of the text, at most 30 characters. Its own file so that the
 * import can use it without loading intake (notifications, the group committer).
 */
export function titleFrom(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim();
  const chars = [...line];
  return chars.length <= 30 ? line : `${chars.slice(0, 30).join('')}…`;
}
