import { describe, expect, it } from '@jest/globals';
import { parseWeatherCsv } from '../../../src/forecasting/weather/weather-file.js';
import { expectDomainError } from '../../support/expect-domain-error.js';

const HEADER = 'trading_day,hour_ending,cloud_cover_pct,ghi_w_per_m2';

describe('parseWeatherCsv', () => {
  it('reads hours into days, empty cells as not given', () => {
    const days = parseWeatherCsv(
      `${HEADER}\n2024-06-04,1,10,0\n2024-06-03,12,25,780.5\n2024-06-03,13,40,\n2024-06-03,24,,0\n`,
    );
    expect(days.map((d) => d.day.toString())).toEqual(['2024-06-03', '2024-06-04']);
    const [june3] = days;
    expect(june3?.cloudCoverPct?.[11]).toBe(25);
    expect(june3?.ghiWPerM2?.[11]).toBe(780.5);
    expect(june3?.ghiWPerM2?.[12]).toBeNaN();
    expect(june3?.cloudCoverPct?.[23]).toBeNaN();
    expect(june3?.cloudCoverPct?.[0]).toBeNaN();
  });

  it('converts oktas to percent', () => {
    const [day] = parseWeatherCsv('trading_day,hour_ending,cloud_cover_oktas\n2024-06-03,12,4\n');
    expect(day?.cloudCoverPct?.[11]).toBe(50);
    expect(day?.ghiWPerM2).toBeUndefined();
  });

  it.each([
    ['unknown column', 'trading_day,hour_ending,cloud\n2024-06-03,1,5', 'line 1', 'unknown column'],
    ['no weather column', 'trading_day,hour_ending\n2024-06-03,1', 'line 1', 'no weather column'],
    [
      'both cloud columns',
      'trading_day,hour_ending,cloud_cover_pct,cloud_cover_oktas\n',
      'line 1',
      'once',
    ],
    [
      'wrong key order',
      'hour_ending,trading_day,cloud_cover_pct\n1,2024-06-03,5',
      'line 1',
      'first two',
    ],
    ['non-numeric value', `${HEADER}\n2024-06-03,1,abc,0`, 'line 2', 'not a number'],
    [
      'out-of-range cloud',
      `${HEADER}\n2024-06-03,1,5,0\n2024-06-03,2,101,0`,
      'line 3',
      'outside 0..100',
    ],
    ['negative GHI', `${HEADER}\n2024-06-03,1,5,-1`, 'line 2', 'outside 0..1500'],
    ['nonexistent day', `${HEADER}\n2024-02-30,1,5,0`, 'line 2', 'not an existing'],
    ['hour 0', `${HEADER}\n2024-06-03,0,5,0`, 'line 2', '1..24'],
    ['hour 25', `${HEADER}\n2024-06-03,25,5,0`, 'line 2', '1..24'],
    ['duplicate hour', `${HEADER}\n2024-06-03,1,5,0\n2024-06-03,1,6,0`, 'line 3', 'twice'],
    ['short row', `${HEADER}\n2024-06-03,1,5`, 'line 2', 'expected 4 fields'],
    ['empty file', '', undefined, 'empty'],
  ])('rejects %s, naming the line', (_name, text, line, fragment) => {
    const error = expectDomainError(() => parseWeatherCsv(text), 'WEATHER.INVALID_FILE');
    if (line !== undefined) expect(error.message).toContain(line);
    expect(error.message).toContain(fragment);
  });
});
