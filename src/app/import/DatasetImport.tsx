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
import type { Lang } from '../i18n/labels';
import { isMessageKey, t as tr } from '../i18n/messages';
import { tn } from '../i18n/plural';
import { useLang, useT } from '../i18n/use-t';
import { useAppState } from '../url-state';
import { filesFromDrop, filesFromFolderInput } from './drop';
import { importProblem } from './messages-zh';
import { storeText } from '../storage/store-messages';
import { ResultNote, type Note } from './ResultNote';

/** A table's name in words ("预算明细" / "budget lines"); '' for a name that is not a table. */
function tableLabel(table: string, lang: Lang): string {
  const key = `imp.table.${table}`;
  return isMessageKey(key) ? tr(lang, key) : '';
}


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
  const lang = useLang();
  const t = useT();
  const { filters } = useAppState();
  const [parsed, setParsed] = useState<Parsed | null>(null);
  const [busy, setBusy] = useState<((lang: Lang) => string) | null>(null);
  const [over, setOver] = useState(false);
  const [msg, setMsg] = useState<Note | null>(null);

  const read = async (files: File[]) => {
    setMsg(null);
    setParsed(null);
    if (!files.length) return;
    const n = files.length;
    setBusy(() => (l: Lang) => tn(l, 'ds.reading', { n }));
    try {
      const inputs = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
      const existing = new Set((await db.query<{ id: string }>('SELECT report_id AS id FROM reports')).map((r) => r.id));
      const result = await importFiles(inputs, { existingReportIds: existing });
      setParsed({ files: files.map((f) => f.name), result });
    } catch (e) {
      const m = e instanceof Error ? e.message : String(e);
      setMsg({ ok: false, text: (l) => tr(l, 'ds.readFailed', { msg: m }) });
    } finally {
      setBusy(null);
    }
  };

  const add = async () => {
    if (!parsed) return;
    const { result, files } = parsed;
    setBusy(() => (l: Lang) => tr(l, 'ds.adding'));
    try {
      const name = t('ds.batchName', { names: files.slice(0, 3).join(t('filters.listSep')), more: files.length > 3 ? t('ds.batchMore', { n: files.length }) : '' });
      let unsaved: string | null = null;
      if (local) {
        const entry = await local.add(result.rows, { name, source: 'dataset', files });
        if (entry.status === 'unsaved') unsaved = entry.error ?? '';
      } else {
        await insertRows(db, result.rows);
        await createViews(db);
      }
      await refresh?.();
      const reports = result.rows.reports.length;
      const rows = rowTotal(result);
      const problems = result.problems.length;
      setMsg({
        ok: true,
        text: (l) =>
          tn(l, 'ds.added', { reports, rows }, {
            reports: formatCount(reports, l),
            rows: formatCount(rows, l),
            note: unsaved === null ? '' : tr(l, 'imp.unsaved', { err: storeText(unsaved, l) }),
            problems: problems ? tn(l, 'ds.addedProblems', { n: problems }, { n: formatCount(problems, l) }) : '',
          }),
      });
      setParsed(null);
    } catch (e) {
      const m = e instanceof Error ? e.message : String(e);
      setMsg({ ok: false, text: (l) => tr(l, 'imp.addFailed', { msg: m }) });
    } finally {
      setBusy(null);
    }
  };

  const exportProblems = () => {
    if (!parsed) return;
    const csv = toCsvExport(
      [t('ds.csv.file'), t('ds.csv.table'), t('ds.csv.row'), t('ds.csv.column'), t('ds.csv.reason'), t('ds.csv.reasonEn')],
      parsed.result.problems.map((p) => [p.file, p.table ?? '', p.row || '', p.column, importProblem(p.message, lang), p.message]),
    );
    downloadText(t('ds.csv.name', { date: new Date().toISOString().slice(0, 10) }), csv);
  };

  const onDrop = async (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const { files } = await filesFromDrop(e.dataTransfer, (n) => formatOfFile(n) !== null);
    await read(files);
  };

  const result = parsed?.result;
  const total = result ? rowTotal(result) : 0;
  const perTable = useMemo(
    () => (result ? TABLE_NAMES.filter((n) => result.rows[n].length).map((n) => `${tableLabel(n, lang)} ${formatCount(result.rows[n].length, lang)}`) : []),
    [result, lang],
  );

  return (
    <section className="card import-section" aria-labelledby="import-dataset-h">
      <header className="card-head">
        <h3 id="import-dataset-h">{t('ds.title')}</h3>
        <span className="muted small">{t('ds.sub')}</span>
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
        <p className="drop-title">{t('ds.dropTitle')}</p>
        <div className="drop-buttons">
          <label className="btn file-btn">
            {t('ds.chooseFiles')}
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
            {t('imp.folder')}
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
        <p className="muted small">{t('ds.dropNote')}</p>
      </div>
      {busy ? (
        <p className="muted" role="status" aria-busy="true">
          {busy(lang)}
        </p>
      ) : null}
      {parsed && result ? (
        <div className="dataset-result" data-testid="dataset-result">
          <p className="dataset-summary" role="status">
            {tn(lang, 'ds.summary1', { n: parsed.files.length })}
            <strong>{formatCount(result.rows.reports.length, lang)}</strong>
            {tn(lang, 'ds.summary2', { n: result.rows.reports.length })}
            <strong>{formatCount(total, lang)}</strong>
            {tn(lang, 'ds.summary3', { n: total })}
            {perTable.length ? t('ds.perTable', { list: perTable.join(t('ds.perTableSep')) }) : ''}
            {t('ds.summarySep')}
            {result.problems.length ? <span className="warn">{tn(lang, 'ds.problems', { n: result.problems.length }, { n: formatCount(result.problems.length, lang) })}</span> : t('ds.noProblems')}
            {t('ds.end')}
          </p>
          {result.problems.length ? <ProblemTable problems={result.problems} onExport={exportProblems} /> : null}
          <div className="add-bar">
            <button type="button" className="btn" disabled={!total || !!busy} onClick={() => void add()} data-action="add-dataset">
              {total
                ? tn(lang, 'ds.addBtn', { reports: result.rows.reports.length, rows: total }, { reports: formatCount(result.rows.reports.length, lang), rows: formatCount(total, lang) })
                : t('ds.nothing')}
            </button>
            <button type="button" className="btn-link" onClick={() => setParsed(null)}>
              {t('imp.discard')}
            </button>
          </div>
        </div>
      ) : null}
      <ResultNote note={msg} lang={lang} filters={filters} />
    </section>
  );
}

function ProblemTable({ problems, onExport }: { problems: ImportProblem[]; onExport: () => void }) {
  const lang = useLang();
  const t = useT();
  return (
    <div className="problem-list">
      <div className="card-head">
        <h4>{t('ds.problemsTitle')}</h4>
        <button type="button" className="btn-link" onClick={onExport}>
          {t('ds.exportProblems')}
        </button>
      </div>
      <div className="table-scroll">
        <table className="data import-problems">
          <thead>
            <tr>
              <th>{t('imp.file')}</th>
              <th>{t('ds.head.table')}</th>
              <th className="num" title={t('ds.rowTitle')}>
                {t('ds.head.row')}
              </th>
              <th>{t('ds.head.column')}</th>
              <th>{t('ds.head.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {problems.slice(0, SHOWN).map((p, i) => (
              <tr key={i} data-row={p.row}>
                <td>{p.file}</td>
                <td>{p.table ? t('ds.tableCell', { table: p.table, label: tableLabel(p.table, lang) }) : '—'}</td>
                <td className="num">{p.row ? p.row : t('ds.wholeFile')}</td>
                <td>{p.column ? <code>{p.column}</code> : '—'}</td>
                <td className="wrap" title={p.message}>
                  {importProblem(p.message, lang)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {problems.length > SHOWN ? (
        <p className="muted small">{t('ds.shownOnly', { shown: SHOWN, n: formatCount(problems.length, lang) })}</p>
      ) : null}
    </div>
  );
}
