/** What the loaded dataset is called (manifest `source`), for source lines on embeds and exports. */
import { createContext, useContext } from 'react';

export interface DatasetInfo {
  /** manifest.json `source` (e.g. a portal name or "合成数据"); '' when unknown. */
  source: string;
  synthetic: boolean;
}

export const DatasetInfoContext = createContext<DatasetInfo>({ source: '', synthetic: false });

export function useDatasetInfo(): DatasetInfo {
  return useContext(DatasetInfoContext);
}

/** "预算绩效报告样本" / "data/" when the manifest names no source. */
export function datasetName(d: DatasetInfo): string {
  return d.source || 'data/';
}
