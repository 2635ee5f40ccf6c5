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
import { formatBytes } from './download';
import { filesFromDrop, filesFromFolderInput } from './drop';
import { readErrorZh } from './messages-zh';
import { ReviewCard } from './ReviewCard';
import { isSupportedReportFile, review, reviewAll, useReviewItems, type ReviewItem } from './review';

const ACCEPT = '.txt,.html,.htm,.docx,.pdf,text/plain,text/html,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const STATE_LABEL: Record<ReviewItem['status']['state'], string> = {
  queued: '排队中',
  reading: '读取中…',
  extracting: '抽取中…',
  done: '已抽取',
  error: '出错',
};

async function reportIds(db: QueryClient): Promise<string[]> {
  return (await db.query<{ id: string }>('SELECT report_id AS id FROM reports')).map((r) => r.id);
}

function defaultBatchName(n: number): string {
  const d = new Date();
  const p = (x: number) => String(x).padStart(2, '0');
  return `报告文件 ${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}（${n} 份）`;
}

export function ReportFiles() {
  const { db, local, refresh } = useData();
  const items = useReviewItems();
  const ids = useQuery(reportIds, ['import-report-ids']);
  const existing = useMemo(() => new Set(ids.data ?? []), [ids.data]);
  const reviewed = useMemo(() => reviewAll(items, existing), [items, existing]);
  const [over, setOver] = useState(false);
  const [skippedNote, setSkippedNote] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [adding, setAdding] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  const take = (files: File[], skipped: string[]) => {
    setResult(null);
    setSkippedNote(skipped.length ? `文件夹中有 ${skipped.length} 个文件不是报告格式（.txt .html .docx .pdf），已跳过：${skipped.slice(0, 5).join('、')}${skipped.length > 5 ? ' 等' : ''}` : null);
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
      const batchName = name.trim() || defaultBatchName(ready.length);
      let batch = 'session';
      let note = '';
      if (local) {
        const entry = await local.add(rows, { name: batchName, source: 'reports', files: ready.map((r) => r.item.name), corrections });
        batch = entry.meta.id;
        if (entry.status === 'unsaved') note = `；但未能保存到本浏览器（${entry.error ?? ''}），关闭页面后需要重新导入`;
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
      setResult({ ok: true, text: `已加入 ${ready.length} 份报告（批次“${batchName}”，${formatCount(countRows(rows))} 行）${note}。各分析页面已更新。` });
    } catch (e) {
      setResult({ ok: false, text: `未能加入：${e instanceof Error ? e.message : String(e)}（数据集未改动）` });
    } finally {
      setAdding(false);
    }
  };

  return (
    <section className="card import-section" aria-labelledby="import-reports-h">
      <header className="card-head">
        <h3 id="import-reports-h">① 导入报告文件</h3>
        <span className="muted small">与命令行抽取工具相同的代码，在浏览器后台线程中运行</span>
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
        <p className="drop-title">把报告文件或文件夹拖到这里</p>
        <p className="muted small">支持 .txt、.html、.docx、.pdf（文字版 PDF；扫描件无法读取）。单个文件不超过 20 MB。</p>
        <div className="drop-buttons">
          <label className="btn file-btn">
            选择文件…
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
            选择文件夹…
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
      {skippedNote ? <p className="muted small">{skippedNote}</p> : null}

      {items.length ? (
        <>
          <div className="progress-line" role="status" aria-live="polite">
            共 {items.length} 个文件：已抽取 {counts.done}
            {counts.error ? <span className="warn">，出错 {counts.error}</span> : null}
            {counts.busy ? `，处理中 ${counts.busy}` : '，全部处理完毕'}
            {!counts.busy && (counts.error || reviewed.some((r) => r.item.added)) ? (
              <button type="button" className="btn-link" onClick={() => review.clearFinished()}>
                清除已完成和出错的文件
              </button>
            ) : null}
          </div>
          <table className="data file-status">
            <thead>
              <tr>
                <th>文件</th>
                <th className="num">大小</th>
                <th>状态</th>
                <th>说明</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => {
                const err = i.status.state === 'error' ? readErrorZh(i.status.message, i.name) : null;
                const rep = i.status.state === 'done' ? i.status.report : null;
                return (
                  <tr key={i.job} data-state={i.added ? 'added' : i.status.state} data-file={i.name}>
                    <td className="file-name">{i.name}</td>
                    <td className="num">{formatBytes(i.size)}</td>
                    <td className={`state state-${i.status.state}`}>{i.added ? '已加入' : STATE_LABEL[i.status.state]}</td>
                    <td className="wrap">
                      {err ? (
                        <span className="warn" title={i.status.state === 'error' ? i.status.message : ''}>
                          {err.file}：{err.reason}
                        </span>
                      ) : rep ? (
                        <span className="muted">
                          {rep.department.name ?? '单位未识别'} · {rep.fiscalYear ?? '年度未识别'} · 三公 {rep.sangong.length} 行 · 问题 {rep.problems.length} 条
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
          <h3 className="review-h">核对抽取结果（{pendingReview.length} 份）</h3>
          <p className="muted small">
            每个字段旁是它在原文中的出处（数字已高亮）。发现抽取错误可直接更正：更正会记录为“人工更正：原值 …”并重新运行数据校验。
          </p>
          {pendingReview.map((rv, i) => (
            // Opened at first: the first report, and (among the first ten) those with failed checks.
            <ReviewCard key={rv.item.job} rv={rv} open={i === 0 || (i < 10 && rv.report.checks.some((c) => !c.passed))} />
          ))}
        </div>
      ) : null}
      {reviewed.some((r) => r.item.added) ? (
        <details className="added-list">
          <summary>已加入的报告（{reviewed.filter((r) => r.item.added).length}）</summary>
          <ul>
            {reviewed
              .filter((r) => r.item.added)
              .map((r) => (
                <li key={r.item.job}>
                  <a href={`#/report/${encodeURIComponent(r.report.id)}`}>{r.report.department.name ?? r.item.name}</a>{' '}
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
            <span>批次名称</span>
            <input type="text" value={name} placeholder={defaultBatchName(ready.length)} onChange={(e) => setName(e.target.value)} />
          </label>
          <button type="button" className="btn" onClick={() => void add()} disabled={adding || !ready.length || counts.busy > 0} data-action="add-reports">
            {adding ? '正在加入…' : `加入数据集（${ready.length} 份报告）`}
          </button>
          <span className="muted small">
            {counts.busy ? '请等待全部文件处理完毕。' : ''}
            {corrections.length ? `含 ${corrections.length} 处人工更正。` : ''}
            {pendingReview.length - ready.length ? `${pendingReview.length - ready.length} 份不会加入（未勾选、重复或输入无效）。` : ''}
          </span>
        </div>
      ) : null}
      {result ? (
        <p className={result.ok ? 'import-ok' : 'error-panel compact'} role={result.ok ? 'status' : 'alert'}>
          {result.text}
          {result.ok ? (
            <>
              {' '}
              <a href="#/table">查看对比表 →</a>
            </>
          ) : null}
        </p>
      ) : null}
    </section>
  );
}

function countRows(rows: Record<string, unknown[]> | object): number {
  return Object.values(rows as Record<string, unknown[]>).reduce((a, t) => a + t.length, 0);
}
