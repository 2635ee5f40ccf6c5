/** Small presentational pieces shared by the pages. */
import type { ReactNode } from 'react';
import { highlightPieces } from '../highlight';

export function Highlight({ text, phrases }: { text: string; phrases: readonly (string | null | undefined)[] }) {
  return (
    <>
      {highlightPieces(text, phrases).map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </>
  );
}

export function Figure({ label, value, sub, tone }: { label: string; value: ReactNode; sub?: ReactNode; tone?: 'warn' | 'ok' }) {
  return (
    <div className={`figure${tone ? ` ${tone}` : ''}`}>
      <div className="figure-label">{label}</div>
      <div className="figure-value">{value}</div>
      {sub ? <div className="figure-sub">{sub}</div> : null}
    </div>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return (
    <div className="empty-state" role="status">
      <strong>没有数据</strong>
      <span>{children}</span>
    </div>
  );
}

export function PageHead({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="page-head">
      <h2>{title}</h2>
      {children ? <div className="page-lead">{children}</div> : null}
    </div>
  );
}
