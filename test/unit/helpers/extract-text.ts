import { extractReport } from '../../../src/extract/pipeline';
import type { Report } from '../../../src/model/report';

/** Runs the whole pipeline on constructed text, as the readers would hand it over. */
export function extractText(text: string, file = 'snippet.txt'): Report {
  return extractReport({ file, format: 'txt', text, sha256: 'f'.repeat(64), bytes: text.length, warnings: [] });
}
