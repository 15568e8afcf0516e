import { UUID_V7 } from '../../../domain/shared/id-generator.port.js';
import { RandomIdGenerator } from '../../../src/infrastructure/ids/random-id-generator.js';

describe('RandomIdGenerator', () => {
  it('produces distinct lower-case UUID v7 strings that rise in the order they are made', () => {
    const generator = new RandomIdGenerator();
    const ids = Array.from({ length: 5_000 }, () => generator.next());
    expect(ids.filter((id) => !UUID_V7.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(5_000);
    expect([...ids].sort()).toEqual(ids);
  });

  it('carries the wall-clock millisecond in the first 48 bits', () => {
    const id = new RandomIdGenerator(() => 0x0190a3f27c1d).next();
    expect(id.startsWith('0190a3f2-7c1d-7')).toBe(true);
  });

  it('keeps rising when the wall clock stands still or steps back', () => {
    const readings = [5_000, 5_000, 4_000, 5_001];
    const generator = new RandomIdGenerator(() => readings.shift() ?? 0);
    const ids = [generator.next(), generator.next(), generator.next(), generator.next()];
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids.map((id) => id.slice(0, 13))).size).toBe(4);
  });
});
