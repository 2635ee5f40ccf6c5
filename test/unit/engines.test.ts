/** When the page runs a replica engine (src/app/engines.ts): the address, the route, the machine's cores and memory. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { replicaPlan } from '../../src/app/engines';

function at(url: string, nav: { hardwareConcurrency?: number; deviceMemory?: number } = { hardwareConcurrency: 8 }) {
  const u = new URL(url);
  vi.stubGlobal('location', { search: u.search, hash: u.hash, href: u.href });
  vi.stubGlobal('navigator', nav);
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('replicaPlan', () => {
  it('opens a replica for mid-sized data on a machine with cores to spare', () => {
    at('http://x/#/?v=1&year=2023');
    // The documented range: 1 MB to 160 MB of Arrow/CSV (README, docs/scale-out.md).
    expect(replicaPlan()).toEqual({ minBytes: 1_048_576, maxBytes: 167_772_160 });
  });

  it('keeps one engine for an embedded chart, one core, a small-memory device, or ?engines=1', () => {
    at('http://x/#/embed/execution?v=1');
    expect(replicaPlan()).toBeNull();
    at('http://x/#/?v=1', { hardwareConcurrency: 1 });
    expect(replicaPlan()).toBeNull();
    at('http://x/#/?v=1', { hardwareConcurrency: 8, deviceMemory: 2 });
    expect(replicaPlan()).toBeNull();
    at('http://x/?engines=1#/?v=1');
    expect(replicaPlan()).toBeNull();
  });

  it('?engines=2 forces the replica whatever the size of the data', () => {
    at('http://x/?engines=2#/?v=1', { hardwareConcurrency: 8, deviceMemory: 8 });
    expect(replicaPlan()).toEqual({ minBytes: 0, maxBytes: 167_772_160 });
  });
});
