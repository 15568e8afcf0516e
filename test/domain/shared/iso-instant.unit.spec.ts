import fc from 'fast-check';
import { DateTime } from 'luxon';
import { failWith } from '../../../domain/shared/input-parsing.js';
import { instantMs, isoInstant } from '../../../domain/shared/iso-instant.js';
import { expectDomainError } from '../../support/expect-domain-error.js';
import { instantArb } from '../../support/time-arbitraries.js';

const fail = failWith('TEST.INVALID');

describe('ISO instants in commands', () => {
  it('agrees with luxon on every canonical instant (the fast path)', () => {
    fc.assert(
      fc.property(instantArb(), (instant) => {
        const iso = instant.toISO() ?? '';
        expect(isoInstant(iso, 'at', fail)).toBe(iso);
        expect(instantMs(iso)).toBe(instant.toMillis());
      }),
    );
  });

  it('canonicalises other offsets and precisions to UTC with milliseconds', () => {
    expect(isoInstant('2025-03-10T10:00+09:00', 'at', fail)).toBe('2025-03-10T01:00:00.000Z');
    expect(isoInstant('2024-02-29T23:59:59Z', 'at', fail)).toBe('2024-02-29T23:59:59.000Z');
  });

  it.each([
    '2025-02-29T00:00:00.000Z',
    '2025-04-31T00:00:00.000Z',
    '2025-03-10T25:00:00.000Z',
    '2025-03-10T10:00:00',
    '2025-03-10',
    '',
  ])('rejects %j', (text) => {
    expect(expectDomainError(() => isoInstant(text, 'at', fail), 'TEST.INVALID').field).toBe('at');
  });

  it('rejects what is not a string', () => {
    expectDomainError(() => isoInstant(DateTime.utc() as unknown, 'at', fail), 'TEST.INVALID');
  });
});
