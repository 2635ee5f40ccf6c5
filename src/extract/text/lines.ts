/** The lines of a text with their offsets (pure). Extractors that read line by line cite figures by these offsets. */

export interface Line {
  start: number;
  /** End of the line content (before "\n"). */
  end: number;
  raw: string;
}

export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let pos = 0;
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl === -1 ? text.length : nl;
    lines.push({ start: pos, end, raw: text.slice(pos, end) });
    if (nl === -1) break;
    pos = nl + 1;
  }
  return lines;
}
