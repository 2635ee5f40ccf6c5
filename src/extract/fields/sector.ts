/** Policy sector of a unit from its name: the functional words of Chinese government departments. */
const SECTORS: [RegExp, string][] = [
  [/应急|消防/, '应急管理'], // fire and rescue brigades belong to the emergency-management system
  [/财政/, '财政'],
  [/审计/, '审计'],
  [/教育|学校|学院|大学|教体/, '教育'],
  [/卫生健康|卫健|医院|卫生院|保健院|妇幼|疾病预防|疾控|医疗保障|医保/, '卫生健康'], // 卫生院 / 疾控: township clinics, CDC
  [/公安|派出所/, '公安'],
  [/民政/, '民政'],
  [/交通/, '交通运输'],
  [/农业农村|农业|畜牧|农机/, '农业农村'],
  [/水利|水务/, '水利'],
  [/自然资源|国土|林业|草原|林草/, '自然资源'], // 林草局: short form of 林业和草原局
  [/生态环境|环境保护|环保/, '生态环境'],
  [/住房和城乡建设|住建|城乡建设|城管|城市管理/, '住房城乡建设'],
  [/人力资源|社会保障|人社/, '人力资源社会保障'],
  [/文化|旅游|文旅|文广|广电|体育/, '文化旅游体育'], // 文旅局: the usual short form of 文化和旅游局
  [/市场监督|市场监管/, '市场监管'],
  [/发展和改革|发改|发展改革/, '发展改革'],
  [/科学技术|科技/, '科技'],
  [/工业和信息化|工信|经信/, '工业和信息化'],
  [/商务/, '商务'],
  [/司法|法院|检察院/, '政法'],
  [/退役军人/, '退役军人事务'],
  [/统计/, '统计'],
  [/税务/, '税务'],
  [/乡村振兴|扶贫/, '乡村振兴'],
];

export function sectorOf(departmentName: string | null): string | null {
  if (!departmentName) return null;
  for (const [re, sector] of SECTORS) if (re.test(departmentName)) return sector;
  return null;
}
