/**
 * How many DuckDB engines this page runs (src/db/replica-pool.ts): a replica answers half of a filter change's
 * queries in parallel when the machine has the cores and the data is big enough to be worth a second copy.
 *
 *   replicaPlan(): { minBytes, maxBytes } | null
 *     null: one engine — an embedded single chart (portals: memory matters more than a few milliseconds), fewer
 *     than two cores or 4 GB of memory, or `?engines=1` in the address. `?engines=2` forces the replica even on small data (tests,
 *     diagnostics). Otherwise the replica opens after the boot when the data written is 1–160 MB of Arrow/CSV
 *     (the 10k–300k budget-line range: below it one engine answers in a few ms, above it a second copy costs
 *     hundreds of MB of memory).
 */
import { parseHash } from './url-state';

export const REPLICA_MIN_BYTES = 1 << 20;
export const REPLICA_MAX_BYTES = 160 << 20;

export function replicaPlan(): { minBytes: number; maxBytes: number } | null {
  const asked = new URLSearchParams(globalThis.location?.search ?? '').get('engines');
  if (asked === '1') return null;
  if (asked === '2') return { minBytes: 0, maxBytes: REPLICA_MAX_BYTES };
  if (parseHash(globalThis.location?.hash ?? '').route.page === 'embed') return null;
  if ((globalThis.navigator?.hardwareConcurrency ?? 1) < 2) return null;
  // Chromium tells the device's memory (GB, rounded down): a phone with less than 4 GB keeps one copy of the data.
  const mem = (globalThis.navigator as { deviceMemory?: number } | undefined)?.deviceMemory;
  if (typeof mem === 'number' && mem < 4) return null;
  return { minBytes: REPLICA_MIN_BYTES, maxBytes: REPLICA_MAX_BYTES };
}
