/**
 * sangong.parts_total — per year and per column (预算数, 决算数): 合计 = 因公出国(境) + 公务接待 + 公务用车,
 * the vehicle figure taken from the combined 'vehicle' line, else from 购置 + 运行. Runs only when the total
 * and every part are present for that year and column.
 */
import type { Check, Report } from '../../model/report';
import type { CheckRule } from './types';
import { SANGONG_COLUMN_ZH, SANGONG_ZH, sangongFigure, sangongYears, type SangongColumn, type SangongFigure } from './sangong-util';
import { check, money, str, sumTolerance, total } from './util';

const ID = 'sangong.parts_total';

export const sangongPartsTotal: CheckRule = {
  id: ID,
  zh: '三公经费合计等于三项之和',
  en: 'Three public expenses: total = abroad + reception + vehicles',
  run(r: Report): Check[] {
    const out: Check[] = [];
    for (const year of sangongYears(r)) {
      for (const column of ['budget', 'actual'] as SangongColumn[]) {
        const tot = sangongFigure(r, year, 'total', column);
        const abroad = sangongFigure(r, year, 'abroad', column);
        const reception = sangongFigure(r, year, 'reception', column);
        if (!tot || !abroad || !reception) continue;
        const vehicle = sangongFigure(r, year, 'vehicle', column);
        let vehicleParts: SangongFigure[];
        let vehicleText: string;
        if (vehicle) {
          vehicleParts = [vehicle];
          vehicleText = `${SANGONG_ZH.vehicle} ${money(vehicle.raw)}`;
        } else {
          const purchase = sangongFigure(r, year, 'vehicle_purchase', column);
          const operation = sangongFigure(r, year, 'vehicle_operation', column);
          if (!purchase || !operation) continue;
          vehicleParts = [purchase, operation];
          vehicleText = `公务用车（购置 ${money(purchase.raw)} + 运行 ${money(operation.raw)}）`;
        }
        const parts = [abroad, reception, ...vehicleParts];
        const s = total(parts.map((p) => p.value));
        const diff = tot.value.minus(s);
        const tol = sumTolerance(parts.length);
        const passed = diff.abs().lte(tol);
        const figures: Record<string, string> = { total: tot.raw, sum: str(s), diff: str(diff) };
        for (const p of parts) figures[p.field] = p.raw;
        const message =
          `${year} 年三公经费${SANGONG_COLUMN_ZH[column]}：合计 ${money(tot.raw)}，` +
          `${SANGONG_ZH.abroad} ${money(abroad.raw)} + ${SANGONG_ZH.reception} ${money(reception.raw)} + ${vehicleText}` +
          ` = ${money(s)}` +
          (passed ? '，一致' : `，相差 ${money(diff.abs())} 万元`);
        out.push(check(ID, 'error', passed, message, figures, [tot.field, ...parts.map((p) => p.field)]));
      }
    }
    return out;
  },
};
