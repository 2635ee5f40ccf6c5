/**
 * Per-document extraction state: the normalized text and the provenance/warnings every field extractor records.
 * Extractors work on normalized offsets; provenance is stored in original offsets so a quote can be shown
 * against the file as published.
 */
import type { AmountUnit, Provenance, Warning } from '../model/report';
import { quoteAround, toOriginalSpan, type NormalizedText } from './text/normalize';
import { tableCells, type Cell } from './fields/table-cells';
import { unitHints } from './text/numbers';

export class ExtractContext {
  readonly provenance: Provenance[] = [];
  readonly warnings: Warning[] = [];

  constructor(
    readonly file: string,
    readonly n: NormalizedText,
  ) {}

  get text(): string {
    return this.n.text;
  }

  private cellCache: Cell[] | null = null;
  /** The document's table cells, computed once and shared by the funds, 三公 and indicator readers. */
  cells(): Cell[] {
    return (this.cellCache ??= tableCells(this.n.text));
  }

  private hintCache: { index: number; unit: AmountUnit }[] | null = null;
  /**
   * The unit of the nearest declaration ("单位：万元", "（元）") before normalized offset `pos`, or null when none
   * precedes it. A figure belongs to the caption above it, not to the last caption of the document: an appendix
   * "单位：元" must not turn an earlier table in 万元 into yuan.
   */
  unitBefore(pos: number): AmountUnit | null {
    const hints = (this.hintCache ??= unitHints(this.n.text));
    let unit: AmountUnit | null = null;
    for (const h of hints) {
      if (h.index >= pos) break;
      unit = h.unit;
    }
    return unit;
  }

  /**
   * Records where `field` came from: normalized span [start, end). `extra.raw` is the figure as the extractor read
   * it (normalized text); the provenance keeps it as printed in the file ("3475. 09", "１６.７７％"), like `quote`.
   */
  cite(field: string, start: number, end: number, extra: { raw?: string; unit?: AmountUnit | null } = {}): void {
    if (start < 0 || end < start) return;
    const span = toOriginalSpan(this.n, start, end);
    const p: Provenance = {
      field,
      file: this.file,
      start: span.start,
      end: span.end,
      quote: quoteAround(this.n, start, end),
    };
    if (extra.raw !== undefined) p.raw = this.printed(extra.raw, start, end);
    if (extra.unit) p.unit = extra.unit;
    this.provenance.push(p);
  }

  /**
   * The original text of `raw` where it sits inside normalized span [start, end) — through the same offset map as
   * the provenance offsets and quote; the whole span's original text when the extractor's `raw` is not in it.
   */
  private printed(raw: string, start: number, end: number): string {
    const at = raw ? this.n.text.slice(start, end).indexOf(raw) : -1;
    const [s, e] = at < 0 ? [start, end] : [start + at, start + at + raw.length];
    const span = toOriginalSpan(this.n, s, e);
    return this.n.original.slice(span.start, span.end);
  }

  warn(field: string, message: string): void {
    this.warnings.push({ field, message });
  }

  /** Runs one extractor; a bug or surprise in it becomes a warning instead of losing the report. */
  guard<T>(field: string, fallback: T, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      this.warn(field, `extractor failed: ${(e as Error).message}`);
      return fallback;
    }
  }
}
