/**
 * Small hand-drawn SVG charts for the day report: no scripts, fonts or links, so the HTML file
 * they end up in stands alone. Every text put into markup goes through `escapeXml`.
 */

/** Escapes the five characters with meaning in XML and HTML text and attribute values. */
export const escapeXml = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Series {
  readonly label: string;
  readonly color: string;
  /** `null`: a gap (nothing recorded for that x). */
  readonly values: readonly (number | null)[];
  readonly dashed?: boolean;
}

export interface ChartFrame {
  readonly width: number;
  readonly height: number;
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
}

const PAD = { left: 56, right: 12, top: 26, bottom: 34 } as const;

/** Coordinates rounded to 0.01 px: shorter files, same picture. */
const fmt = (value: number): string => String(Math.round(value * 100) / 100);

/**
 * A step path through points sorted by x: horizontal to the next x, then vertical to its y,
 * so x never decreases along the path (a bid curve's price axis).
 */
export const stepPath = (points: readonly Point[]): string => {
  const first = points[0];
  if (first === undefined) return '';
  const parts = [`M${fmt(first.x)} ${fmt(first.y)}`];
  for (let i = 1; i < points.length; i++) {
    const p = points[i];
    if (p === undefined) continue;
    parts.push(`H${fmt(p.x)}`, `V${fmt(p.y)}`);
  }
  return parts.join(' ');
};

interface Scale {
  readonly min: number;
  readonly max: number;
}

/** A range that includes zero and is never empty. */
const scaleOf = (values: readonly number[]): Scale => {
  const finite = values.filter((v) => Number.isFinite(v));
  let min = Math.min(0, ...finite);
  let max = Math.max(0, ...finite);
  if (max - min < 1e-9) max = min + 1;
  const margin = (max - min) * 0.05;
  if (min < 0) min -= margin;
  max += margin;
  return { min, max };
};

const project = (value: number, scale: Scale, from: number, to: number): number =>
  from + ((value - scale.min) / (scale.max - scale.min)) * (to - from);

const label = (value: number): string =>
  Number.isInteger(value)
    ? String(value)
    : Math.abs(value) >= 1000
      ? value.toFixed(0)
      : Math.abs(value) >= 10
        ? value.toFixed(1)
        : value.toFixed(2);

/** The frame, axes with min/zero/max ticks, labels and title; the plot area is returned. */
const frame = (
  f: ChartFrame,
  x: Scale,
  y: Scale,
): {
  readonly parts: string[];
  readonly px: (v: number) => number;
  readonly py: (v: number) => number;
} => {
  const left = PAD.left;
  const right = f.width - PAD.right;
  const top = PAD.top;
  const bottom = f.height - PAD.bottom;
  const px = (v: number): number => project(v, x, left, right);
  const py = (v: number): number => project(v, y, bottom, top);
  const parts = [
    `<text x="${fmt(f.width / 2)}" y="16" text-anchor="middle" class="t">${escapeXml(f.title)}</text>`,
    `<line x1="${left}" y1="${fmt(bottom)}" x2="${fmt(right)}" y2="${fmt(bottom)}" class="ax"/>`,
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${fmt(bottom)}" class="ax"/>`,
    `<text x="${fmt((left + right) / 2)}" y="${fmt(f.height - 4)}" text-anchor="middle">${escapeXml(f.xLabel)}</text>`,
    `<text x="12" y="${fmt((top + bottom) / 2)}" text-anchor="middle" transform="rotate(-90 12 ${fmt((top + bottom) / 2)})">${escapeXml(f.yLabel)}</text>`,
  ];
  const yTicks = [...new Set([y.min, 0, y.max].map((v) => Number(label(v))))];
  for (const v of yTicks)
    parts.push(
      `<text x="${left - 4}" y="${fmt(py(v) + 4)}" text-anchor="end">${escapeXml(label(v))}</text>`,
      `<line x1="${left}" y1="${fmt(py(v))}" x2="${fmt(right)}" y2="${fmt(py(v))}" class="grid"/>`,
    );
  for (const v of [...new Set([x.min, x.max])])
    parts.push(
      `<text x="${fmt(px(v))}" y="${fmt(bottom + 14)}" text-anchor="middle">${escapeXml(label(v))}</text>`,
    );
  return { parts, px, py };
};

/** One entry per colour: series drawn alike (the SMP scenarios) share the first one's label. */
const legend = (all: readonly Pick<Series, 'label' | 'color'>[], width: number): string[] => {
  const series = all.filter((s, i) => all.findIndex((o) => o.color === s.color) === i);
  return series.map(
    (s, i) =>
      `<g transform="translate(${fmt(PAD.left + 8 + i * Math.max(90, (width - PAD.left) / Math.max(series.length, 1)))} ${PAD.top + 4})">` +
      `<rect width="10" height="10" fill="${escapeXml(s.color)}"/>` +
      `<text x="14" y="9">${escapeXml(s.label)}</text></g>`,
  );
};

const svg = (f: ChartFrame, kind: string, body: readonly string[]): string =>
  `<svg class="chart ${escapeXml(kind)}" width="${f.width}" height="${f.height}" ` +
  `viewBox="0 0 ${f.width} ${f.height}" role="img" aria-label="${escapeXml(f.title)}">` +
  body.join('') +
  '</svg>';

/** Lines over x = 1..n (hour-ending style), gaps where a value is null. */
export const lineChart = (f: ChartFrame, series: readonly Series[]): string => {
  const n = Math.max(1, ...series.map((s) => s.values.length));
  const all = series.flatMap((s) => s.values.flatMap((v) => (v === null ? [] : [v])));
  const { parts, px, py } = frame(f, { min: 1, max: Math.max(2, n) }, scaleOf(all));
  for (const s of series) {
    let d = '';
    let pen = false;
    s.values.forEach((v, i) => {
      if (v === null || !Number.isFinite(v)) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${fmt(px(i + 1))} ${fmt(py(v))} `;
      pen = true;
    });
    if (d !== '')
      parts.push(
        `<path d="${d.trim()}" fill="none" stroke="${escapeXml(s.color)}" stroke-width="1.6"` +
          `${s.dashed === true ? ' stroke-dasharray="4 3"' : ''}><title>${escapeXml(s.label)}</title></path>`,
      );
  }
  return svg(f, 'line', [...parts, ...legend(series, f.width)]);
};

/** Grouped bars over categories, one bar per series in each group. */
export const barChart = (
  f: ChartFrame,
  categories: readonly string[],
  series: readonly Series[],
): string => {
  const all = series.flatMap((s) => s.values.flatMap((v) => (v === null ? [] : [v])));
  const y = scaleOf(all);
  const n = Math.max(1, categories.length);
  const { parts, py } = frame(f, { min: 0, max: n }, y);
  const plotWidth = f.width - PAD.left - PAD.right;
  const group = plotWidth / n;
  const bar = (group * 0.8) / Math.max(1, series.length);
  const zero = py(0);
  series.forEach((s, j) =>
    s.values.forEach((v, i) => {
      if (v === null || !Number.isFinite(v)) return;
      const x = PAD.left + i * group + group * 0.1 + j * bar;
      const top = Math.min(zero, py(v));
      parts.push(
        `<rect x="${fmt(x)}" y="${fmt(top)}" width="${fmt(bar)}" height="${fmt(Math.abs(py(v) - zero))}" ` +
          `fill="${escapeXml(s.color)}"><title>${escapeXml(`${s.label} ${categories[i] ?? ''}: ${v}`)}</title></rect>`,
      );
    }),
  );
  if (n <= 30)
    categories.forEach((c, i) =>
      parts.push(
        `<text x="${fmt(PAD.left + (i + 0.5) * group)}" y="${fmt(f.height - PAD.bottom + 26)}" text-anchor="middle" class="cat">${escapeXml(c)}</text>`,
      ),
    );
  return svg(f, 'bar', [...parts, ...legend(series, f.width)]);
};

export interface CurveStep {
  readonly priceKrwPerKwh: number;
  readonly quantityKw: number;
}

/**
 * One interval's bid curves as step functions of price (x) against quantity (y): sell steps up
 * from each price, buy holds each quantity up to its price. The x axis runs from 0 (or the lowest
 * price) to a little above the highest price, so the last step is visible.
 */
export const bidCurveChart = (
  f: ChartFrame,
  sell: readonly CurveStep[],
  buy: readonly CurveStep[],
): string => {
  const prices = [...sell, ...buy].map((p) => p.priceKrwPerKwh);
  const lo = Math.min(0, ...prices);
  const hi = Math.max(lo + 1, ...prices) * 1.1;
  const x: Scale = { min: lo, max: hi };
  const y = scaleOf([...sell, ...buy].map((p) => p.quantityKw));
  const { parts, px, py } = frame(f, x, y);
  const sorted = (points: readonly CurveStep[]): CurveStep[] =>
    [...points].sort((a, b) => a.priceKrwPerKwh - b.priceKrwPerKwh);
  if (sell.length > 0) {
    // Nothing below the first price, each quantity from its price on, up to the right edge.
    const pts: Point[] = [{ x: px(lo), y: py(0) }];
    for (const p of sorted(sell)) pts.push({ x: px(p.priceKrwPerKwh), y: py(p.quantityKw) });
    pts.push({ x: px(hi), y: pts.at(-1)?.y ?? py(0) });
    parts.push(
      `<path d="${stepPath(pts)}" fill="none" stroke="#1f77b4" stroke-width="1.6" class="sell"><title>sell</title></path>`,
    );
  }
  if (buy.length > 0) {
    // Each quantity held up to its price (the next step's quantity takes over past it), then 0.
    const steps = sorted(buy);
    const pts: Point[] = [{ x: px(lo), y: py(steps[0]?.quantityKw ?? 0) }];
    steps.forEach((p, i) =>
      pts.push({ x: px(p.priceKrwPerKwh), y: py(steps[i + 1]?.quantityKw ?? 0) }),
    );
    pts.push({ x: px(hi), y: py(0) });
    parts.push(
      `<path d="${stepPath(pts)}" fill="none" stroke="#d62728" stroke-width="1.6" stroke-dasharray="4 3" class="buy"><title>buy</title></path>`,
    );
  }
  return svg(f, 'bid-curve', [
    ...parts,
    ...legend(
      [
        { label: 'sell', color: '#1f77b4' },
        { label: 'buy', color: '#d62728' },
      ],
      f.width,
    ),
  ]);
};
