/**
 * File-error and row-import reasons in the interface language. The readers and the dataset importer give English
 * reasons; the worker queue (./extract-client.ts) and the file-type check give Chinese ones. Pure code, unit-tested.
 * Unknown wording is kept as is, so nothing is ever hidden; the page shows the original in a tooltip.
 *
 *   readError(message, file?, lang)     "<file>: <reason>" from readDocument / extractDocument / the worker queue
 *                                       → { file, reason } in `lang`
 *   importProblem(message, lang)        one ImportProblem.message (parts joined by "; ") → `lang`, part by part
 *                                       (English: the original)
 *   unsupportedReason(name, lang)       why a file is not taken as a report (by extension); null when it is
 *   readErrorZh / importProblemZh       the Chinese forms (the default language)
 */
import { SUPPORTED_EXTENSIONS } from '../../extract/read/sniff';
import type { Lang } from '../i18n/labels';
import { t } from '../i18n/messages';

type Rule = [RegExp, string | ((...m: string[]) => string)];

function apply(rules: readonly Rule[], s: string): string | null {
  for (const [re, to] of rules) {
    const m = re.exec(s);
    if (m) return typeof to === 'string' ? s.replace(re, to) : to(...m);
  }
  return null;
}

const READ_RULES: Rule[] = [
  [/^empty file$/, '文件为空'],
  [/^file too large: ([\d.]+ MB) \(\d+ bytes; limit ([\d.]+ MB)\)$/, '文件过大：$1（上限 $2）'],
  [/^not a DOCX: an OLE container.*$/, '不是 DOCX：这是旧版 .doc 或加密的 Office 文件，请用 Word 另存为 .docx'],
  [/^not a DOCX: not a zip archive$/, '不是有效的 DOCX 文件（不是 zip 压缩包）'],
  [/^not a valid DOCX: (.*)$/, 'DOCX 文件已损坏：$1'],
  [/^not a PDF: no %PDF header$/, '不是 PDF 文件（缺少 %PDF 文件头）'],
  [/^no text content \((\w+)\)$/, '没有可读的文字内容（$1）'],
  [/^not a text document \(binary content\)$/, '不是文本文件（二进制内容）'],
  [/^not a text document \(undecodable bytes\)$/, '不是文本文件（无法识别的字符编码）'],
  [/^not a text document \((.*)\)$/, '不是文本文件（$1）'],
  [/^PDF is encrypted \(password required\)$/, 'PDF 已加密（需要密码）'],
  [/^corrupt or invalid PDF \((.*)\)$/, 'PDF 文件损坏或无效（$1）'],
  [/^PDF has no text layer \(scanned image\?\) — (\d+) page\(s\), no text$/, 'PDF 没有文字层（可能是扫描件），共 $1 页'],
  [/^PDF text could not be decoded.*$/, 'PDF 中的文字无法解码（字体缺少 Unicode 映射）'],
  [/^could not read PDF: (.*)$/, '无法读取 PDF：$1'],
  [/^cannot read: (.*)$/, '无法读取：$1'],
  [/^extraction failed: (.*)$/, '抽取失败：$1'],
];

/** The worker queue's own (Chinese) reasons, for the English interface. */
const READ_RULES_EN: Rule[] = [
  [/^处理时出错：(.*)$/s, 'processing failed: $1'],
  [/^处理时出错$/, 'processing failed'],
  [/^无法接收抽取结果$/, 'could not receive the extraction result'],
  [/^处理超时（超过 (\d+) 秒），已跳过$/, 'timed out (over $1 s); skipped'],
  [/^浏览器无法读取该文件（(.*)）$/s, 'the browser could not read the file ($1)'],
  [/^无法启动抽取（(.*)）$/s, 'could not start the extraction ($1)'],
  [/^抽取失败$/, 'extraction failed'],
];

/**
 * Splits "<file>: <reason>" (the file name may itself contain ": "; the reader puts the name first) and words the
 * reason in `lang`.
 */
export function readError(message: string, file?: string, lang: Lang = 'zh'): { file: string; reason: string } {
  let name = file ?? '';
  let reason = message;
  if (file && message.startsWith(`${file}: `)) reason = message.slice(file.length + 2);
  else if (!file) {
    const i = message.indexOf(': ');
    if (i > 0) {
      name = message.slice(0, i);
      reason = message.slice(i + 2);
    }
  }
  if (lang === 'zh') return { file: name, reason: apply(READ_RULES, reason) ?? reason };
  const unsupported = name ? unsupportedReason(name, 'zh') : null;
  if (unsupported !== null && reason === unsupported) return { file: name, reason: unsupportedReason(name, lang)! };
  return { file: name, reason: apply(READ_RULES_EN, reason) ?? reason };
}

export function readErrorZh(message: string, file?: string): { file: string; reason: string } {
  return readError(message, file, 'zh');
}

export function isSupportedReportFile(name: string): boolean {
  const dot = name.lastIndexOf('.');
  const ext = dot < 0 ? '' : name.slice(dot).toLowerCase();
  return (SUPPORTED_EXTENSIONS as readonly string[]).includes(ext);
}

/** Why a file is not taken as a report (by extension), in `lang`; null when it is. */
export function unsupportedReason(name: string, lang: Lang = 'zh'): string | null {
  if (isSupportedReportFile(name)) return null;
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.')).toLowerCase() : '';
  if (ext === '.doc') return t(lang, 'rf.unsupported.doc');
  if (['.csv', '.json', '.arrow', '.arrows', '.ipc', '.feather'].includes(ext)) return t(lang, 'rf.unsupported.dataset');
  if (['.xls', '.xlsx', '.wps', '.et'].includes(ext)) return t(lang, 'rf.unsupported.sheet', { ext });
  return t(lang, 'rf.unsupported.other', { ext: ext ? ` ${ext}` : t(lang, 'rf.unsupported.noExt') });
}

const COL = '([A-Za-z_][A-Za-z0-9_]*)';

const PART_RULES: Rule[] = [
  [new RegExp(`^${COL} is required$`), '$1 不能为空'],
  [new RegExp(`^${COL} is missing$`), '缺少 $1'],
  [new RegExp(`^${COL} must be text, got (\\w+)$`), '$1 应为文本（实际为 $2）'],
  [new RegExp(`^${COL} must be one of (.+), got "(.*)"$`), (_m, c, list, v) => `${c} 应为 ${list!.replace(/ \| /g, '、')} 之一，实际为“${v}”`],
  [new RegExp(`^${COL} must be a whole number, got "(.*)"$`), '$1 应为整数，实际为“$2”'],
  [new RegExp(`^${COL} must be ≥ (\\S+), got (.+)$`), '$1 应不小于 $2，实际为 $3'],
  [new RegExp(`^${COL} must be ≤ (\\S+), got (.+)$`), '$1 应不大于 $2，实际为 $3'],
  [new RegExp(`^${COL} must be a decimal string like .*, got (.+)$`), '$1 应为小数字符串（如 "4124.28"，JSON 数字会丢失精度），实际为 $2'],
  [new RegExp(`^${COL} must be a decimal number, got "(.*)"$`), '$1 应为数字，实际为“$2”'],
  [new RegExp(`^${COL} has more than (\\d+) decimals: "(.*)"$`), '$1 小数位超过 $2 位：“$3”'],
  [new RegExp(`^${COL} is too large for (DECIMAL\\(\\d+,\\d+\\)): "(.*)"$`), '$1 数值过大，超出 $2：“$3”'],
  [new RegExp(`^${COL} must be true or false, got "(.*)"$`), '$1 应为 true 或 false，实际为“$2”'],
  [new RegExp(`^${COL} is out of range for INTEGER: (.+)$`), '$1 超出整数范围：$2'],
  [/^has (\d+) cells, the header has (\d+)$/, '该行有 $1 个单元格，表头有 $2 个'],
  [/^report (\S+) is already loaded; skipped \(existing data is never changed\)$/, '报告 $1 已在数据集中，已跳过（已有数据不会被改动）'],
  [/^report (\S+) appears more than once in this import \(first in (.+), row (\d+)\); skipped$/, '报告 $1 在本次导入中重复出现（首次见于 $2 第 $3 行），已跳过'],
  [/^report_id (\S+) is not in this dataset; row skipped$/, 'report_id $1 不在数据集中（缺少对应的报告行），已跳过该行'],
  [/^report (\S+) is already loaded \(existing data is never changed\)$/, '报告 $1 已在数据集中（已有数据不会被改动）'],
  [/^report (\S+) comes with its own rows from (.+)$/, '报告 $1 的各表数据已由 $2 提供'],
  [/^the report row of (\S+) was rejected$/, '报告 $1 的报告行未通过校验'],
  [/^(\d+) rows? for it skipped \(rows? (.+)\)$/, '该报告的 $1 行已跳过（第 $2 行）'],
  [/^"(.+)": unknown file type \(expected \.csv, \.json or \.arrow\)$/, '“$1”：无法识别的文件类型（应为 .csv、.json 或 .arrow）'],
  [/^"(.+)" is not UTF-8 text .*$/, '“$1”不是 UTF-8 文本（请另存为 UTF-8，例如 Excel 的“CSV UTF-8”）'],
  [/^"(.+)" does not name a table of this dataset \(expected (.+)\)$/, '“$1”不是本数据集的表名（文件名应为 $2 之一）'],
  [/^the file is empty \(no header row\)$/, '文件为空（没有表头行）'],
  [/^required column\(s\) missing: (.+)$/, '缺少必需的列：$1'],
  [/^unknown column\(s\) (.+) ignored$/, '未知的列 $1 已忽略'],
  [/^column\(s\) (.+) appear more than once$/, '列 $1 重复出现'],
  [/^not valid JSON \((.+)\)$/, '不是有效的 JSON（$1）'],
  [/^not a readable Arrow IPC file \((.+)\)$/, '不是可读取的 Arrow IPC 文件（$1）'],
  [/^"(.+)" is not a table of this dataset$/, '“$1”不是本数据集的表'],
  [/^"(.+)" must be a list of rows$/, '“$1”应为行的列表'],
  [/^version (.+) is not 1$/, '版本 $1 不是 1'],
  [/^file skipped$/, '已跳过该文件'],
  [/^no rows read$/, '未读取任何行'],
  [/^nothing read$/, '未读取任何内容'],
  [/^ignored$/, '已忽略'],
  [/^reading it anyway$/, '仍按版本 1 读取'],
  [/^report skipped$/, '该报告已跳过'],
];

/** One ImportProblem.message in `lang`: Chinese part by part; English as the importer wrote it. */
export function importProblem(message: string, lang: Lang = 'zh'): string {
  if (lang !== 'zh') return message;
  // "report X is already loaded; skipped (…)" and "…; row skipped" are one statement; other "; " join reasons.
  return message
    .split(/; (?!(?:row )?skipped\b)/)
    .map((part) => apply(PART_RULES, part) ?? part)
    .join('；');
}

export function importProblemZh(message: string): string {
  return importProblem(message, 'zh');
}
