/**
 * `npm run bench [-- --json]`: prints measured figures. Never a timed test: the numbers are for notes and trends.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchExtract } from './extract';

const here = path.dirname(fileURLToPath(import.meta.url));
const json = process.argv.includes('--json');

async function main() {
  const corpus = path.resolve(here, '../../shared/corpus');
  const ex = await benchExtract(corpus);
  const out = { extraction: ex };
  if (!json) {
    console.log('Extraction (one core, corpus of %d reports, %d runs)', ex.documents, ex.runs);
    console.log('  reports/s          %s', ex.reportsPerSecond.toFixed(1));
    console.log('  ms/report p50      %s', ex.msPerReportP50.toFixed(2));
    console.log('  ms/report max      %s', ex.msPerReportMax.toFixed(2));
  }
  if (json) console.log(JSON.stringify(out));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
