/**
 * Whole-dataset export files and browser downloads (the files are made by src/io/export.ts; nothing leaves the
 * machine: downloads are object URLs of in-memory blobs).
 *
 *   datasetFiles(rows, format)  exportDataset's files; CSV files get a UTF-8 BOM (Excel opens the Chinese correctly;
 *                               the importer and the loader skip it)
 *   downloadBytes(name, bytes, type)
 *   formatBytes(n)              "12.3 KB"
 */
import { exportDataset } from '../../io/export';
import type { DatasetFormat } from '../../io/formats';
import type { DatasetRows } from '../../model/tables';

const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

export function withBom(bytes: Uint8Array): Uint8Array {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes;
  const out = new Uint8Array(bytes.length + 3);
  out.set(BOM, 0);
  out.set(bytes, 3);
  return out;
}

export const MIME: Record<DatasetFormat, string> = {
  csv: 'text/csv;charset=utf-8',
  json: 'application/json;charset=utf-8',
  arrow: 'application/vnd.apache.arrow.file',
};

export function datasetFiles(rows: DatasetRows, format: DatasetFormat): { name: string; bytes: Uint8Array; type: string }[] {
  return exportDataset(rows, format).map((f) => {
    const csv = f.name.endsWith('.csv');
    return {
      name: f.name,
      bytes: csv ? withBom(f.bytes) : f.bytes,
      type: f.name.endsWith('.json') ? MIME.json : csv ? MIME.csv : MIME[format],
    };
  });
}

export function downloadBytes(name: string, bytes: Uint8Array, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 2000);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}
