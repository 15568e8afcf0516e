import { InvalidAppendError } from '../../../src/infrastructure/event-store/errors.js';
import type { EventToAppend } from '../../../src/infrastructure/event-store/event-store.port.js';
import { collect, newEvent, rejectionOf, uniquePrefix, type StoreHandle } from './helpers.js';

// Inputs the type system would refuse, built on purpose to prove the runtime check.
const forced = (event: Record<string, unknown>): EventToAppend => event as unknown as EventToAppend;
const withData = (data: unknown): EventToAppend => forced({ ...newEvent(), data });

const cycle = (): unknown => {
  const node: Record<string, unknown> = { name: 'loop' };
  node['self'] = { parent: node };
  return node;
};

const badEvents: [string, () => EventToAppend, string][] = [
  ['a missing type', () => forced({ ...newEvent(), type: undefined }), 'INVALID_EVENT_TYPE'],
  ['an empty type', () => forced({ ...newEvent(), type: '' }), 'INVALID_EVENT_TYPE'],
  ['an id that is not a UUID', () => forced({ ...newEvent(), id: 'event-1' }), 'INVALID_EVENT_ID'],
  ['missing data', () => withData(undefined), 'NOT_JSON'],
  ['a BigInt in data', () => withData({ amount: 10n }), 'NOT_JSON'],
  ['undefined in data', () => withData({ note: undefined }), 'NOT_JSON'],
  ['a function in data', () => withData({ run: () => 1 }), 'NOT_JSON'],
  ['a cycle in data', () => withData(cycle()), 'NOT_JSON'],
  ['NaN in data', () => withData({ priceKrwPerKwh: NaN }), 'NOT_JSON'],
  ['Infinity in data', () => withData([Infinity]), 'NOT_JSON'],
  ['a Date in data', () => withData({ at: new Date(0) }), 'NOT_JSON'],
  ['metadata that is not an object', () => forced({ ...newEvent(), metadata: ['x'] }), 'NOT_JSON'],
  ['a BigInt in metadata', () => forced({ ...newEvent(), metadata: { n: 1n } }), 'NOT_JSON'],
];

export const describeInvalidInputConformance = ({ store }: StoreHandle): void => {
  describe('invalid input', () => {
    let prefix: string;
    beforeEach(() => {
      prefix = uniquePrefix();
    });

    const expectNothingUnder = async (streamPrefix: string): Promise<void> => {
      const written = await collect(
        store().readAll({ filter: { streamPrefixes: [streamPrefix] } }),
      );
      expect(written).toEqual([]);
    };

    const expectInvalid = async (append: Promise<unknown>, code: string): Promise<void> => {
      const error = await rejectionOf(append);
      expect(error).toBeInstanceOf(InvalidAppendError);
      expect(error).toMatchObject({ code: `EVENT_STORE.${code}` });
    };

    it.each(badEvents)(
      'rejects a batch holding %s and appends none of it',
      async (_, makeBad, code) => {
        const stream = `${prefix}-batch`;
        await expectInvalid(store().append(stream, [newEvent(), makeBad()], 'any'), code);

        expect(await store().readStream(stream)).toEqual([]);
        await expectNothingUnder(prefix);
      },
    );

    it.each([
      ['a space', (p: string) => `${p} order`],
      ['a slash', (p: string) => `${p}/order`],
      ['a $ (reserved for system streams)', (p: string) => `${p}$order`],
    ])('rejects a stream id with %s and appends nothing', async (_, makeStreamId) => {
      await expectInvalid(
        store().append(makeStreamId(prefix), [newEvent()], 'any'),
        'INVALID_STREAM_ID',
      );
      await expectNothingUnder(prefix);
    });

    it.each(['', '1order', '$all', 'x'.repeat(201)])(
      'rejects the stream id %p',
      async (streamId) => {
        await expectInvalid(store().append(streamId, [newEvent()], 'any'), 'INVALID_STREAM_ID');
      },
    );

    it('rejects an empty batch', async () => {
      const stream = `${prefix}-empty`;
      await expectInvalid(store().append(stream, [], 'no_stream'), 'NO_EVENTS');
      expect(await store().readStream(stream)).toEqual([]);
    });

    it('still accepts the stream after refusing bad input', async () => {
      const stream = `${prefix}-after`;
      await expectInvalid(store().append(stream, [withData(NaN)], 'no_stream'), 'NOT_JSON');

      const result = await store().append(stream, [newEvent()], 'no_stream');
      expect(result.nextExpectedRevision).toBe(0n);
    });
  });
};
