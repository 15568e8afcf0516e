import { UUID_V4 } from '../../../domain/shared/id-generator.port.js';
import { RandomIdGenerator } from '../../../src/infrastructure/ids/random-id-generator.js';

describe('RandomIdGenerator', () => {
  it('produces distinct lower-case UUID v4 strings', () => {
    const generator = new RandomIdGenerator();
    const ids = Array.from({ length: 1_000 }, () => generator.next());
    expect(ids.filter((id) => !UUID_V4.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(1_000);
  });
});
