import { DER_KINDS, type DerKind } from '../ders/der-parameters.js';
import type { Kw, Kwh } from '../shared/units.js';
import type { CapabilityFigures } from './capability.types.js';
import type { DerIntervalFigures } from './der-interval-figures.js';

// Column order of the packed sums.
const DER_COUNT = 0;
const UP_KW = 1;
const DOWN_KW = 2;
const UP_KWH = 3;
const DOWN_KWH = 4;
const STORED_MIN_KWH = 5;
const STORED_MAX_KWH = 6;
const MAX_OUTPUT_KW = 7;
const COLUMNS = 8;

const KIND_INDEX: Readonly<Record<DerKind, number>> = Object.fromEntries(
  DER_KINDS.map((kind, i) => [kind, i]),
) as Record<DerKind, number>;

/**
 * Sums by interval and kind in flat arrays: a whole wholesale VPP is 100,000 DERs, so the sums
 * must not allocate per DER. A DER that stays the same all day is added once, to `everywhere`.
 */
export class CapabilitySums {
  private readonly everywhere = new Float64Array(DER_KINDS.length * COLUMNS);
  private readonly perInterval: Float64Array;

  constructor(readonly intervals: number) {
    this.perInterval = new Float64Array(intervals * DER_KINDS.length * COLUMNS);
  }

  addEverywhere(kind: DerKind, figures: DerIntervalFigures): void {
    add(this.everywhere, KIND_INDEX[kind] * COLUMNS, figures);
  }

  addTo(index: number, kind: DerKind, figures: DerIntervalFigures): void {
    add(this.perInterval, (index * DER_KINDS.length + KIND_INDEX[kind]) * COLUMNS, figures);
  }

  figures(index: number, kind: DerKind): CapabilityFigures {
    const k = KIND_INDEX[kind] * COLUMNS;
    const i = (index * DER_KINDS.length + KIND_INDEX[kind]) * COLUMNS;
    const e = this.everywhere;
    const p = this.perInterval;
    return figuresOf(
      (e[k + DER_COUNT] as number) + (p[i + DER_COUNT] as number),
      (e[k + UP_KW] as number) + (p[i + UP_KW] as number),
      (e[k + DOWN_KW] as number) + (p[i + DOWN_KW] as number),
      (e[k + UP_KWH] as number) + (p[i + UP_KWH] as number),
      (e[k + DOWN_KWH] as number) + (p[i + DOWN_KWH] as number),
      (e[k + STORED_MIN_KWH] as number) + (p[i + STORED_MIN_KWH] as number),
      (e[k + STORED_MAX_KWH] as number) + (p[i + STORED_MAX_KWH] as number),
      (e[k + MAX_OUTPUT_KW] as number) + (p[i + MAX_OUTPUT_KW] as number),
    );
  }
}

const figuresOf = (
  derCount: number,
  upKw: number,
  downKw: number,
  upKwh: number,
  downKwh: number,
  storedMinKwh: number,
  storedMaxKwh: number,
  maxOutputKw: number,
): CapabilityFigures => ({
  derCount,
  upKw: upKw as Kw,
  downKw: downKw as Kw,
  upKwh: upKwh as Kwh,
  downKwh: downKwh as Kwh,
  storedMinKwh: storedMinKwh as Kwh,
  storedMaxKwh: storedMaxKwh as Kwh,
  maxOutputKw: maxOutputKw as Kw,
});

const add = (sums: Float64Array, offset: number, f: DerIntervalFigures): void => {
  sums[offset + DER_COUNT] = (sums[offset + DER_COUNT] as number) + 1;
  sums[offset + UP_KW] = (sums[offset + UP_KW] as number) + f.upKw;
  sums[offset + DOWN_KW] = (sums[offset + DOWN_KW] as number) + f.downKw;
  sums[offset + UP_KWH] = (sums[offset + UP_KWH] as number) + f.upKwh;
  sums[offset + DOWN_KWH] = (sums[offset + DOWN_KWH] as number) + f.downKwh;
  sums[offset + STORED_MIN_KWH] = (sums[offset + STORED_MIN_KWH] as number) + f.storedMinKwh;
  sums[offset + STORED_MAX_KWH] = (sums[offset + STORED_MAX_KWH] as number) + f.storedMaxKwh;
  sums[offset + MAX_OUTPUT_KW] = (sums[offset + MAX_OUTPUT_KW] as number) + f.maxOutputKw;
};

/** The figures of every kind added together, in the order of DER_KINDS. */
export const totalOf = (
  byKind: Readonly<Record<DerKind, CapabilityFigures>>,
): CapabilityFigures => {
  let derCount = 0;
  let upKw = 0;
  let downKw = 0;
  let upKwh = 0;
  let downKwh = 0;
  let storedMinKwh = 0;
  let storedMaxKwh = 0;
  let maxOutputKw = 0;
  for (const kind of DER_KINDS) {
    const f = byKind[kind];
    derCount += f.derCount;
    upKw += f.upKw;
    downKw += f.downKw;
    upKwh += f.upKwh;
    downKwh += f.downKwh;
    storedMinKwh += f.storedMinKwh;
    storedMaxKwh += f.storedMaxKwh;
    maxOutputKw += f.maxOutputKw;
  }
  return figuresOf(derCount, upKw, downKw, upKwh, downKwh, storedMinKwh, storedMaxKwh, maxOutputKw);
};
