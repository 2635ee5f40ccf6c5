/**
 * npm run --silent extract -- [--progress] [--pretty] <file-or-folder>...
 *
 * Prints one JSON object {"reports": [...], "errors": [...]} (ExtractOutput) on stdout and nothing else.
 * Exit 0 whenever the arguments are valid (bad files are listed in "errors"); 2 for wrong arguments.
 */
import { extractFiles, collectInputs, InputPathError } from './extract-files';

const USAGE = `usage: npm run --silent extract -- [options] <file-or-folder>...

Extracts budget-performance figures from .txt .html .htm .docx .pdf files (folders are walked recursively,
hidden files skipped) and prints one JSON object {"reports": [...], "errors": [...]} on stdout.

options:
  --progress   show progress on stderr (default: only when stderr is a terminal and there are more than 20 files)
  --pretty     indent the JSON output
  -h, --help   show this help
`;

const PROGRESS_MIN_FILES = 20;

function fail(message: string): number {
  process.stderr.write(`extract: ${message}\n\n${USAGE}`);
  return 2;
}

async function main(argv: string[]): Promise<number> {
  let progress = false;
  let pretty = false;
  const paths: string[] = [];
  let onlyPaths = false;
  for (const arg of argv) {
    if (onlyPaths || !arg.startsWith('-') || arg === '-') {
      paths.push(arg);
    } else if (arg === '--') {
      onlyPaths = true;
    } else if (arg === '--progress') {
      progress = true;
    } else if (arg === '--pretty') {
      pretty = true;
    } else if (arg === '-h' || arg === '--help') {
      process.stderr.write(USAGE);
      return 0;
    } else {
      return fail(`unknown option ${arg}`);
    }
  }
  if (paths.length === 0) return fail('no input files or folders given');
  try {
    await collectInputs(paths); // validate every argument before any work
  } catch (e) {
    if (e instanceof InputPathError) return fail(e.message);
    throw e;
  }

  // Libraries (PDF.js, mammoth) may log; stdout carries only the JSON.
  const toStderr = (...args: unknown[]): void => console.error(...args);
  console.log = toStderr;
  console.info = toStderr;
  console.debug = toStderr;

  const showProgress = (total: number): boolean => progress || (total > PROGRESS_MIN_FILES && process.stderr.isTTY === true);
  const output = await extractFiles(paths, (done, total, file) => {
    if (showProgress(total)) process.stderr.write(`[${done}/${total}] ${file}\n`);
  });
  const json = JSON.stringify(output, null, pretty ? 2 : undefined);
  await new Promise<void>((resolve, reject) =>
    process.stdout.write(json + '\n', (err) => (err ? reject(err) : resolve())),
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`extract: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
