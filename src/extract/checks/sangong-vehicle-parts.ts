/**
 * sangong.vehicle_parts — per year and per column: 公务用车购置及运行费 = 购置费 + 运行维护费.
 * Runs only when all three figures are present for that year and column.
 */
import type { Check, Report } from '../../model/report';
import type { CheckRule } from './types';
import { SANGONG_COLUMN_ZH, SANGONG_ZH, sangongFigure, sangongYears, type SangongColumn } from './sangong-util';
import { check, money, str, sumTolerance } from './util';

const ID = 'sangong.vehicle_parts';

export const sangongVehicleParts: CheckRule = {
  id: ID,
  zh: '公务用车费等于购置费与运行费之和',
  en: 'Official vehicles = purchase + operation',
  run(r: Report): Check[] {
    const out: Check[] = [];
    for (const year of sangongYears(r)) {
      for (const column of ['budget', 'actual'] as SangongColumn[]) {
        const vehicle = sangongFigure(r, year, 'vehicle', column);
        const purchase = sangongFigure(r, year, 'vehicle_purchase', column);
        const operation = sangongFigure(r, year, 'vehicle_operation', column);
        if (!vehicle || !purchase || !operation) continue;
        const s = purchase.value.plus(operation.value);
        const diff = vehicle.value.minus(s);
        const passed = diff.abs().lte(sumTolerance(2));
        const message =
          `${year} 年${SANGONG_ZH.vehicle}${SANGONG_COLUMN_ZH[column]}：报告写 ${money(vehicle.raw)}，` +
          `购置 ${money(purchase.raw)} + 运行维护 ${money(operation.raw)} = ${money(s)}` +
          (passed ? '，一致' : `，相差 ${money(diff.abs())} 万元`);
        out.push(
          check(
            ID,
            'error',
            passed,
            message,
            { vehicle: vehicle.raw, purchase: purchase.raw, operation: operation.raw, sum: str(s), diff: str(diff) },
            [vehicle.field, purchase.field, operation.field],
          ),
        );
      }
    }
    return out;
  },
};
