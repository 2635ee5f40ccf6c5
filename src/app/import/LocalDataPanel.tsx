/**
 * 本地数据: the imported batches kept in this browser (IndexedDB), with 删除 per batch and 全部清除. Deleting takes
 * the batch's rows out of the running dataset too; the shipped data is never touched.
 */
import { useEffect, useState } from 'react';
import { useData } from '../data';
import { formatCount } from '../format';
import type { BatchEntry } from '../storage/batches';
import { indexedDbAvailable } from '../storage/local-store';
import { formatBytes } from './download';

function when(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (x: number) => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

const STATUS: Record<BatchEntry['status'], string> = {
  loaded: '已加载',
  failed: '未加载',
  unsaved: '仅本次会话（未能保存）',
};

export function LocalDataPanel() {
  const { local, refresh, revision = 0 } = useData();
  const [entries, setEntries] = useState<BatchEntry[] | null>(null);
  const [confirm, setConfirm] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const available = indexedDbAvailable();

  useEffect(() => {
    let live = true;
    void local?.entries().then((e) => live && setEntries(e));
    return () => {
      live = false;
    };
  }, [local, revision]);

  const run = async (what: () => Promise<void>, done: string) => {
    setBusy(true);
    setMsg(null);
    try {
      await what();
      await refresh?.();
      setMsg({ ok: true, text: done });
    } catch (e) {
      setMsg({ ok: false, text: `操作失败：${e instanceof Error ? e.message : String(e)}` });
    } finally {
      setBusy(false);
      setConfirm(null);
    }
  };

  const list = entries ?? [];
  const totalBytes = list.reduce((a, e) => a + e.meta.bytes, 0);

  return (
    <section className="card import-section local-data" aria-labelledby="local-data-h">
      <header className="card-head">
        <h3 id="local-data-h">③ 本地数据</h3>
        <span className="muted small">{list.length ? `${list.length} 个批次 · ${formatBytes(totalBytes)}` : ''}</span>
      </header>
      <p className="privacy-note">
        <strong>数据只保存在本浏览器中，不会上传。</strong>
        导入的数据保存在本机浏览器的 IndexedDB 里，下次打开本页面时自动恢复；换一台电脑或浏览器、清除浏览器数据后就不再存在。需要备份或分享时请用下方“导出数据集”。
      </p>
      {!available ? <p className="warn">本浏览器不支持或禁用了本地存储（IndexedDB）：导入的数据只在本次打开期间有效。</p> : null}
      {entries === null ? (
        <p className="muted">正在读取…</p>
      ) : list.length === 0 ? (
        <p className="muted local-empty">本浏览器中还没有保存任何导入的数据。</p>
      ) : (
        <div className="table-scroll">
          <table className="data local-batches">
            <thead>
              <tr>
                <th>批次</th>
                <th>导入时间</th>
                <th>来源</th>
                <th className="num">报告</th>
                <th className="num">行数</th>
                <th className="num">大小</th>
                <th>状态</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.map((e) => (
                <tr key={e.meta.id} data-batch={e.meta.id}>
                  <td className="wrap">
                    {e.meta.name}
                    {e.meta.corrections.length ? (
                      <details className="small">
                        <summary>{e.meta.corrections.length} 处人工更正</summary>
                        <ul>
                          {e.meta.corrections.map((c, i) => (
                            <li key={i}>
                              {c.file}：{c.label} 原值 {c.from}，改为 {c.to}
                            </li>
                          ))}
                        </ul>
                      </details>
                    ) : null}
                  </td>
                  <td>{when(e.meta.createdAt)}</td>
                  <td>{e.meta.source === 'reports' ? `报告文件 ${e.meta.files.length} 个` : `数据集文件 ${e.meta.files.length} 个`}</td>
                  <td className="num">{formatCount(e.meta.reportIds.length)}</td>
                  <td className="num">{formatCount(e.meta.rowCount)}</td>
                  <td className="num">{formatBytes(e.meta.bytes)}</td>
                  <td className={e.status === 'loaded' ? 'ok' : 'warn'} title={e.error ?? ''}>
                    {STATUS[e.status]}
                    {e.error ? <div className="small muted">{e.error}</div> : null}
                  </td>
                  <td className="actions">
                    {confirm === e.meta.id ? (
                      <>
                        <button
                          type="button"
                          className="btn btn-danger"
                          disabled={busy}
                          onClick={() => void run(() => local!.remove(e.meta.id), `已删除批次“${e.meta.name}”。`)}
                        >
                          确认删除
                        </button>
                        <button type="button" className="btn-link" onClick={() => setConfirm(null)}>
                          取消
                        </button>
                      </>
                    ) : (
                      <button type="button" className="btn-link danger" disabled={busy} onClick={() => setConfirm(e.meta.id)} aria-label={`删除批次 ${e.meta.name}`}>
                        删除
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.length ? (
        <div className="add-bar">
          {confirm === '*' ? (
            <>
              <span className="warn">将从本浏览器和当前数据集中删除全部 {list.length} 个导入批次（内置数据不受影响）。</span>
              <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void run(() => local!.clear(), '已清除本浏览器中保存的全部导入数据。')}>
                确认全部清除
              </button>
              <button type="button" className="btn-link" onClick={() => setConfirm(null)}>
                取消
              </button>
            </>
          ) : (
            <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => setConfirm('*')}>
              全部清除
            </button>
          )}
        </div>
      ) : null}
      {msg ? (
        <p className={msg.ok ? 'import-ok' : 'error-panel compact'} role={msg.ok ? 'status' : 'alert'}>
          {msg.text}
        </p>
      ) : null}
    </section>
  );
}
