/**
 * State of the report import (files → worker → review → 加入数据集), kept outside React so it survives navigating to
 * other pages while files are extracted. The pure parts (input → edits, which reports can be added) are exported
 * for unit tests.
 */
import { useSyncExternalStore } from 'react';
import type { Report, ReportKind } from '../../model/report';
import { SUPPORTED_EXTENSIONS } from '../../extract/read/sniff';
import { applyCorrections, parseCorrection, type CorrectionRecord, type Edits, type MoneyField } from './corrections';
import { ExtractQueue, type ExtractStatus } from './extract-client';
import type { PlacePick } from './places';

export type TextField = 'fiscalYear' | 'department.name' | 'score' | MoneyField;
export const TEXT_FIELDS: readonly TextField[] = ['fiscalYear', 'department.name', 'score', 'budget.initial', 'budget.adjusted', 'budget.actual'];

export interface ReviewItem {
  job: number;
  name: string;
  size: number;
  status: ExtractStatus;
  /** What the user typed, per field (absent: the extracted value stands). */
  texts: Partial<Record<TextField, string>>;
  kind?: ReportKind;
  place?: PlacePick;
  include: boolean;
  /** Set once the report is in the dataset. */
  added?: { batch: string };
}

export interface ItemEdits {
  edits: Edits;
  invalid: { field: TextField; message: string }[];
}

/** The typed texts and choices → the corrections to apply, and the inputs that are not valid. */
export function editsOf(item: Pick<ReviewItem, 'texts' | 'kind' | 'place'>): ItemEdits {
  const edits: Edits = {};
  const invalid: ItemEdits['invalid'] = [];
  for (const f of TEXT_FIELDS) {
    const t = item.texts[f];
    if (t === undefined) continue;
    const p = parseCorrection(f, t);
    if (!p.ok) invalid.push({ field: f, message: p.message });
    else (edits as Record<string, unknown>)[f] = p.value;
  }
  if (item.kind !== undefined) edits.kind = item.kind;
  if (item.place !== undefined) edits.jurisdiction = item.place;
  return { edits, invalid };
}

export interface Reviewed {
  item: ReviewItem;
  original: Report;
  report: Report;
  records: CorrectionRecord[];
  invalid: ItemEdits['invalid'];
  /** Why it cannot be added (already in the dataset, same file twice, invalid input); null when it can. */
  blocked: string | null;
}

/** Corrected reports by item (an item object changes only when that item does): typing re-checks one report. */
const corrected = new WeakMap<ReviewItem, { report: Report; records: CorrectionRecord[]; invalid: ItemEdits['invalid'] }>();

function correct(item: ReviewItem, original: Report) {
  let c = corrected.get(item);
  if (!c) {
    const { edits, invalid } = editsOf(item);
    c = { ...applyCorrections(original, edits), invalid };
    corrected.set(item, c);
  }
  return c;
}

/** Every extracted item with its corrected report and whether it can be added. */
export function reviewAll(items: readonly ReviewItem[], existingIds: ReadonlySet<string>): Reviewed[] {
  const out: Reviewed[] = [];
  const firstById = new Map<string, string>();
  for (const item of items) {
    if (item.status.state !== 'done') continue;
    const original = item.status.report;
    const { report, records, invalid } = correct(item, original);
    let blocked: string | null = null;
    const dupOf = firstById.get(original.id);
    if (item.added) blocked = null;
    else if (existingIds.has(original.id)) blocked = `已在数据集中（报告编号 ${original.id}），不会重复加入`;
    else if (dupOf !== undefined) blocked = `与 ${dupOf} 内容相同（报告编号 ${original.id}），只加入一份`;
    else if (invalid.length) blocked = `有 ${invalid.length} 处输入无效，请先改正`;
    if (!item.added && dupOf === undefined) firstById.set(original.id, item.name);
    out.push({ item, original, report, records, invalid, blocked });
  }
  return out;
}

export function isSupportedReportFile(name: string): boolean {
  const dot = name.lastIndexOf('.');
  const ext = dot < 0 ? '' : name.slice(dot).toLowerCase();
  return (SUPPORTED_EXTENSIONS as readonly string[]).includes(ext);
}

/** Why a file is not taken as a report (by extension), in Chinese; null when it is. */
export function unsupportedReason(name: string): string | null {
  if (isSupportedReportFile(name)) return null;
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.')).toLowerCase() : '';
  if (ext === '.doc') return '不支持旧版 Word（.doc）：请用 Word 另存为 .docx 后再导入';
  if (['.csv', '.json', '.arrow', '.arrows', '.ipc', '.feather'].includes(ext)) return '这是数据集文件：请在下方“导入数据集”中添加';
  if (['.xls', '.xlsx', '.wps', '.et'].includes(ext)) return `不支持 ${ext} 文件：报告请用 .txt、.html、.docx 或 .pdf`;
  return `不支持的文件类型${ext ? ` ${ext}` : '（没有扩展名）'}：请使用 .txt、.html、.docx 或 .pdf`;
}

// ---------------------------------------------------------------------------------------------------------------
// Store

let items: ReviewItem[] = [];
const listeners = new Set<() => void>();
let queue: ExtractQueue | null = null;
let localJob = -1;

function emit(next: ReviewItem[]): void {
  items = next;
  for (const l of listeners) l();
}

function update(job: number, patch: (i: ReviewItem) => ReviewItem): void {
  emit(items.map((i) => (i.job === job ? patch(i) : i)));
}

function getQueue(): ExtractQueue {
  queue ??= new ExtractQueue((job, status) => update(job, (i) => ({ ...i, status })));
  return queue;
}

export const review = {
  subscribe(l: () => void): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  },
  get items(): ReviewItem[] {
    return items;
  },
  addFiles(files: readonly File[]): void {
    for (const f of files) {
      const why = unsupportedReason(f.name);
      if (why) {
        emit([...items, { job: localJob--, name: f.name, size: f.size, status: { state: 'error', message: `${f.name}: ${why}` }, texts: {}, include: false }]);
        continue;
      }
      // The queue's first status comes on the next microtask, after the item exists.
      const job = getQueue().add(f);
      emit([...items, { job, name: f.name, size: f.size, status: { state: 'queued' }, texts: {}, include: true }]);
    }
  },
  setText(job: number, field: TextField, text: string | undefined): void {
    update(job, (i) => {
      const texts = { ...i.texts };
      if (text === undefined) delete texts[field];
      else texts[field] = text;
      return { ...i, texts };
    });
  },
  setKind(job: number, kind: ReportKind | undefined): void {
    update(job, (i) => ({ ...i, kind }));
  },
  setPlace(job: number, place: PlacePick | undefined): void {
    update(job, (i) => ({ ...i, place }));
  },
  setInclude(job: number, include: boolean): void {
    update(job, (i) => ({ ...i, include }));
  },
  resetEdits(job: number): void {
    update(job, (i) => ({ ...i, texts: {}, kind: undefined, place: undefined }));
  },
  markAdded(jobs: readonly number[], batch: string): void {
    const set = new Set(jobs);
    emit(items.map((i) => (set.has(i.job) ? { ...i, added: { batch } } : i)));
  },
  remove(job: number): void {
    emit(items.filter((i) => i.job !== job));
  },
  /** Drops the files that are added or failed; keeps what is still queued or under review. */
  clearFinished(): void {
    emit(items.filter((i) => !(i.added || i.status.state === 'error')));
  },
  get busy(): boolean {
    return items.some((i) => i.status.state === 'queued' || i.status.state === 'reading' || i.status.state === 'extracting');
  },
};

export function useReviewItems(): ReviewItem[] {
  return useSyncExternalStore(review.subscribe, () => items, () => items);
}
