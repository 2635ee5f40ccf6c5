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

type RunState =
  | { phase: 'idle' }
  | { phase: 'running'; sql: string }
  | { phase: 'done'; sql: string; rows: Row[]; columns: string[]; ms: number; truncated: boolean }
  | { phase: 'refused'; sql: string; reasonZh: string; reason: string }
  | { phase: 'error'; sql: string; message: string; ms: number };

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
const KIND_LABEL: Record<Kind, string> = { TABLE: '表', DERIVED: '分析表', VIEW: '视图' };
const KIND_HEAD: Record<Kind, string> = { TABLE: '数据表', DERIVED: '分析表（由数据表计算，导入后自动重建）', VIEW: '视图' };
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
        const rows = await db.query(p.sql);
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
      <PageHead title="SQL 控制台">
        用 SQL 直接查询数据集（DuckDB 方言，只读）：写入、建表、读取文件或网址的语句会在执行前被拒绝。按 Ctrl+Enter（Mac 上 ⌘+Enter）执行；
        执行过的语句保存在地址中，复制链接即可复现查询。
      </PageHead>
      <div className="sql-layout">
        <div className="sql-main">
          <div className="sql-examples" role="group" aria-label="示例查询">
            <span className="muted small">示例：</span>
            {EXAMPLES.map((x) => (
              <button
                key={x.id}
                type="button"
                className="tag"
                title={x.note}
                onClick={() => {
                  setText(x.sql);
                  runNow(x.sql);
                }}
              >
                {x.label}
              </button>
            ))}
          </div>
          <label className="sql-editor">
            <span className="visually-hidden">SQL 语句</span>
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
              执行（Ctrl+Enter）
            </button>
            {run.phase === 'running' ? (
              <button type="button" className="btn-link" onClick={() => void cancel()}>
                停止
              </button>
            ) : null}
            <span id="sql-hint" className="muted small">
              只读：SELECT、WITH、FROM、VALUES、DESCRIBE、SHOW、SUMMARIZE、EXPLAIN；一次一条语句；最多显示 {formatCount(RESULT_LIMIT)} 行。
            </span>
          </div>
          <ResultArea run={run} onExport={exportCsv} />
        </div>
        <aside className="card sql-schema" aria-label="表和视图">
          <header className="card-head">
            <h3>表和视图</h3>
            <span className="muted small">点击列名插入</span>
          </header>
          {schemaQ.error ? <p className="warn">无法读取表结构：{schemaQ.error.message}</p> : null}
          {tables.map(([name, t], i) => (
            <Fragment key={name}>
              {i === 0 || tables[i - 1]![1].kind !== t.kind ? <h4 className="schema-group">{KIND_HEAD[t.kind]}</h4> : null}
              <details className="schema-table">
                <summary>
                  <code>{name}</code> <span className="muted small">{KIND_LABEL[t.kind]} · {t.cols.length} 列</span>
                  {TABLE_NOTES[name] ? <div className="muted small">{TABLE_NOTES[name]}</div> : null}
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
                    查看前 100 行
                  </button>
                  <button type="button" className="btn-link" onClick={() => runNow(`DESCRIBE ${name}`)}>
                    DESCRIBE
                  </button>
                </div>
                <ul className="schema-cols">
                  {t.cols.map((c) => (
                    <li key={c.col}>
                      <button type="button" className="btn-link" onClick={() => insert(c.col)} title={`插入列名 ${c.col}`}>
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

function ResultArea({ run, onExport }: { run: RunState; onExport: () => void }) {
  if (run.phase === 'idle') return <p className="muted sql-status">写好语句后点击“执行”，或选择上方的示例。</p>;
  if (run.phase === 'running')
    return (
      <p className="muted sql-status" role="status" aria-busy="true">
        正在查询…
      </p>
    );
  if (run.phase === 'refused')
    return (
      <div className="error-panel sql-refused" role="alert">
        <strong>已拒绝执行（未发送到数据库）</strong>
        <pre>{run.reasonZh}</pre>
        <p className="small muted">SQL 控制台只允许只读查询，不能修改数据、建表或读取文件与网址。</p>
      </div>
    );
  if (run.phase === 'error')
    return (
      <div className="error-panel sql-error" role="alert">
        <strong>
          {errorKindZh(run.message)}（DuckDB，{Math.round(run.ms)} ms）
        </strong>
        <pre className="mono">{run.message}</pre>
      </div>
    );
  return (
    <div className="sql-result">
      <div className="sql-meta" role="status">
        <span className="sql-rows">
          {formatCount(run.rows.length)} 行{run.columns.length ? ` × ${run.columns.length} 列` : ''}
        </span>
        <span className="sql-time">用时 {formatMs(run.ms)}</span>
        {run.truncated ? <span className="warn">结果超过 {formatCount(RESULT_LIMIT)} 行，只显示前 {formatCount(RESULT_LIMIT)} 行</span> : null}
        <button type="button" className="btn" onClick={onExport} disabled={!run.rows.length}>
          导出 CSV
        </button>
      </div>
      {run.rows.length ? (
        <ResultTable rows={run.rows} columns={run.columns} label="查询结果" />
      ) : (
        <div className="empty-state" role="status">
          <strong>查询没有返回任何行</strong>
          <span>语句已执行，但结果为空。</span>
        </div>
      )}
    </div>
  );
}

function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${formatCount(Math.round(ms))} ms`;
}

export default SqlConsole;
