import { describe, expect, it } from 'vitest';
import { rankedTotals } from '../../src/charts/reshape';

const rows = [
  { place: '资阳区', category: 'weak_targets', count: 2 },
  { place: '天河区', category: 'weak_targets', count: 1 },
  { place: '资阳区', category: 'low_capacity', count: 1 },
  { place: '天河区', category: 'budget_preparation', count: 2 },
];

describe('reshape', () => {
  it('ranks places by their total, ties in Chinese order', () => {
    expect(rankedTotals(rows, 'place', 'count')).toEqual([
      { key: '天河区', total: 3 },
      { key: '资阳区', total: 3 },
    ]);
  });
});
