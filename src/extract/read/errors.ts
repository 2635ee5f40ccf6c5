/** Thrown by the readers for input that cannot be turned into text. The message names the file and the reason. */
export class ReadError extends Error {
  override readonly name = 'ReadError';
  readonly file: string;
  readonly reason: string;

  constructor(file: string, reason: string, options?: { cause?: unknown }) {
    super(`${file}: ${reason}`, options);
    this.file = file;
    this.reason = reason;
  }
}

/** Largest input the readers accept (bytes). */
export const MAX_INPUT_BYTES = 20 * 1024 * 1024;

function formatMB(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Throws the ReadError for an empty or oversized input; shared by readDocument and the CLI (which checks before reading). */
export function checkInputSize(file: string, size: number): void {
  if (size === 0) throw new ReadError(file, 'empty file');
  if (size > MAX_INPUT_BYTES) {
    throw new ReadError(
      file,
      `file too large: ${formatMB(size)} (${size} bytes; limit ${formatMB(MAX_INPUT_BYTES)})`,
    );
  }
}

/** A short, single-line description of an unknown thrown value. */
export function describeError(e: unknown): string {
  if (e instanceof Error) return (e.message || e.name).split('\n')[0]!.trim();
  if (e && typeof e === 'object' && 'message' in e) return String((e as { message: unknown }).message);
  return String(e);
}
