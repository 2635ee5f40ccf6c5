/**
 * State of the report import (files → worker → review → 加入数据集), kept outside React so it survives navigating to
 * other pages while files are extracted. The pure parts (input → edits, which reports can be added) are exported
 * for unit tests.
 */
import { useSyncExternalStore } from 'react';
import type { Report, ReportKind } from '../../model/report';
import type { Lang } from '../i18n/labels';
import { t } from '../i18n/messages';
import { tn } from '../i18n/plural';
import { applyCorrections, parseCorrection, type CorrectionRecord, type Edits, type MoneyField } from './corrections';
import { ExtractQueue, type ExtractStatus } from './extract-client';
import { unsupportedReason } from './messages-zh';
import type { PlacePick } from './places';

export { isSupportedReportFile, unsupportedReason } from './messages-zh';

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

/** The typed texts and choices → the corrections to apply, and the inputs that are not valid (why, in `lang`). */
export function editsOf(item: Pick<ReviewItem, 'texts' | 'kind' | 'place'>, lang: Lang = 'zh'): ItemEdits {
  const edits: Edits = {};
  const invalid: ItemEdits['invalid'] = [];
  for (const f of TEXT_FIELDS) {
    const text = item.texts[f];
    if (text === undefined) continue;
    const p = parseCorrection(f, text, lang);
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
  /** Why it cannot be added (already in the dataset, same file twice, invalid input), in the reviewAll language; null when it can. */
  blocked: string | null;
}

/**
 * Corrected reports by item (an item object changes only when that item does): typing re-checks one report. The
 * reasons for invalid input depend on the language and are cheap, so they are not cached.
 */
const corrected = new WeakMap<ReviewItem, { report: Report; records: CorrectionRecord[] }>();

function correct(item: ReviewItem, original: Report, lang: Lang) {
  const { edits, invalid } = editsOf(item, lang);
  let c = corrected.get(item);
  if (!c) {
    c = applyCorrections(original, edits);
    corrected.set(item, c);
  }
  return { ...c, invalid };
}

/** Every extracted item with its corrected report and whether it can be added (the reasons in `lang`). */
export function reviewAll(items: readonly ReviewItem[], existingIds: ReadonlySet<string>, lang: Lang = 'zh'): Reviewed[] {
  const out: Reviewed[] = [];
  const firstById = new Map<string, string>();
  for (const item of items) {
    if (item.status.state !== 'done') continue;
    const original = item.status.report;
    const { report, records, invalid } = correct(item, original, lang);
    let blocked: string | null = null;
    const dupOf = firstById.get(original.id);
    if (item.added) blocked = null;
    else if (existingIds.has(original.id)) blocked = t(lang, 'rc.blocked.existing', { id: original.id });
    else if (dupOf !== undefined) blocked = t(lang, 'rc.blocked.dup', { file: dupOf, id: original.id });
    else if (invalid.length) blocked = tn(lang, 'rc.blocked.invalid', { n: invalid.length });
    if (!item.added && dupOf === undefined) firstById.set(original.id, item.name);
    out.push({ item, original, report, records, invalid, blocked });
  }
  return out;
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
