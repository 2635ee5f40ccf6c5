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

const FORMATS: { id: DatasetFormat; label: string; note: string }[] = [
  { id: 'csv', label: 'CSV', note: '每表一个文件 + manifest.json，UTF-8（带 BOM，Excel 可直接打开）' },
  { id: 'json', label: 'JSON', note: '单个文件，包含全部表' },
  { id: 'arrow', label: 'Arrow IPC', note: '每表一个 .arrow 文件，适合 Python / R / DuckDB' },
];

interface Made {
  format: DatasetFormat;
  files: { name: string; size: number; url: string }[];
}

export function ExportPanel() {
  const { db, counts } = useData();
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
        <h3 id="export-h">④ 导出数据集</h3>
        <span className="muted small">
          当前数据集：{formatCount(counts.reports ?? 0)} 份报告（内置 + 导入）
        </span>
      </header>
      <p className="muted small">导出的文件就是本应用的标准格式，可以在别的浏览器里通过“② 导入数据集”加回来，也可以用其他软件分析。</p>
      <div className="export-buttons">
        {FORMATS.map((f) => (
          <button key={f.id} type="button" className="btn btn-secondary export-btn" disabled={!!busy} onClick={() => void make(f.id)} data-format={f.id}>
            <strong>{busy === f.id ? '正在导出…' : `导出 ${f.label}`}</strong>
            <span className="small">{f.note}</span>
          </button>
        ))}
      </div>
      {error ? (
        <p className="error-panel compact" role="alert">
          导出失败：{error}
        </p>
      ) : null}
      {made ? (
        <div className="export-files" role="status">
          <p className="small">
            已生成 {made.files.length} 个文件并开始下载。如果浏览器拦截了部分下载，可逐个点击：
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
