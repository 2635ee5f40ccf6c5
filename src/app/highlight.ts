/** Splits text into plain and highlighted pieces (pure; rendered with <mark> by the pages). */
export interface Piece {
  text: string;
  hit: boolean;
}

/** Marks every occurrence of any phrase (longest first, non-overlapping). */
export function highlightPieces(text: string, phrases: readonly (string | null | undefined)[]): Piece[] {
  const ps = [...new Set(phrases.filter((p): p is string => !!p && p.trim().length > 0).map((p) => p.trim()))].sort(
    (a, b) => b.length - a.length,
  );
  if (!ps.length || !text) return [{ text, hit: false }];
  const marks: [number, number][] = [];
  for (const p of ps) {
    let from = 0;
    for (;;) {
      const i = text.indexOf(p, from);
      if (i < 0) break;
      const end = i + p.length;
      if (!marks.some(([s, e]) => i < e && end > s)) marks.push([i, end]);
      from = i + 1;
    }
  }
  marks.sort((a, b) => a[0] - b[0]);
  const out: Piece[] = [];
  let at = 0;
  for (const [s, e] of marks) {
    if (s > at) out.push({ text: text.slice(at, s), hit: false });
    out.push({ text: text.slice(s, e), hit: true });
    at = e;
  }
  if (at < text.length) out.push({ text: text.slice(at), hit: false });
  return out;
}

/** "不细化、笼统" / "不细化,笼统" → ["不细化", "笼统"]. */
export function splitPhrases(s: string | null | undefined): string[] {
  return (s ?? '').split(/[、,，;；|]/).map((x) => x.trim()).filter(Boolean);
}
