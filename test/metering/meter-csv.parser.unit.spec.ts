import { isDomainError } from '../../domain/shared/domain-error.js';
import { csvRecords } from '../../src/metering/csv/csv-records.js';
import { parseMeterCsv } from '../../src/metering/csv/meter-csv.parser.js';
import { LINE, MalformedRow } from '../../src/metering/ingest/malformed-row.js';

const HEADER = 'meterId,intervalStart,intervalMinutes,energyKwh';
const records = (text: string) => [...csvRecords(text)];

describe('CSV records', () => {
  it('splits on commas and on LF, CRLF or CR line ends', () => {
    expect(records('a,b\r\nc,d\ne,f\rg,h').map((r) => [r.fields, r.line])).toEqual([
      [['a', 'b'], 1],
      [['c', 'd'], 2],
      [['e', 'f'], 3],
      [['g', 'h'], 4],
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks, and counts lines', () => {
    expect(records('"a,1","say ""hi""","two\r\nlines"\nnext,"" ')).toEqual([
      { fields: ['a,1', 'say "hi"', 'two\r\nlines'], line: 1 },
      { fields: ['next', ''], line: 3 },
    ]);
  });

  it('drops a byte-order mark and skips blank lines, keeping empty fields', () => {
    expect(records('\uFEFFa,b\n\n  \r\n,\n')).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { fields: ['', ''], line: 4 },
    ]);
  });

  it('reports a broken record and goes on with the next', () => {
    expect(records('"open,b\nc,d')).toEqual([
      {
        fields: ['open,b\nc,d'],
        line: 1,
        problem: 'a quoted field is not closed before the end of the text',
      },
    ]);
    expect(records('"a"x,b\nc,d')).toEqual([
      { fields: ['a', 'b'], line: 1, problem: 'unexpected text after a closing quote in field 1' },
      { fields: ['c', 'd'], line: 2 },
    ]);
  });
});

describe('parsing a meter-readings CSV', () => {
  it('turns each row into a reading, with numbers as numbers and its line alongside', () => {
    const [row] = parseMeterCsv(`${HEADER}\r\npv-1,2025-03-09T15:00:00Z,15, 12.5 \r\n`);
    expect(row).toEqual({
      meterId: 'pv-1',
      intervalStart: '2025-03-09T15:00:00Z',
      intervalMinutes: 15,
      energyKwh: 12.5,
      [LINE]: 2,
    });
  });

  it('finds the columns by name in any order and case, ignores others, reads meterKind', () => {
    const rows = parseMeterCsv(
      'EnergyKwh,note,meterKind,METERID,intervalStart,intervalMinutes\n-3,"x, y",site,site-1,2025-03-09T15:00:00Z,15\n1e1,,,pv-1,2025-03-09T15:00:00Z,60',
    );
    expect(rows).toEqual([
      {
        meterId: 'site-1',
        meterKind: 'site',
        intervalStart: '2025-03-09T15:00:00Z',
        intervalMinutes: 15,
        energyKwh: -3,
        [LINE]: 2,
      },
      {
        meterId: 'pv-1',
        intervalStart: '2025-03-09T15:00:00Z',
        intervalMinutes: 60,
        energyKwh: 10,
        [LINE]: 3,
      },
    ]);
  });

  it('keeps text that is not a number as text, so the refusal can quote it', () => {
    const [row] = parseMeterCsv(`${HEADER}\npv-1,2025-03-09T15:00:00Z,15,12,5kWh`);
    expect(row).toBeInstanceOf(MalformedRow);
    const [other] = parseMeterCsv(`${HEADER}\npv-1,2025-03-09T15:00:00Z,15,"12,5"`);
    expect(other).toMatchObject({ energyKwh: '12,5' });
    const [empty] = parseMeterCsv(`${HEADER}\npv-1,2025-03-09T15:00:00Z,15,`);
    expect(empty).toMatchObject({ energyKwh: '' });
  });

  it('puts a malformed row in its place, with its line and what could be read', () => {
    const rows = parseMeterCsv(
      `${HEADER}\npv-1,2025-03-09T15:00:00Z,15\npv-2,2025-03-09T15:00:00Z,15,1`,
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual(
      new MalformedRow(
        'METER.INVALID_ROW',
        'row',
        'line 2: expected 4 fields as in the header, got 3',
        2,
        'pv-1',
        '2025-03-09T15:00:00Z',
      ),
    );
    expect(rows[1]).toMatchObject({ meterId: 'pv-2' });
  });

  it.each([
    ['', 'empty'],
    ['meterId,intervalStart,energyKwh\npv-1,x,1', 'lacks intervalMinutes'],
    [`${HEADER},meterid\n`, 'twice'],
    ['"meterId,intervalStart\n', 'broken'],
  ])('refuses the whole text when the header is unusable: %j', (text, words) => {
    let error: unknown;
    try {
      parseMeterCsv(text);
    } catch (caught) {
      error = caught;
    }
    expect(isDomainError(error) && error.code).toBe('METER.INVALID_CSV');
    expect((error as Error).message).toContain(words);
  });
});
