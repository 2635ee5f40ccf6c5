/** The figures a consistency check compared (checks.figures, a JSON object of decimal strings), labelled in Chinese. */

const KEYS: Record<string, string> = {
  amount: '指标金额',
  total: '合计',
  sum: '分项之和',
  diff: '差额',
  stated: '报告所写',
  computed: '计算值',
  initial: '年初预算',
  adjusted: '全年预算',
  actual: '执行数',
  score: '总分',
  count: '项数',
  expected: '应为',
  table: '表格',
  narrative: '正文',
  executionWeight: '执行率分值',
  maxExecutionScore: '执行率得分上限',
  expectedExecutionScore: '执行率应得分',
  signedOverInitial: '调整额÷年初预算',
  absOverInitial: '|调整额|÷年初预算',
  signedOverAdjusted: '调整额÷全年预算',
  absOverAdjusted: '|调整额|÷全年预算',
  'budget.initial': '年初预算',
  'budget.adjusted': '全年预算',
  'budget.actual': '全年执行数',
  'budget.statedExecutionRate': '报告所写执行率',
  'budget.statedAdjustmentRate': '报告所写调整率',
};

const COLS: Record<string, string> = { initial: '年初预算', adjusted: '全年预算', actual: '执行数', budget: '预算数', stated_rate: '所写执行率' };

/** "budget.adjusted" → "全年预算"; "lines[0].initial" → "资金表第 1 行·年初预算"; unknown keys as they are. */
export function figureLabel(key: string): string {
  if (KEYS[key]) return KEYS[key]!;
  const m = /^(lines|sangong|indicators)\[(\d+)\]\.(\w+)$/.exec(key);
  if (m) {
    const what = m[1] === 'lines' ? '资金表' : m[1] === 'sangong' ? '三公表' : '指标表';
    return `${what}第 ${Number(m[2]) + 1} 行·${COLS[m[3]!] ?? KEYS[m[3]!] ?? m[3]}`;
  }
  return key;
}

/** JSON figures → [label, value] pairs in their stored order; a non-JSON value is shown as one pair. */
export function parseFigures(s: string | null | undefined): [string, string][] {
  if (!s) return [];
  try {
    const o = JSON.parse(s) as unknown;
    if (!o || typeof o !== 'object' || Array.isArray(o)) return [['数字', s]];
    return Object.entries(o as Record<string, unknown>).map(([k, v]) => [figureLabel(k), String(v)]);
  } catch {
    return [['数字', s]];
  }
}

/** Quoted source passages of a failed check (joined with " ¦ " by the query), trimmed, empty ones dropped. */
export function splitQuotes(s: string | null | undefined): string[] {
  if (!s) return [];
  return [...new Set(s.split(' ¦ ').map((q) => q.replace(/\s+/g, ' ').trim()).filter(Boolean))];
}
