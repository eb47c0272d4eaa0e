/** A LIKE pattern that matches `text` literally anywhere (wildcards in user text are dropped). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[%_\\]/g, '')}%`;
}
