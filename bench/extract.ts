/**
 * Extraction throughput on the corpus: reports per second on one core (the pipeline is synchronous and
 * single-threaded; reading and hashing are excluded so the figure is the extractor's own).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { extractReport } from '../src/extract/pipeline';
import { readDocument, type DecodedDocument } from '../src/extract/read';

export interface ExtractBench {
  documents: number;
  runs: number;
  reportsPerSecond: number;
  msPerReportP50: number;
  msPerReportMax: number;
}

export async function benchExtract(corpusDir: string, minMs = 3000): Promise<ExtractBench> {
  const files = readdirSync(corpusDir).filter((f) => /\.(txt|html?|docx|pdf)$/.test(f)).sort();
  const docs: DecodedDocument[] = [];
  for (const f of files) docs.push(await readDocument(f, new Uint8Array(readFileSync(path.join(corpusDir, f)))));
  // Warm-up: JIT and lazy gazetteer / converter initialisation.
  for (let i = 0; i < 3; i++) for (const d of docs) extractReport(d);
  const per: number[] = [];
  const t0 = performance.now();
  let runs = 0;
  while (performance.now() - t0 < minMs) {
    for (const d of docs) {
      const s = performance.now();
      extractReport(d);
      per.push(performance.now() - s);
    }
    runs++;
  }
  const elapsed = performance.now() - t0;
  per.sort((a, b) => a - b);
  return {
    documents: docs.length,
    runs,
    reportsPerSecond: (per.length / elapsed) * 1000,
    msPerReportP50: per[Math.floor(per.length / 2)]!,
    msPerReportMax: per[per.length - 1]!,
  };
}
