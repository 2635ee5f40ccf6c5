/**
 * One report file's bytes → a Report, exactly as the CLI does it (src/cli/extract-files.ts `extractFile`, minus the
 * file system): readDocument, then extractReport, then the reader's warnings copied into report.warnings under
 * field 'source'. Environment-neutral: runs in the import Web Worker (src/app/workers/extract.worker.ts) and in
 * Node tests. Never throws: failures come back as { error } naming the file.
 */
import type { ExtractError, Report } from '../../model/report';
import { readDocument } from '../../extract/read';
import { describeError } from '../../extract/read/errors';
import { extractReport } from '../../extract/pipeline';

export type ExtractStage = 'reading' | 'extracting';

export async function extractDocument(
  name: string,
  bytes: Uint8Array,
  onStage?: (stage: ExtractStage) => void,
): Promise<{ report: Report } | { error: ExtractError }> {
  let doc;
  try {
    onStage?.('reading');
    doc = await readDocument(name, bytes);
  } catch (e) {
    const message = e instanceof Error && e.name === 'ReadError' ? e.message : `${name}: cannot read: ${describeError(e)}`;
    return { error: { file: name, message } };
  }
  try {
    onStage?.('extracting');
    const report = extractReport(doc);
    const missing = doc.warnings.filter((m) => !report.warnings.some((w) => w.field === 'source' && w.message === m));
    if (missing.length > 0) {
      report.warnings = [...missing.map((message) => ({ field: 'source', message })), ...report.warnings];
    }
    return { report };
  } catch (e) {
    return { error: { file: name, message: `${name}: extraction failed: ${describeError(e)}` } };
  }
}
