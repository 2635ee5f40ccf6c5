/**
 * 导入报告文件: drop or choose .txt / .html / .docx / .pdf files (or a folder), extraction in a Web Worker with
 * progress per file, the review of each extracted report, then "加入数据集".
 */
import { useMemo, useState, type DragEvent } from 'react';
import type { QueryClient } from '../../db/client';
import { flattenReports } from '../../model/flatten';
import { insertRows } from '../../io/dataset-sql';
import { createViews } from '../../metrics/views';
import { useData, useQuery } from '../data';
import { formatCount } from '../format';
import type { Lang } from '../i18n/labels';
import { kv, t as tr, type MessageKey } from '../i18n/messages';
import { tn } from '../i18n/plural';
import { useLang, useT } from '../i18n/use-t';
import { hrefTo, useAppState } from '../url-state';
import { formatBytes } from './download';
import { filesFromDrop, filesFromFolderInput } from './drop';
import { readError } from './messages-zh';
import { storeText } from '../storage/store-messages';
import { ReviewCard } from './ReviewCard';
import { isSupportedReportFile, review, reviewAll, useReviewItems, type ReviewItem } from './review';
import { ResultNote, type Note } from './ResultNote';

const ACCEPT = '.txt,.html,.htm,.docx,.pdf,text/plain,text/html,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const STATE_LABEL: Record<ReviewItem['status']['state'], MessageKey> = {
  queued: 'rf.state.queued',
  reading: 'rf.state.reading',
  extracting: 'rf.state.extracting',
  done: 'rf.state.done',
  error: 'rf.state.error',
};


async function reportIds(db: QueryClient): Promise<string[]> {
  return (await db.query<{ id: string }>('SELECT report_id AS id FROM reports')).map((r) => r.id);
}

function defaultBatchName(n: number, lang: Lang): string {
  const d = new Date();
  const p = (x: number) => String(x).padStart(2, '0');
  return tr(lang, 'rf.batchName', { date: `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`, n });
}

export function ReportFiles() {
  const { db, local, refresh } = useData();
  const lang = useLang();
  const t = useT();
  const { filters } = useAppState();
  const items = useReviewItems();
  const ids = useQuery(reportIds, ['import-report-ids']);
  const existing = useMemo(() => new Set(ids.data ?? []), [ids.data]);
  const reviewed = useMemo(() => reviewAll(items, existing, lang), [items, existing, lang]);
  const [over, setOver] = useState(false);
  const [skipped, setSkipped] = useState<string[]>([]);
  const [name, setName] = useState('');
  const [adding, setAdding] = useState(false);
  const [result, setResult] = useState<Note | null>(null);

  const take = (files: File[], skippedNames: string[]) => {
    setResult(null);
    setSkipped(skippedNames);
    if (files.length) review.addFiles(files);
  };

  const onDrop = async (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const { files, skipped } = await filesFromDrop(e.dataTransfer, isSupportedReportFile);
    take(files, skipped);
  };

  const counts = { total: items.length, done: 0, error: 0, busy: 0 };
  for (const i of items) {
    if (i.status.state === 'done') counts.done++;
    else if (i.status.state === 'error') counts.error++;
    else counts.busy++;
  }
  const ready = reviewed.filter((r) => !r.item.added && !r.blocked && r.item.include);
  const pendingReview = reviewed.filter((r) => !r.item.added);
  const corrections = ready.flatMap((r) => r.records);

  const add = async () => {
    if (!ready.length) return;
    setAdding(true);
    setResult(null);
    try {
      const rows = flattenReports(ready.map((r) => r.report));
      const batchName = name.trim() || defaultBatchName(ready.length, lang);
      let batch = 'session';
      let unsaved: string | null = null;
      if (local) {
        const entry = await local.add(rows, { name: batchName, source: 'reports', files: ready.map((r) => r.item.name), corrections });
        batch = entry.meta.id;
        if (entry.status === 'unsaved') unsaved = entry.error ?? '';
      } else {
        await insertRows(db, rows);
        await createViews(db);
      }
      review.markAdded(
        ready.map((r) => r.item.job),
        batch,
      );
      setName('');
      await refresh?.();
      const n = ready.length;
      const rowCount = countRows(rows);
      setResult({
        ok: true,
        text: (l) =>
          tn(l, 'rf.added', { n, rows: rowCount }, { batch: batchName, rows: formatCount(rowCount, l), note: unsaved === null ? '' : tr(l, 'rf.unsaved', { err: storeText(unsaved, l) }) }),
      });
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      setResult({ ok: false, text: (l) => tr(l, 'imp.addFailed', { msg }) });
    } finally {
      setAdding(false);
    }
  };

  return (
    <section className="card import-section" aria-labelledby="import-reports-h">
      <header className="card-head">
        <h3 id="import-reports-h">{t('rf.title')}</h3>
        <span className="muted small">{t('rf.sub')}</span>
      </header>
      <div
        className={`drop-zone${over ? ' over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => void onDrop(e)}
      >
        <p className="drop-title">{t('rf.dropTitle')}</p>
        <p className="muted small">{t('rf.dropNote')}</p>
        <div className="drop-buttons">
          <label className="btn file-btn">
            {t('rf.chooseFiles')}
            <input
              type="file"
              name="report-files"
              multiple
              accept={ACCEPT}
              className="visually-hidden"
              onChange={(e) => {
                take([...(e.target.files ?? [])], []);
                e.target.value = '';
              }}
            />
          </label>
          <label className="btn btn-secondary file-btn">
            {t('imp.folder')}
            <input
              type="file"
              name="report-folder"
              multiple
              className="visually-hidden"
              {...{ webkitdirectory: '' }}
              onChange={(e) => {
                const r = filesFromFolderInput(e.target.files, isSupportedReportFile);
                take(r.files, r.skipped);
                e.target.value = '';
              }}
            />
          </label>
        </div>
      </div>
      {skipped.length ? (
        <p className="muted small">
          {tn(lang, 'rf.skipped', { n: skipped.length }, { names: skipped.slice(0, 5).join(t('filters.listSep')), more: skipped.length > 5 ? t('rf.skippedMore') : '' })}
        </p>
      ) : null}

      {items.length ? (
        <>
          <div className="progress-line" role="status" aria-live="polite">
            {tn(lang, 'rf.progress', { n: items.length }, { done: counts.done })}
            {counts.error ? <span className="warn">{t('rf.progressErr', { n: counts.error })}</span> : null}
            {counts.busy ? t('rf.progressBusy', { n: counts.busy }) : t('rf.progressDone')}
            {!counts.busy && (counts.error || reviewed.some((r) => r.item.added)) ? (
              <button type="button" className="btn-link" onClick={() => review.clearFinished()}>
                {t('rf.clearFinished')}
              </button>
            ) : null}
          </div>
          <table className="data file-status">
            <thead>
              <tr>
                <th>{t('imp.file')}</th>
                <th className="num">{t('imp.size')}</th>
                <th>{t('imp.status')}</th>
                <th>{t('rf.note')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => {
                const err = i.status.state === 'error' ? readError(i.status.message, i.name, lang) : null;
                const rep = i.status.state === 'done' ? i.status.report : null;
                return (
                  <tr key={i.job} data-state={i.added ? 'added' : i.status.state} data-file={i.name}>
                    <td className="file-name">{i.name}</td>
                    <td className="num">{formatBytes(i.size)}</td>
                    <td className={`state state-${i.status.state}`}>{t(i.added ? 'rf.state.added' : STATE_LABEL[i.status.state])}</td>
                    <td className="wrap">
                      {err ? (
                        // Chinese: the original (English) reason in the tooltip. English shows that original already.
                        <span className="warn" title={i.status.state === 'error' && lang === 'zh' ? i.status.message : undefined}>
                          {kv(lang, err.file, err.reason)}
                        </span>
                      ) : rep ? (
                        <span className="muted">
                          {rep.department.name ?? t('rf.unitUnknown')} · {rep.fiscalYear ?? t('rf.yearUnknown')}
                          {tn(lang, 'rf.doneSummary', { sangong: rep.sangong.length }, { problems: rep.problems.length })}
                        </span>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      ) : null}

      {pendingReview.length ? (
        <div className="review-list">
          <h3 className="review-h">{t('rf.reviewTitle', { n: pendingReview.length })}</h3>
          <p className="muted small">{t('rf.reviewNote')}</p>
          {pendingReview.map((rv, i) => (
            // Opened at first: the first report, and (among the first ten) those with failed checks.
            <ReviewCard key={rv.item.job} rv={rv} open={i === 0 || (i < 10 && rv.report.checks.some((c) => !c.passed))} />
          ))}
        </div>
      ) : null}
      {reviewed.some((r) => r.item.added) ? (
        <details className="added-list">
          <summary>{t('rf.addedList', { n: reviewed.filter((r) => r.item.added).length })}</summary>
          <ul>
            {reviewed
              .filter((r) => r.item.added)
              .map((r) => (
                <li key={r.item.job}>
                  <a href={hrefTo({ page: 'report', id: r.report.id }, filters)}>{r.report.department.name ?? r.item.name}</a>{' '}
                  <span className="muted small">
                    {r.item.name} · {r.report.fiscalYear ?? '—'}
                  </span>
                </li>
              ))}
          </ul>
        </details>
      ) : null}

      {pendingReview.length ? (
        <div className="add-bar">
          <label className="batch-name">
            <span>{t('rf.batchLabel')}</span>
            <input type="text" value={name} placeholder={defaultBatchName(ready.length, lang)} onChange={(e) => setName(e.target.value)} />
          </label>
          <button type="button" className="btn" onClick={() => void add()} disabled={adding || !ready.length || counts.busy > 0} data-action="add-reports">
            {adding ? t('rf.adding') : tn(lang, 'rf.add', { n: ready.length })}
          </button>
          <span className="muted small">
            {counts.busy ? t('rf.wait') : ''}
            {corrections.length ? tn(lang, 'rf.corrections', { n: corrections.length }) : ''}
            {pendingReview.length - ready.length ? t('rf.notAdded', { n: pendingReview.length - ready.length }) : ''}
          </span>
        </div>
      ) : null}
      <ResultNote note={result} lang={lang} filters={filters} />
    </section>
  );
}

function countRows(rows: Record<string, unknown[]> | object): number {
  return Object.values(rows as Record<string, unknown[]>).reduce((a, t) => a + t.length, 0);
}
