/**
 * Dataset file formats for import and export (pure code: the browser and Node both use it).
 *
 *   DatasetFormat = 'csv' | 'json' | 'arrow'
 *   formatOfFile(name, bytes?)  the format from the extension (.csv, .json, .arrow/.arrows/.ipc/.feather),
 *                               else from Arrow's magic bytes; null when unknown
 *   tableOfFile(name)           the table named by the file ("data/sangong.csv" → 'sangong'); null when none
 *   baseName(name)              the file name without directories
 */
import { TABLE_NAMES, type TableName } from '../model/tables';

export type DatasetFormat = 'csv' | 'json' | 'arrow';

export const DATASET_FORMATS: readonly DatasetFormat[] = ['csv', 'json', 'arrow'];

/** File extension written for each format. */
export const FORMAT_EXTENSION: Record<DatasetFormat, string> = { csv: '.csv', json: '.json', arrow: '.arrow' };

const EXTENSIONS: Record<string, DatasetFormat> = {
  csv: 'csv',
  json: 'json',
  arrow: 'arrow',
  arrows: 'arrow',
  ipc: 'arrow',
  feather: 'arrow',
};

export function baseName(name: string): string {
  const parts = name.split(/[\\/]/);
  return parts[parts.length - 1] ?? name;
}

function splitExt(name: string): { stem: string; ext: string } {
  const b = baseName(name);
  const dot = b.lastIndexOf('.');
  return dot <= 0 ? { stem: b, ext: '' } : { stem: b.slice(0, dot), ext: b.slice(dot + 1).toLowerCase() };
}

const ARROW_MAGIC = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31]; // "ARROW1"

function looksLikeArrow(bytes: Uint8Array): boolean {
  if (ARROW_MAGIC.every((b, i) => bytes[i] === b)) return true;
  // IPC stream: continuation marker 0xFFFFFFFF then a message length.
  return bytes.length >= 8 && bytes[0] === 0xff && bytes[1] === 0xff && bytes[2] === 0xff && bytes[3] === 0xff;
}

export function formatOfFile(name: string, bytes?: Uint8Array): DatasetFormat | null {
  const { ext } = splitExt(name);
  const byExt = EXTENSIONS[ext];
  if (byExt) return byExt;
  if (bytes && looksLikeArrow(bytes)) return 'arrow';
  return null;
}

export function tableOfFile(name: string): TableName | null {
  const stem = splitExt(name).stem.trim().toLowerCase();
  return (TABLE_NAMES as string[]).includes(stem) ? (stem as TableName) : null;
}
