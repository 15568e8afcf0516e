import fc from 'fast-check';
import {
  meterReadingsDecider,
  type MeterDayState,
  type MeterReadingInput,
  type MeterReadingsEvent,
} from '../../../domain/metering/index.js';
import { foldEvents } from '../../../domain/shared/decider.js';
import { recordReadings, slot } from '../../support/builders/meter.builders.js';

const { decide, evolve, initialState } = meterReadingsDecider;

// Few intervals and few values, so that batches repeat and correct each other often.
const readingArb: fc.Arbitrary<MeterReadingInput> = fc.record({
  intervalStart: fc.integer({ min: 0, max: 7 }).map((n) => slot(n)),
  energyKwh: fc.constantFrom(0, 1.5, 2, 7.25, 23.625),
});
const batchesArb = fc.array(fc.array(readingArb, { maxLength: 12 }), { maxLength: 15 });

const valuesOf = (state: MeterDayState): Record<string, number> =>
  state.status === 'recording' ? Object.fromEntries(state.readings) : {};

describe('a meter day under any sequence of batches', () => {
  it('holds the last value sent per interval, and replaying the stored events gives the same state', () => {
    fc.assert(
      fc.property(batchesArb, (batches) => {
        let state = initialState();
        const stored: MeterReadingsEvent[] = [];
        const lastSent: Record<string, number> = {};
        for (const readings of batches) {
          const command = recordReadings(readings);
          const events = decide(command, state);
          for (const event of events) {
            if (event.type === 'MeterReadingsCorrected')
              for (const c of event.data.corrections)
                expect(c.previousKwh).toBe(valuesOf(state)[c.intervalStart]);
            state = evolve(state, event);
          }
          stored.push(...events);
          // Retried as it was (a redelivered message, a resent upload): nothing more to store.
          expect(decide(command, state)).toEqual([]);
          for (const r of readings) lastSent[r.intervalStart] = r.energyKwh;
        }
        expect(valuesOf(state)).toEqual(lastSent);
        const replayed = foldEvents(
          meterReadingsDecider,
          JSON.parse(JSON.stringify(stored)) as MeterReadingsEvent[],
        );
        expect(replayed).toEqual(state);
        expect(valuesOf(replayed)).toEqual(valuesOf(state));
      }),
      { numRuns: 500 },
    );
  });
});
