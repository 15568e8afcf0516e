import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  barChart,
  bidCurveChart,
  escapeXml,
  lineChart,
  stepPath,
} from '../../src/report/svg-chart.js';
import { table } from '../../src/report/report-page.js';

/**
 * A small well-formedness check (no XML parser among the dependencies): tags nest and close,
 * attribute values are quoted with no raw `<` or `"`, and text has no raw `<` and only entity `&`.
 */
const wellFormed = (markup: string): void => {
  const stack: string[] = [];
  const token = /<(\/?)([a-zA-Z][\w-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  let match: RegExpExecArray | null;
  while ((match = token.exec(markup)) !== null) {
    const [, closing, name, , selfClosing, text, stray] = match;
    if (stray !== undefined)
      throw new Error(`stray < at ${match.index}: ${markup.slice(match.index, match.index + 40)}`);
    if (text !== undefined) {
      if (/&(?!(amp|lt|gt|quot|#39);)/.test(text)) throw new Error(`raw & in text ${text}`);
      continue;
    }
    if (closing === '/') {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open}>`);
    } else if (selfClosing !== '/') stack.push(name ?? '');
  }
  if (stack.length > 0) throw new Error(`unclosed ${stack.join(',')}`);
};

const frame = { width: 300, height: 200, title: 'a <b> & "c"', xLabel: 'x', yLabel: 'y' };

const pathPoints = (d: string): { x: number; y: number }[] => {
  const points: { x: number; y: number }[] = [];
  let x = 0;
  let y = 0;
  for (const [, cmd, args] of d.matchAll(/([MHVL])([^MHVL]*)/g)) {
    const nums = (args ?? '').trim().split(/\s+/).map(Number);
    if (cmd === 'M' || cmd === 'L') [x, y] = [nums[0] ?? NaN, nums[1] ?? NaN];
    if (cmd === 'H') x = nums[0] ?? NaN;
    if (cmd === 'V') y = nums[0] ?? NaN;
    points.push({ x, y });
  }
  return points;
};

describe('escapeXml', () => {
  it('escapes the five special characters', () => {
    expect(escapeXml(`<a href="x">&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;',
    );
  });

  it('leaves no raw special character for any string', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const escaped = escapeXml(s);
        expect(escaped).not.toMatch(/[<>"']/);
        expect(escaped).not.toMatch(/&(?!(amp|lt|gt|quot|#39);)/);
      }),
    );
  });
});

describe('stepPath', () => {
  it('is empty for no points and steps horizontally then vertically', () => {
    expect(stepPath([])).toBe('');
    expect(
      stepPath([
        { x: 0, y: 10 },
        { x: 5, y: 3 },
      ]),
    ).toBe('M0 10 H5 V3');
  });

  it('never goes back in x when the points are sorted by x', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            x: fc.double({ min: -1e4, max: 1e4, noNaN: true }),
            y: fc.double({ min: -1e4, max: 1e4, noNaN: true }),
          }),
          { minLength: 1, maxLength: 30 },
        ),
        (raw) => {
          const points = [...raw].sort((a, b) => a.x - b.x);
          const walked = pathPoints(stepPath(points));
          for (let i = 1; i < walked.length; i++)
            expect(walked[i]!.x).toBeGreaterThanOrEqual(walked[i - 1]!.x);
          // Every segment is axis-parallel: a step curve, no diagonals.
          expect(stepPath(points)).not.toMatch(/L/);
        },
      ),
    );
  });
});

describe('charts', () => {
  it('bid curve chart: well formed, sell and buy paths monotone in price, title escaped', () => {
    const svg = bidCurveChart(
      frame,
      [
        { priceKrwPerKwh: 80, quantityKw: 100 },
        { priceKrwPerKwh: 120, quantityKw: 300 },
      ],
      [
        { priceKrwPerKwh: 50, quantityKw: 200 },
        { priceKrwPerKwh: 70, quantityKw: 100 },
      ],
    );
    wellFormed(svg);
    expect(svg).toContain('a &lt;b&gt; &amp; &quot;c&quot;');
    expect(svg).not.toContain('<b>');
    for (const side of ['sell', 'buy']) {
      const d = new RegExp(`<path d="([^"]+)"[^>]*class="${side}"`).exec(svg)?.[1];
      expect(d).toBeDefined();
      const xs = pathPoints(d ?? '').map((p) => p.x);
      expect(xs).toEqual([...xs].sort((a, b) => a - b));
    }
    // Sell steps up (y in SVG decreases) as price rises; buy steps down (y increases).
    const sell = pathPoints(/<path d="([^"]+)"[^>]*class="sell"/.exec(svg)?.[1] ?? '').map(
      (p) => p.y,
    );
    const buy = pathPoints(/<path d="([^"]+)"[^>]*class="buy"/.exec(svg)?.[1] ?? '').map(
      (p) => p.y,
    );
    expect(sell).toEqual([...sell].sort((a, b) => b - a));
    expect(buy).toEqual([...buy].sort((a, b) => a - b));
  });

  it('bid curve chart with one side only draws that side', () => {
    const svg = bidCurveChart(frame, [{ priceKrwPerKwh: 10, quantityKw: 5 }], []);
    wellFormed(svg);
    expect(svg).toContain('class="sell"');
    expect(svg).not.toContain('class="buy"');
  });

  it('line and bar charts are well formed with gaps, negatives and hostile labels', () => {
    const series = [
      { label: '<script>alert(1)</script>', color: '"red', values: [1, null, -3, 4] },
      { label: 'b&b', color: '#000', values: [0, 0, 0, 0], dashed: true },
    ];
    const line = lineChart(frame, series);
    const bars = barChart(frame, ['1', '<2>', '3', '4'], series);
    for (const svg of [line, bars]) {
      wellFormed(svg);
      expect(svg).not.toContain('<script');
      expect(svg).not.toMatch(/NaN|Infinity/);
    }
    // The gap splits the line into two runs.
    expect((/<path d="([^"]+)"/.exec(line)?.[1] ?? '').match(/M/g)).toHaveLength(2);
    // Three bars for the first series (one gap) and four for the second.
    expect(bars.match(/<rect x=/g)).toHaveLength(7);
  });

  it('charts of empty data are still well formed', () => {
    wellFormed(lineChart(frame, []));
    wellFormed(barChart(frame, [], []));
    wellFormed(bidCurveChart(frame, [], []));
  });

  it('table escapes every cell', () => {
    const html = table('<cap>', ['a&b'], [['<td>'], [1], [null]]);
    wellFormed(html);
    expect(html).toContain('&lt;td&gt;');
    expect(html).toContain('<td>-</td>');
  });
});
