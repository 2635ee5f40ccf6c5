/**
 * 本地数据: the imported batches kept in this browser (IndexedDB), with 删除 per batch and 全部清除. Deleting takes
 * the batch's rows out of the running dataset too; the shipped data is never touched.
 */
import { useEffect, useState } from 'react';
import { useData } from '../data';
import { formatCount } from '../format';
import type { BatchEntry } from '../storage/batches';
import { indexedDbAvailable } from '../storage/local-store';
import { storeText } from '../storage/store-messages';
import { formatBytes } from './download';
import type { MessageKey } from '../i18n/messages';
import { tn } from '../i18n/plural';
import { useLang, useT } from '../i18n/use-t';

function when(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (x: number) => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

const STATUS: Record<BatchEntry['status'], MessageKey> = {
  loaded: 'ld.status.loaded',
  failed: 'ld.status.failed',
  unsaved: 'ld.status.unsaved',
};

export function LocalDataPanel() {
  const { local, refresh, revision = 0 } = useData();
  const lang = useLang();
  const t = useT();
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
      setMsg({ ok: false, text: t('ld.failed', { msg: storeText(e instanceof Error ? e.message : String(e), lang) }) });
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
        <h3 id="local-data-h">{t('ld.title')}</h3>
        <span className="muted small">{list.length ? tn(lang, 'ld.sub', { n: list.length }, { size: formatBytes(totalBytes) }) : ''}</span>
      </header>
      <p className="privacy-note">
        <strong>{t('ld.privacyStrong')}</strong>
        {t('ld.privacy')}
      </p>
      {!available ? <p className="warn">{t('ld.noIdb')}</p> : null}
      {entries === null ? (
        <p className="muted">{t('ld.reading')}</p>
      ) : list.length === 0 ? (
        <p className="muted local-empty">{t('ld.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data local-batches">
            <thead>
              <tr>
                <th>{t('ld.batch')}</th>
                <th>{t('ld.time')}</th>
                <th>{t('ld.source')}</th>
                <th className="num">{t('ld.reports')}</th>
                <th className="num">{t('ld.rows')}</th>
                <th className="num">{t('imp.size')}</th>
                <th>{t('imp.status')}</th>
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
                        <summary>{tn(lang, 'ld.corrections', { n: e.meta.corrections.length })}</summary>
                        <ul>
                          {e.meta.corrections.map((c, i) => (
                            <li key={i}>
                              {t('ld.correction', { file: c.file, label: c.label, from: c.from, to: c.to })}
                            </li>
                          ))}
                        </ul>
                      </details>
                    ) : null}
                  </td>
                  <td>{when(e.meta.createdAt)}</td>
                  <td>{tn(lang, e.meta.source === 'reports' ? 'ld.fromReports' : 'ld.fromDataset', { n: e.meta.files.length })}</td>
                  <td className="num">{formatCount(e.meta.reportIds.length, lang)}</td>
                  <td className="num">{formatCount(e.meta.rowCount, lang)}</td>
                  <td className="num">{formatBytes(e.meta.bytes)}</td>
                  <td className={e.status === 'loaded' ? 'ok' : 'warn'} title={e.error ? storeText(e.error, lang) : ''}>
                    {t(STATUS[e.status])}
                    {e.error ? <div className="small muted">{storeText(e.error, lang)}</div> : null}
                  </td>
                  <td className="actions">
                    {confirm === e.meta.id ? (
                      <>
                        <button
                          type="button"
                          className="btn btn-danger"
                          disabled={busy}
                          onClick={() => void run(() => local!.remove(e.meta.id), t('ld.deleted', { name: e.meta.name }))}
                        >
                          {t('ld.confirmDelete')}
                        </button>
                        <button type="button" className="btn-link" onClick={() => setConfirm(null)}>
                          {t('imp.cancel')}
                        </button>
                      </>
                    ) : (
                      <button type="button" className="btn-link danger" disabled={busy} onClick={() => setConfirm(e.meta.id)} aria-label={t('ld.deleteLabel', { name: e.meta.name })}>
                        {t('ld.delete')}
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
              <span className="warn">{tn(lang, 'ld.clearWarn', { n: list.length })}</span>
              <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void run(() => local!.clear(), t('ld.cleared'))}>
                {t('ld.confirmClear')}
              </button>
              <button type="button" className="btn-link" onClick={() => setConfirm(null)}>
                {t('imp.cancel')}
              </button>
            </>
          ) : (
            <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => setConfirm('*')}>
              {t('ld.clear')}
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
