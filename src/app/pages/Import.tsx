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

export function ImportPage({ filters }: { filters: Filters }) {
  const { counts, dataMode } = useData();
  return (
    <div className="page import-page">
      <PageHead title="导入">
        把本地区的绩效报告或下载的数据加入数据集，核对抽取结果后再使用。全部处理都在本机浏览器中完成，文件不会发送到任何地方。
        当前数据集共 {formatCount(counts.reports ?? 0)} 份报告{dataMode === 'none' ? '（空数据集模式，未加载内置数据）' : ''}。
        加入后可在 <a href={hrefTo({ page: 'table' }, filters)}>对比表</a>、各分析页面和 <a href={hrefTo({ page: 'sql' }, filters)}>SQL 控制台</a> 中使用。
      </PageHead>
      <ErrorBoundary what="报告文件导入">
        <ReportFiles />
      </ErrorBoundary>
      <ErrorBoundary what="数据集导入">
        <DatasetImport />
      </ErrorBoundary>
      <ErrorBoundary what="本地数据">
        <LocalDataPanel />
      </ErrorBoundary>
      <ErrorBoundary what="导出">
        <ExportPanel />
      </ErrorBoundary>
    </div>
  );
}

export default ImportPage;
