/**
 * 导入数据集: files in the normalized format (a CSV per table, the JSON export, Arrow IPC — what the export below
 * writes, and the CLI's JSON). importFiles validates row by row; bad rows are listed with file, table, row number
 * and reason; the good rows are added as one batch; data already loaded is never changed (duplicates refused).
 */
import { useMemo, useState, type DragEvent } from 'react';
import { insertRows } from '../../io/dataset-sql';
import { createViews } from '../../metrics/views';
import { importFiles, type ImportProblem, type ImportResult } from '../../io/import';
import { formatOfFile } from '../../io/formats';
import { TABLE_NAMES } from '../../model/tables';
import { downloadText, toCsvExport } from '../csv-export';
import { useData } from '../data';
import { formatCount } from '../format';
import { filesFromDrop, filesFromFolderInput } from './drop';
import { importProblemZh } from './messages-zh';

const TABLE_ZH: Record<string, string> = {
  reports: '报告',
  budget_lines: '预算明细',
  sangong: '三公经费',
  indicators: '绩效指标',
  problems: '问题',
  problem_categories: '问题类别',
  checks: '校验',
  provenance: '出处',
};

const SHOWN = 300;

interface Parsed {
  files: string[];
  result: ImportResult;
}

function rowTotal(r: ImportResult): number {
  return TABLE_NAMES.reduce((a, t) => a + r.rows[t].length, 0);
}

export function DatasetImport() {
  const { db, local, refresh } = useData();
  const [parsed, setParsed] = useState<Parsed | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [over, setOver] = useState(false);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);

  const read = async (files: File[]) => {
    setMsg(null);
    setParsed(null);
    if (!files.length) return;
    setBusy(`正在读取并校验 ${files.length} 个文件…`);
    try {
      const inputs = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
      const existing = new Set((await db.query<{ id: string }>('SELECT report_id AS id FROM reports')).map((r) => r.id));
      const result = await importFiles(inputs, { existingReportIds: existing });
      setParsed({ files: files.map((f) => f.name), result });
    } catch (e) {
      setMsg({ ok: false, text: `无法读取这些文件：${e instanceof Error ? e.message : String(e)}` });
    } finally {
      setBusy(null);
    }
  };

  const add = async () => {
    if (!parsed) return;
    const { result, files } = parsed;
    setBusy('正在加入数据集…');
    try {
      const name = `数据集文件：${files.slice(0, 3).join('、')}${files.length > 3 ? ` 等 ${files.length} 个` : ''}`;
      let note = '';
      if (local) {
        const entry = await local.add(result.rows, { name, source: 'dataset', files });
        if (entry.status === 'unsaved') note = `；但未能保存到本浏览器（${entry.error ?? ''}）`;
      } else {
        await insertRows(db, result.rows);
        await createViews(db);
      }
      await refresh?.();
      setMsg({
        ok: true,
        text: `已加入 ${formatCount(result.rows.reports.length)} 份报告、共 ${formatCount(rowTotal(result))} 行${note}。${result.problems.length ? `${formatCount(result.problems.length)} 个问题行未加入。` : ''}`,
      });
      setParsed(null);
    } catch (e) {
      setMsg({ ok: false, text: `未能加入：${e instanceof Error ? e.message : String(e)}（数据集未改动）` });
    } finally {
      setBusy(null);
    }
  };

  const exportProblems = () => {
    if (!parsed) return;
    const csv = toCsvExport(
      ['文件', '表', '行号', '列', '原因', '原因（英文原文）'],
      parsed.result.problems.map((p) => [p.file, p.table ?? '', p.row || '', p.column, importProblemZh(p.message), p.message]),
    );
    downloadText(`perfatlas-导入问题-${new Date().toISOString().slice(0, 10)}.csv`, csv);
  };

  const onDrop = async (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const { files } = await filesFromDrop(e.dataTransfer, (n) => formatOfFile(n) !== null);
    await read(files);
  };

  const result = parsed?.result;
  const total = result ? rowTotal(result) : 0;
  const perTable = useMemo(() => (result ? TABLE_NAMES.filter((t) => result.rows[t].length).map((t) => `${TABLE_ZH[t]} ${formatCount(result.rows[t].length)}`) : []), [result]);

  return (
    <section className="card import-section" aria-labelledby="import-dataset-h">
      <header className="card-head">
        <h3 id="import-dataset-h">② 导入数据集</h3>
        <span className="muted small">本应用导出的格式：每表一个 CSV（reports.csv、sangong.csv…）、JSON 或 Arrow IPC；也接受命令行抽取工具输出的 JSON</span>
      </header>
      <div
        className={`drop-zone small-zone${over ? ' over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => void onDrop(e)}
      >
        <p className="drop-title">把数据集文件拖到这里，或</p>
        <div className="drop-buttons">
          <label className="btn file-btn">
            选择数据集文件…
            <input
              type="file"
              name="dataset-files"
              multiple
              accept=".csv,.json,.arrow,.arrows,.ipc,.feather"
              className="visually-hidden"
              onChange={(e) => {
                void read([...(e.target.files ?? [])]);
                e.target.value = '';
              }}
            />
          </label>
          <label className="btn btn-secondary file-btn">
            选择文件夹…
            <input
              type="file"
              name="dataset-folder"
              multiple
              className="visually-hidden"
              {...{ webkitdirectory: '' }}
              onChange={(e) => {
                void read(filesFromFolderInput(e.target.files, (n) => formatOfFile(n) !== null).files);
                e.target.value = '';
              }}
            />
          </label>
        </div>
        <p className="muted small">逐行校验：有问题的行会列出文件、表、行号和原因，其余行照常加入；已在数据集中的报告不会被改动或重复加入。</p>
      </div>
      {busy ? (
        <p className="muted" role="status" aria-busy="true">
          {busy}
        </p>
      ) : null}
      {parsed && result ? (
        <div className="dataset-result" data-testid="dataset-result">
          <p className="dataset-summary" role="status">
            读取 {parsed.files.length} 个文件：可加入 <strong>{formatCount(result.rows.reports.length)}</strong> 份报告、共{' '}
            <strong>{formatCount(total)}</strong> 行{perTable.length ? `（${perTable.join('，')}）` : ''}；
            {result.problems.length ? <span className="warn">{formatCount(result.problems.length)} 个问题</span> : '没有发现问题'}。
          </p>
          {result.problems.length ? <ProblemTable problems={result.problems} onExport={exportProblems} /> : null}
          <div className="add-bar">
            <button type="button" className="btn" disabled={!total || !!busy} onClick={() => void add()} data-action="add-dataset">
              {total ? `加入数据集（${formatCount(result.rows.reports.length)} 份报告，${formatCount(total)} 行）` : '没有可加入的行'}
            </button>
            <button type="button" className="btn-link" onClick={() => setParsed(null)}>
              放弃
            </button>
          </div>
        </div>
      ) : null}
      {msg ? (
        <p className={msg.ok ? 'import-ok' : 'error-panel compact'} role={msg.ok ? 'status' : 'alert'}>
          {msg.text}
          {msg.ok ? (
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

function ProblemTable({ problems, onExport }: { problems: ImportProblem[]; onExport: () => void }) {
  return (
    <div className="problem-list">
      <div className="card-head">
        <h4>未加入的行和文件问题</h4>
        <button type="button" className="btn-link" onClick={onExport}>
          导出问题清单 CSV
        </button>
      </div>
      <div className="table-scroll">
        <table className="data import-problems">
          <thead>
            <tr>
              <th>文件</th>
              <th>表</th>
              <th className="num" title="CSV：表头之后的第几行；JSON：列表中的第几项；Arrow：第几行">行号</th>
              <th>列</th>
              <th>原因</th>
            </tr>
          </thead>
          <tbody>
            {problems.slice(0, SHOWN).map((p, i) => (
              <tr key={i} data-row={p.row}>
                <td>{p.file}</td>
                <td>{p.table ? `${p.table}（${TABLE_ZH[p.table] ?? ''}）` : '—'}</td>
                <td className="num">{p.row ? p.row : '整个文件'}</td>
                <td>{p.column ? <code>{p.column}</code> : '—'}</td>
                <td className="wrap" title={p.message}>
                  {importProblemZh(p.message)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {problems.length > SHOWN ? (
        <p className="muted small">
          只显示前 {SHOWN} 个问题，共 {formatCount(problems.length)} 个；完整清单请导出 CSV。
        </p>
      ) : null}
    </div>
  );
}
