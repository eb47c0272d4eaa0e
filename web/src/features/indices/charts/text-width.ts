/** Rough rendered width of a label: CJK characters are square, the rest about 0.6 em. */
export function estimateTextWidth(text: string, fontSize: number): number {
  let width = 0;
  for (const char of text) {
    width += /[\u2e80-\u9fff\uff00-\uffef]/.test(char) ? fontSize : fontSize * 0.6;
  }
  return Math.ceil(width);
}
