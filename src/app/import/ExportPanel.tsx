/**
 * 导出数据集: everything in the running database (shipped + imported) in the normalized format — one CSV per table
 * (UTF-8 with BOM) plus manifest.json, one JSON file, or one Arrow IPC file per table. The files can be imported
 * again (② above) or loaded as data/ by a deployment.
 */
import { useEffect, useRef, useState } from 'react';
import type { DatasetFormat } from '../../io/formats';
import { readAllRows } from '../../io/dataset-sql';
import { useData } from '../data';
import { formatCount } from '../format';
import { datasetFiles, downloadBytes, formatBytes } from './download';
import type { MessageKey } from '../i18n/messages';
import { useLang, useT } from '../i18n/use-t';
import { tn } from '../i18n/plural';

const FORMATS: { id: DatasetFormat; label: string; note: MessageKey }[] = [
  { id: 'csv', label: 'CSV', note: 'ex.csvNote' },
  { id: 'json', label: 'JSON', note: 'ex.jsonNote' },
  { id: 'arrow', label: 'Arrow IPC', note: 'ex.arrowNote' },
];

interface Made {
  format: DatasetFormat;
  files: { name: string; size: number; url: string }[];
}

export function ExportPanel() {
  const { db, counts } = useData();
  const lang = useLang();
  const t = useT();
  const [busy, setBusy] = useState<DatasetFormat | null>(null);
  const [made, setMade] = useState<Made | null>(null);
  const [error, setError] = useState<string | null>(null);
  const urls = useRef<string[]>([]);
  useEffect(() => () => urls.current.forEach((u) => URL.revokeObjectURL(u)), []);

  const make = async (format: DatasetFormat) => {
    setBusy(format);
    setError(null);
    try {
      const rows = await readAllRows(db);
      const files = datasetFiles(rows, format);
      urls.current.forEach((u) => URL.revokeObjectURL(u));
      urls.current = [];
      const list = files.map((f) => {
        const url = URL.createObjectURL(new Blob([f.bytes as Uint8Array<ArrayBuffer>], { type: f.type }));
        urls.current.push(url);
        return { name: `perfatlas-${f.name}`, size: f.bytes.length, url };
      });
      setMade({ format, files: list });
      // Start the downloads one after another (browsers may ask once before allowing several files).
      for (const [i, f] of files.entries()) {
        if (i) await new Promise((ok) => setTimeout(ok, 250));
        downloadBytes(`perfatlas-${f.name}`, f.bytes, f.type);
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="card import-section" aria-labelledby="export-h">
      <header className="card-head">
        <h3 id="export-h">{t('ex.title')}</h3>
        <span className="muted small">
          {tn(lang, 'ex.current', { n: counts.reports ?? 0 }, { n: formatCount(counts.reports ?? 0, lang) })}
        </span>
      </header>
      <p className="muted small">{t('ex.note')}</p>
      <div className="export-buttons">
        {FORMATS.map((f) => (
          <button key={f.id} type="button" className="btn btn-secondary export-btn" disabled={!!busy} onClick={() => void make(f.id)} data-format={f.id}>
            <strong>{busy === f.id ? t('ex.exporting') : t('ex.export', { label: f.label })}</strong>
            <span className="small">{t(f.note)}</span>
          </button>
        ))}
      </div>
      {error ? (
        <p className="error-panel compact" role="alert">
          {t('ex.failed', { msg: error })}
        </p>
      ) : null}
      {made ? (
        <div className="export-files" role="status">
          <p className="small">
            {tn(lang, 'ex.made', { n: made.files.length })}
          </p>
          <ul>
            {made.files.map((f) => (
              <li key={f.name}>
                <a href={f.url} download={f.name}>
                  {f.name}
                </a>{' '}
                <span className="muted small">{formatBytes(f.size)}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
