/**
 * CSV for spreadsheet users: UTF-8 with a BOM (Excel opens Chinese correctly), CRLF, RFC 4180 quoting, and
 * formula-injection neutralised: a text cell starting with = + - @ (or tab / CR) gets a leading apostrophe.
 * Plain numbers ("-0.1574") are left alone so negative rates stay numbers.
 */
export const BOM = '\uFEFF';

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

export function neutralize(cell: string): string {
  if (PLAIN_NUMBER.test(cell)) return cell;
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

export function csvCell(v: unknown): string {
  const s = neutralize(v === null || v === undefined ? '' : String(v));
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsvExport(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const lines = [header.map(csvCell).join(',')];
  for (const r of rows) lines.push(r.map(csvCell).join(','));
  return BOM + lines.join('\r\n') + '\r\n';
}

/** Offers text as a file download (browser only). */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
