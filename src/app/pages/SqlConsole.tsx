/**
 * SQL 控制台: read-only SQL over the dataset for researchers. The statement is checked by checkReadOnly before
 * anything reaches DuckDB (refusals in Chinese); results in a virtualized table with CSV export, row count and time.
 * The SQL that ran is kept in the URL (`q=`), so a link reproduces the query: it runs on load (it is read-only).
 */
import { Fragment, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { QueryClient, Row } from '../../db/client';
import { PageHead } from '../components/bits';
import { ResultTable } from '../components/ResultTable';
import { downloadText, toCsvExport } from '../csv-export';
import { useData, useQuery } from '../data';
import { formatCount } from '../format';
import {
  DEFAULT_SQL,
  EXAMPLES,
  RESULT_LIMIT,
  cleanDbError,
  errorKindZh,
  prepareConsoleSql,
  resultColumns,
} from '../sql-console';
import { setView, type ViewState } from '../url-state';
import { DERIVED_TABLE_NAMES, VIEW_NAMES } from '../../metrics/views';
import { TABLE_NAMES } from '../../model/tables';
import { tOr, translator, type MessageKey } from '../i18n/messages';
import { tn } from '../i18n/plural';
import { useLang, useT } from '../i18n/use-t';
import type { Lang } from '../i18n/labels';

type RunState =
  | { phase: 'idle' }
  | { phase: 'running'; sql: string }
  | { phase: 'done'; sql: string; rows: Row[]; columns: string[]; ms: number; truncated: boolean }
  | { phase: 'refused'; sql: string; reasonZh: string; reason: string }
  | { phase: 'error'; sql: string; message: string; ms: number };

/** Chinese wording (the zh dictionary's sql.note.*); shown through tOr so English gets its own. */
const TABLE_NOTES: Record<string, string> = {
  reports: '报告（每份报告一行）',
  budget_lines: '预算资金明细',
  sangong: '三公经费（原始行）',
  indicators: '绩效指标',
  problems: '存在的问题（原文句子）',
  problem_categories: '问题类别（每条问题每个类别一行）',
  checks: '数据校验结果',
  provenance: '字段出处（原文引用）',
  report_unit: '报告所属单位',
  sangong_long: '三公经费长表（含推算的合计与控制率）',
  unit_year: '单位 × 年度（执行率、三公、得分等）',
  sangong_unit: '各单位三公经费合计',
  problem_cat_report: '每份报告的问题类别',
  line_rate: '预算行执行率',
  indicator_missed: '未达标的绩效指标数',
  report_flags: '关注名单规则用到的指标',
};

interface SchemaRow extends Row {
  name: string;
  type: string;
  col: string;
  dtype: string;
}

async function schema(db: QueryClient): Promise<SchemaRow[]> {
  // information_schema lists views as BASE TABLE in this DuckDB: duckdb_views() tells them apart.
  return db.query<SchemaRow>(
    `SELECT c.table_name AS name,
            CASE WHEN v.view_name IS NULL THEN 'TABLE' ELSE 'VIEW' END AS type,
            c.column_name AS col, c.data_type AS dtype
     FROM information_schema.columns c
     LEFT JOIN (SELECT DISTINCT view_name FROM duckdb_views() WHERE NOT internal AND NOT temporary) v ON v.view_name = c.table_name
     WHERE c.table_schema = 'main' AND c.table_catalog = current_database() AND c.table_name NOT LIKE 'pa\\_%' ESCAPE '\\'
     ORDER BY type, c.table_name, c.ordinal_position`,
  );
}

/** The analysis relations createViews builds from the base tables (materialized as tables, or views). */
const DERIVED = new Set<string>([...VIEW_NAMES, ...DERIVED_TABLE_NAMES]);
type Kind = 'TABLE' | 'DERIVED' | 'VIEW';
const KIND_LABEL: Record<Kind, MessageKey> = { TABLE: 'sql.kind.TABLE', DERIVED: 'sql.kind.DERIVED', VIEW: 'sql.kind.VIEW' };
const KIND_HEAD: Record<Kind, MessageKey> = { TABLE: 'sql.head.TABLE', DERIVED: 'sql.head.DERIVED', VIEW: 'sql.head.VIEW' };

/** "Parser Error: …" → 语法错误 in Chinese; in English the engine's own kind ("Parser error"). */
function errorKind(message: string, lang: Lang): string {
  if (lang !== 'en') return errorKindZh(message);
  const m = /^([A-Za-z][A-Za-z ]*?) Error:/.exec(message.trim());
  return m ? `${m[1]} error` : 'Query error';
}
function kindOf(name: string, type: string): Kind {
  return DERIVED.has(name) ? 'DERIVED' : type === 'VIEW' ? 'VIEW' : 'TABLE';
}

/** The dataset's tables in their usual order, then the analysis tables, then views. */
function schemaOrder(a: [string, { kind: Kind }], b: [string, { kind: Kind }]): number {
  const rank = (x: [string, { kind: Kind }]) =>
    x[1].kind === 'VIEW' ? 3000 : x[1].kind === 'DERIVED' ? 2000 : (TABLE_NAMES as readonly string[]).indexOf(x[0]) >= 0 ? (TABLE_NAMES as readonly string[]).indexOf(x[0]) : 1000;
  return rank(a) - rank(b) || a[0].localeCompare(b[0]);
}

export function SqlConsole({ view }: { view: ViewState }) {
  const { db } = useData();
  const lang = useLang();
  const tr = useT();
  const [text, setText] = useState(view.q ?? DEFAULT_SQL);
  const [run, setRunState] = useState<RunState>({ phase: 'idle' });
  // Finished runs, as data-runs on the page (tests wait for the next one).
  const [finished, setFinished] = useState(0);
  const setRun = useCallback((r: RunState) => {
    setRunState(r);
    if (r.phase === 'done' || r.phase === 'error' || r.phase === 'refused') setFinished((n) => n + 1);
  }, []);
  const seq = useRef(0);
  const lastQ = useRef<string | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const schemaQ = useQuery(schema, ['sql-schema']);

  const execute = useCallback(
    async (sql: string) => {
      const my = ++seq.current;
      const p = prepareConsoleSql(sql);
      if (!p.ok) {
        setRun({ phase: 'refused', sql, reasonZh: p.reasonZh, reason: p.reason });
        return;
      }
      setRun({ phase: 'running', sql });
      const t0 = performance.now();
      try {
        const rows = await db.query(p.sql, { interruptible: true });
        const ms = performance.now() - t0;
        if (my !== seq.current) return;
        const truncated = p.wrapped && rows.length > RESULT_LIMIT;
        const shown = truncated ? rows.slice(0, RESULT_LIMIT) : rows;
        setRun({ phase: 'done', sql, rows: shown, columns: resultColumns(shown), ms, truncated });
      } catch (e) {
        if (my !== seq.current) return;
        const raw = e instanceof Error ? e.message : String(e);
        setRun({ phase: 'error', sql, message: cleanDbError(raw, p.wrapped), ms: performance.now() - t0 });
      }
    },
    [db, setRun],
  );

  // A link with q= (or back / forward to one) shows and runs that SQL.
  useEffect(() => {
    const q = view.q;
    if (!q || q === lastQ.current) return;
    lastQ.current = q;
    setText(q);
    void execute(q);
  }, [view.q, execute]);

  const runNow = (sql = text) => {
    lastQ.current = sql;
    // Each run is a history entry, so back returns to the previous query.
    setView({ q: sql });
    void execute(sql);
  };

  const cancel = async () => {
    const c = db as { cancel?: () => Promise<boolean> };
    seq.current++;
    setRun({ phase: 'idle' });
    if (typeof c.cancel === 'function') await c.cancel().catch(() => false);
  };

  const insert = (snippet: string) => {
    const el = area.current;
    if (!el) return setText((t) => t + snippet);
    const { selectionStart: a, selectionEnd: b } = el;
    const next = text.slice(0, a) + snippet + text.slice(b);
    setText(next);
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(a + snippet.length, a + snippet.length);
    });
  };

  const tables = useMemo(() => {
    const map = new Map<string, { kind: Kind; cols: { col: string; dtype: string }[] }>();
    for (const r of schemaQ.data ?? []) {
      const e = map.get(r.name) ?? { kind: kindOf(r.name, r.type), cols: [] };
      e.cols.push({ col: r.col, dtype: r.dtype });
      map.set(r.name, e);
    }
    return [...map.entries()].sort(schemaOrder);
  }, [schemaQ.data]);

  const exportCsv = () => {
    if (run.phase !== 'done') return;
    const csv = toCsvExport(
      run.columns,
      run.rows.map((r) => run.columns.map((c) => r[c])),
    );
    downloadText(`perfatlas-sql-${new Date().toISOString().slice(0, 10)}.csv`, csv);
  };

  return (
    <div className="page sql-page" data-runs={finished}>
      <PageHead title={tr('nav.sql')}>{tr('sql.lead')}</PageHead>
      <div className="sql-layout">
        <div className="sql-main">
          <div className="sql-examples" role="group" aria-label={tr('sql.examples')}>
            <span className="muted small">{tr('sql.examplesLabel')}</span>
            {EXAMPLES.map((x) => (
              <button
                key={x.id}
                type="button"
                className="tag"
                title={lang === 'en' ? tOr(lang, `sql.ex.${x.id}`, x.note) : x.note}
                onClick={() => {
                  setText(x.sql);
                  runNow(x.sql);
                }}
              >
                {tOr(lang, `sql.ex.${x.id}`, x.label)}
              </button>
            ))}
          </div>
          <label className="sql-editor">
            <span className="visually-hidden">{tr('sql.statement')}</span>
            <textarea
              ref={area}
              value={text}
              spellCheck={false}
              autoCapitalize="off"
              autoCorrect="off"
              rows={Math.min(18, Math.max(6, text.split('\n').length + 1))}
              onChange={(e) => setText(e.target.value)}
              onKeyDown={(e) => {
                if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
                  e.preventDefault();
                  runNow();
                }
              }}
              aria-describedby="sql-hint"
            />
          </label>
          <div className="sql-actions">
            <button type="button" className="btn" onClick={() => runNow()} disabled={!text.trim()}>
              {tr('sql.run')}
            </button>
            {run.phase === 'running' ? (
              <button type="button" className="btn-link" onClick={() => void cancel()}>
                {tr('sql.stop')}
              </button>
            ) : null}
            <span id="sql-hint" className="muted small">
              {tr('sql.hint', { n: formatCount(RESULT_LIMIT, lang) })}
            </span>
          </div>
          <ResultArea run={run} onExport={exportCsv} lang={lang} />
        </div>
        <aside className="card sql-schema" aria-label={tr('sql.schema')}>
          <header className="card-head">
            <h3>{tr('sql.schema')}</h3>
            <span className="muted small">{tr('sql.schemaHint')}</span>
          </header>
          {schemaQ.error ? <p className="warn">{tr('sql.schemaError', { msg: schemaQ.error.message })}</p> : null}
          {tables.map(([name, t], i) => (
            <Fragment key={name}>
              {i === 0 || tables[i - 1]![1].kind !== t.kind ? <h4 className="schema-group">{tr(KIND_HEAD[t.kind])}</h4> : null}
              <details className="schema-table">
                <summary>
                  <code>{name}</code> <span className="muted small">{tr(KIND_LABEL[t.kind])} · {tn(lang, 'sql.nCols', { n: t.cols.length })}</span>
                  {TABLE_NOTES[name] ? <div className="muted small">{tOr(lang, `sql.note.${name}`, TABLE_NOTES[name])}</div> : null}
                </summary>
                <div className="schema-actions">
                  <button
                    type="button"
                    className="btn-link"
                    onClick={() => {
                      const sql = `SELECT * FROM ${name} LIMIT 100`;
                      setText(sql);
                      runNow(sql);
                    }}
                  >
                    {tr('sql.first100')}
                  </button>
                  <button type="button" className="btn-link" onClick={() => runNow(`DESCRIBE ${name}`)}>
                    DESCRIBE
                  </button>
                </div>
                <ul className="schema-cols">
                  {t.cols.map((c) => (
                    <li key={c.col}>
                      <button type="button" className="btn-link" onClick={() => insert(c.col)} title={tr('sql.insertCol', { col: c.col })}>
                        {c.col}
                      </button>
                      <span className="muted small">{c.dtype}</span>
                    </li>
                  ))}
                </ul>
              </details>
            </Fragment>
          ))}
        </aside>
      </div>
    </div>
  );
}

function ResultArea({ run, onExport, lang }: { run: RunState; onExport: () => void; lang: Lang }) {
  const tr = translator(lang);
  if (run.phase === 'idle') return <p className="muted sql-status">{tr('sql.idle')}</p>;
  if (run.phase === 'running')
    return (
      <p className="muted sql-status" role="status" aria-busy="true">
        {tr('sql.running')}
      </p>
    );
  if (run.phase === 'refused')
    return (
      <div className="error-panel sql-refused" role="alert">
        <strong>{tr('sql.refused')}</strong>
        <pre>{lang === 'en' ? run.reason : run.reasonZh}</pre>
        <p className="small muted">{tr('sql.refusedNote')}</p>
      </div>
    );
  if (run.phase === 'error')
    return (
      <div className="error-panel sql-error" role="alert">
        <strong>
          {tr('sql.errorHead', { kind: errorKind(run.message, lang), ms: Math.round(run.ms) })}
        </strong>
        <pre className="mono">{run.message}</pre>
      </div>
    );
  return (
    <div className="sql-result">
      <div className="sql-meta" role="status">
        <span className="sql-rows">
          {tn(lang, 'sql.rows', { n: run.rows.length }, { n: formatCount(run.rows.length, lang) })}{run.columns.length ? tn(lang, 'sql.cols', { n: run.columns.length }) : ''}
        </span>
        <span className="sql-time">{tr('sql.time', { t: formatMs(run.ms) })}</span>
        {run.truncated ? <span className="warn">{tr('sql.truncated', { n: formatCount(RESULT_LIMIT, lang) })}</span> : null}
        <button type="button" className="btn" onClick={onExport} disabled={!run.rows.length}>
          {tr('sql.exportCsv')}
        </button>
      </div>
      {run.rows.length ? (
        <ResultTable rows={run.rows} columns={run.columns} label={tr('sql.resultLabel')} />
      ) : (
        <div className="empty-state" role="status">
          <strong>{tr('sql.empty')}</strong>
          <span>{tr('sql.emptyNote')}</span>
        </div>
      )}
    </div>
  );
}

function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${formatCount(Math.round(ms))} ms`;
}

export default SqlConsole;
