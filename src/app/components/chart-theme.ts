/**
 * Dark variant of a chart option (embeds with theme=dark): the builders write light-theme text and grid colours;
 * this maps them to dark-background equivalents (contrast ≥ 4.5:1 on #1b1f23) and keeps every function (formatters)
 * as is. Series colours (Okabe–Ito) stay: they read on both backgrounds.
 */
import { FONT_FAMILY, type EChartsOption } from '../../charts/common';

export const DARK_BG = '#1b1f23';

const DARK_COLORS: Record<string, string> = {
  '#333': '#e6e6e6',
  '#333333': '#e6e6e6',
  '#555': '#d0d0d0',
  '#777': '#c2c2c2',
  '#8a5a00': '#f0c36a',
  '#eee': '#3a4046',
  '#f0f0f0': '#3a4046',
  '#000': '#d9d9d9',
  '#000000': '#d9d9d9',
  '#fff': '#1b1f23',
};

function walk(v: unknown, key: string): unknown {
  if (typeof v === 'string') return (key === 'color' || key === 'borderColor') && DARK_COLORS[v.toLowerCase()] ? DARK_COLORS[v.toLowerCase()] : v;
  if (Array.isArray(v)) return v.map((x) => walk(x, key === 'color' ? 'color' : ''));
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = walk(x, k);
    return out;
  }
  return v;
}

export function darkOption(o: EChartsOption): EChartsOption {
  const d = walk(o, '') as EChartsOption;
  return {
    ...d,
    backgroundColor: 'transparent',
    textStyle: { ...(d.textStyle as object), color: '#e6e6e6' },
  } as EChartsOption;
}

/** English charts: a Latin font first (proportional quotes and apostrophes), CJK after it for place names. */
export const FONT_FAMILY_EN = '"Helvetica Neue", Arial, "Liberation Sans", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';

function swapFont(v: unknown, key: string): unknown {
  if (typeof v === 'string') return key === 'fontFamily' && v === FONT_FAMILY ? FONT_FAMILY_EN : v;
  if (Array.isArray(v)) return v.map((x) => swapFont(x, ''));
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = swapFont(x, k);
    return out;
  }
  return v;
}

export function englishFonts(o: EChartsOption): EChartsOption {
  const d = swapFont(o, '') as EChartsOption;
  return { ...d, textStyle: { ...(d.textStyle as object), fontFamily: FONT_FAMILY_EN } } as EChartsOption;
}
