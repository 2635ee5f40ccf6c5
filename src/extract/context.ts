/**
 * Per-document extraction state: the normalized text and the provenance/warnings every field extractor records.
 * Extractors work on normalized offsets; provenance is stored in original offsets so a quote can be shown
 * against the file as published.
 */
import type { AmountUnit, Provenance, Warning } from '../model/report';
import { quoteAround, toOriginalSpan, type NormalizedText } from './text/normalize';
import { tableCells, type Cell } from './fields/table-cells';

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

  /** Records where `field` came from: normalized span [start, end). */
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
    if (extra.raw !== undefined) p.raw = extra.raw;
    if (extra.unit) p.unit = extra.unit;
    this.provenance.push(p);
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
