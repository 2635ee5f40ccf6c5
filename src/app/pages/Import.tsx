/**
 * 导入: bring your own reports and data, without a server. ① report files extracted in a Web Worker and reviewed
 * field by field (with the source quotes) before being added; ② dataset files in the normalized format, validated
 * row by row; ③ what is kept in this browser (IndexedDB); ④ export of the whole dataset.
 */
import type { Filters } from '../../metrics/filters';
import { PageHead } from '../components/bits';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { DatasetImport } from '../import/DatasetImport';
import { ExportPanel } from '../import/ExportPanel';
import { LocalDataPanel } from '../import/LocalDataPanel';
import { ReportFiles } from '../import/ReportFiles';
import { useData } from '../data';
import { formatCount } from '../format';
import { hrefTo } from '../url-state';
import { useLang, useT } from '../i18n/use-t';
import { tn } from '../i18n/plural';

export function ImportPage({ filters }: { filters: Filters }) {
  const { counts, dataMode } = useData();
  const lang = useLang();
  const t = useT();
  return (
    <div className="page import-page">
      <PageHead title={t('nav.import')}>
        {t('imp.lead1')}{' '}
        {tn(lang, 'imp.lead2', { n: counts.reports ?? 0 }, { n: formatCount(counts.reports ?? 0, lang), mode: dataMode === 'none' ? t('imp.lead2.none') : '' })}{' '}
        {t('imp.lead3a')}<a href={hrefTo({ page: 'table' }, filters)}>{t('nav.table')}</a>{t('imp.lead3b')}<a href={hrefTo({ page: 'sql' }, filters)}>{t('nav.sql')}</a>{t('imp.lead3c')}
      </PageHead>
      <ErrorBoundary what={t('imp.what.reports')}>
        <ReportFiles />
      </ErrorBoundary>
      <ErrorBoundary what={t('imp.what.dataset')}>
        <DatasetImport />
      </ErrorBoundary>
      <ErrorBoundary what={t('imp.what.local')}>
        <LocalDataPanel />
      </ErrorBoundary>
      <ErrorBoundary what={t('imp.what.export')}>
        <ExportPanel />
      </ErrorBoundary>
    </div>
  );
}

export default ImportPage;
