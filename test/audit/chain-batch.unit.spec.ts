import fc from 'fast-check';
import type { JsonObject, JsonValue } from '../../domain/shared/json.js';
import { chainBatch } from '../../src/infrastructure/audit/chain-batch.js';
import { GENESIS_HASH } from '../../src/infrastructure/audit/event-hash.js';
import type { EventToAppend } from '../../src/infrastructure/event-store/event-store.port.js';
import { referenceChainBatch } from './reference-chain-batch.js';

// Keys that the chain treats specially, or that JS enumerates out of insertion order.
const key = fc.oneof(
  fc.string(),
  fc.constantFrom('hash', 'prevHash', 'schemaVersion', '__proto__', '2', '10', 'a"hash', 'hasi'),
);
const value = fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<JsonValue>;
const metadata = fc.dictionary(key, value, { maxKeys: 6 }) as fc.Arbitrary<JsonObject>;
const data = fc.oneof(value, fc.dictionary(key, value, { maxKeys: 6 })) as fc.Arbitrary<JsonValue>;
const event: fc.Arbitrary<EventToAppend> = fc.record({
  id: fc.uuid(),
  type: fc.constantFrom('A', 'MeterReadingRecorded'),
  data,
  metadata,
});
const head = fc.option(
  fc.record({
    revision: fc.bigInt({ min: 0n, max: 1000n }),
    hash: fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 }),
  }),
  { nil: undefined },
);

describe('chainBatch', () => {
  it('gives the texts, hashes and objects of the copy-then-serialize chain (property)', () => {
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 4 }), head, (events, at) => {
        const chained = chainBatch('s-1', events, at);
        const reference = referenceChainBatch('s-1', events, at);
        expect(chained.json).toEqual(reference.json);
        expect(chained.lastHash).toBe(reference.lastHash);
        expect(chained.events).toEqual(reference.events);
        // Key order too: adapters that serialize the objects themselves store this text.
        expect(chained.events.map((e) => JSON.stringify(e))).toEqual(
          reference.events.map((e) => JSON.stringify(e)),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('places the hash member by key order, before and after the other members', () => {
    const [first, second] = chainBatch(
      's-1',
      [
        { id: '0190a3f2-7c1d-7b4e-9a55-1c2f3e4d5a6b', type: 'A', data: 1, metadata: {} },
        {
          id: '0190a3f2-7c1d-7b4e-9a55-1c2f3e4d5a6c',
          type: 'A',
          data: { b: 1, a: 2 },
          metadata: { a: 1, zz: [{ hash: '' }], hash: 'forged' },
        },
      ],
      undefined,
    ).json;
    expect(first!.metadata).toMatch(
      new RegExp(`^\\{"hash":"[0-9a-f]{64}","prevHash":"${GENESIS_HASH}","schemaVersion":1\\}$`),
    );
    expect(second!.data).toBe('{"a":2,"b":1}');
    expect(second!.metadata).toMatch(
      /^\{"a":1,"hash":"[0-9a-f]{64}","prevHash":"[0-9a-f]{64}","schemaVersion":1,"zz":\[\{"hash":""\}\]\}$/,
    );
  });
});
