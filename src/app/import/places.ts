/**
 * Province / prefecture / county choices for correcting a report's jurisdiction, from the extractor's own gazetteer
 * (src/extract/jurisdiction/gazetteer.ts), so a corrected place has the same names, level and code as an extracted
 * one. Pure code.
 *
 *   provinceNames()                          every province-level name, in code order
 *   prefectureNames(province)                prefectures of a province (none for 北京市 …)
 *   countyNames(province, prefecture|null)   counties of a prefecture; with null, the county-level places directly
 *                                            under the province (municipality districts, 省直辖 cities such as 仙桃市)
 *   jurisdictionOf({province, prefecture, county})  the Jurisdiction with level and code (code null when a name is
 *                                            not in the gazetteer — such a name is kept, never dropped)
 */
import type { Jurisdiction, Level } from '../../model/report';
import { gazetteer, type Place } from '../../extract/jurisdiction/gazetteer';

export interface PlacePick {
  province: string | null;
  prefecture: string | null;
  county: string | null;
}

const byCode = (a: Place, b: Place) => a.code.localeCompare(b.code);

function all(): Place[] {
  return [...gazetteer().byCode.values()];
}

let provincesCache: Place[] | null = null;
function provinces(): Place[] {
  provincesCache ??= all().filter((p) => p.level === 'province').sort(byCode);
  return provincesCache;
}

function provinceByName(name: string | null): Place | undefined {
  return name ? provinces().find((p) => p.name === name) : undefined;
}

function prefectures(province: Place): Place[] {
  return all()
    .filter((p) => p.level === 'prefecture' && p.provinceCode === province.code)
    .sort(byCode);
}

function prefectureByName(province: Place | undefined, name: string | null): Place | undefined {
  return province && name ? prefectures(province).find((p) => p.name === name) : undefined;
}

function counties(province: Place, prefecture: Place | null): Place[] {
  return all()
    .filter(
      (p) =>
        p.level === 'county' &&
        p.provinceCode === province.code &&
        (prefecture ? p.prefectureCode === prefecture.code : p.prefectureCode === null),
    )
    .sort(byCode);
}

export function provinceNames(): string[] {
  return provinces().map((p) => p.name);
}

export function prefectureNames(province: string | null): string[] {
  const p = provinceByName(province);
  return p ? prefectures(p).map((x) => x.name) : [];
}

export function countyNames(province: string | null, prefecture: string | null): string[] {
  const p = provinceByName(province);
  if (!p) return [];
  if (prefecture) {
    const pref = prefectureByName(p, prefecture);
    return pref ? counties(p, pref).map((x) => x.name) : [];
  }
  return counties(p, null).map((x) => x.name);
}

function levelOf(pick: PlacePick): Level | null {
  return pick.county ? 'county' : pick.prefecture ? 'prefecture' : pick.province ? 'province' : null;
}

export function jurisdictionOf(pick: PlacePick): Jurisdiction {
  const clean = (s: string | null) => (s && s.trim() ? s.trim() : null);
  const province = clean(pick.province);
  const prefecture = province ? clean(pick.prefecture) : null;
  const county = province ? clean(pick.county) : null;
  const level = levelOf({ province, prefecture, county });
  const p = provinceByName(province);
  let code: string | null = null;
  if (p) {
    const pref = prefectureByName(p, prefecture);
    if (county) {
      if (!prefecture || pref) code = counties(p, pref ?? null).find((c) => c.name === county)?.code ?? null;
    } else if (prefecture) code = pref?.code ?? null;
    else code = p.code;
  }
  return { province, prefecture, county, level, code };
}
