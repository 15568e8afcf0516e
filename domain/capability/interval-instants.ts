import { instantFromMillis } from '../shared/time/kst.js';

const DAY_MS = 86_400_000;

const two = (n: number): string => (n < 10 ? `0${n}` : String(n));
const three = (n: number): string => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n));

/**
 * Canonical UTC ISO instants (`2025-03-10T15:00:00.000Z`) for many instants of a few dates: the
 * date part comes from luxon once per date, the time of day by arithmetic. Luxon for every
 * interval bound was most of the cost of a capability query.
 */
export class IsoInstants {
  private readonly dates = new Map<number, string>();

  of(epochMs: number): string {
    const dayNumber = Math.floor(epochMs / DAY_MS);
    let date = this.dates.get(dayNumber);
    if (date === undefined) {
      date = instantFromMillis(dayNumber * DAY_MS).toISODate() ?? '';
      this.dates.set(dayNumber, date);
    }
    const ms = epochMs - dayNumber * DAY_MS;
    const seconds = Math.floor(ms / 1000);
    return (
      `${date}T${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:` +
      `${two(seconds % 60)}.${three(ms % 1000)}Z`
    );
  }
}
