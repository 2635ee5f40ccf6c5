/**
 * Report extraction off the main thread: the same code as the CLI (readDocument + extractReport, through
 * ../import/extract-doc.ts). Protocol (see ../import/extract-client.ts):
 *
 *   in   { type: 'extract', job: number, name: string, bytes: ArrayBuffer }
 *   out  { type: 'stage', job, stage: 'reading' | 'extracting' }
 *        { type: 'result', job, report } | { type: 'result', job, error: { file, message } }
 *
 * Messages this protocol does not know (PDF.js announces itself to the page with {sourceName:'worker', …}) are
 * ignored on both sides. Jobs run one at a time in arrival order.
 */
import { extractDocument } from '../import/extract-doc';

interface ExtractRequest {
  type: 'extract';
  job: number;
  name: string;
  bytes: ArrayBuffer;
}

const scope = self as unknown as DedicatedWorkerGlobalScope;
let chain: Promise<void> = Promise.resolve();

function isRequest(d: unknown): d is ExtractRequest {
  const m = d as Partial<ExtractRequest> | null;
  return !!m && m.type === 'extract' && typeof m.job === 'number' && typeof m.name === 'string' && m.bytes instanceof ArrayBuffer;
}

scope.addEventListener('message', (e: MessageEvent) => {
  const req = e.data as unknown;
  if (!isRequest(req)) return;
  chain = chain.then(async () => {
    const res = await extractDocument(req.name, new Uint8Array(req.bytes), (stage) =>
      scope.postMessage({ type: 'stage', job: req.job, stage }),
    );
    scope.postMessage({ type: 'result', job: req.job, ...res });
  });
});
