import { HOURS_PER_DAY } from '../../shared/time/kpx-numbering.js';
import { dayCount, type HourlySeries } from '../hourly-series.js';
import { FALLBACK_DAY_TYPE, isRareDayType, type LoadDayType } from './load-day-type.js';

/** Settings of the temperature-free part of the load model (see createLoadForecaster). */
export interface SimilarDaySettings {
  /** Most recent days of the target's type whose shape is averaged. */
  readonly similarDays: number;
  /** Weight of the j-th most recent similar day is recencyDecay^j. */
  readonly recencyDecay: number;
  /** Examples of a rare type (holidays) taken, however old, with equal weight. */
  readonly rareSimilarDays: number;
  /** How many days' worth of the fallback type's shape a type's own examples are blended with. */
  readonly fallbackPriorDays: number;
  /** Most recent regular days the load level is read from. */
  readonly levelDays: number;
  /** Weight of the j-th most recent level day is levelDecay^j. */
  readonly levelDecay: number;
  /** How far back (days) the level is looked for before giving up on the level model. */
  readonly levelLookbackDays: number;
}

/** The temperature-free forecast of one day and the days whose level it carries. */
export interface SimilarDayForecast {
  /** 24 values; NaN where nothing could be said. */
  readonly point: Float64Array;
  /** Day indexes the level was read from, with their weights (used by the temperature term). */
  readonly levelDayIndexes: readonly number[];
  readonly levelWeights: readonly number[];
}

/** A day's load is read relative to the mean of the week around it: at most 3 days either side. */
const REFERENCE_HALF_WIDTH = 3;
const REFERENCE_WIDTH = 2 * REFERENCE_HALF_WIDTH + 1;
/** A day with fewer hours than half a day says too little about its mean. */
const MIN_DAY_HOURS = 12;
/** Where a missing day of the reference week is looked for instead: 0, −1, +1, −2 weeks away. */
const SUBSTITUTE_WEEKS = [0, -1, 1, -2] as const;
/** Without any weekday example, the shape is the mean of up to this many recent days of any type. */
const ANY_DAY_SAMPLES = 7;

type Profile = Float64Array;

/**
 * The similar-day model for one target day, reading only days before `limit`:
 *   load(target, h) = level × shape(type(target), h)
 * - shape(type, h) is the recency-weighted mean, over the most recent days of that type, of the
 *   day's load at h divided by the mean load of the week around that day (within the history);
 *   rare types are blended with their fallback type's shape, so two examples of Chuseok do not
 *   decide the shape alone;
 * - level is the recency-weighted mean of load(d, h) / shape(type(d), h) over the last few regular
 *   days d: the most recent information, with the weekly pattern divided out.
 * When the level cannot be read (no positive load, e.g. an all-zero meter), the same hours of the
 * most recent days are averaged instead, so an odd series still gets a forecast.
 */
export class SimilarDayModel {
  private readonly profiles = new Map<LoadDayType, Profile | undefined>();
  private readonly references = new Map<number, number>();
  private readonly limit: number;

  constructor(
    private readonly history: HourlySeries,
    private readonly dayType: (dayIndex: number) => LoadDayType,
    private readonly settings: SimilarDaySettings,
    /** First day index NOT readable: the target day. */
    limit: number,
  ) {
    this.limit = Math.max(0, Math.min(limit, dayCount(history)));
  }

  forecast(targetType: LoadDayType): SimilarDayForecast {
    const shape = this.profile(targetType);
    const level = shape === undefined ? undefined : this.level();
    const point = new Float64Array(HOURS_PER_DAY).fill(Number.NaN);
    if (shape !== undefined && level !== undefined)
      for (let h = 0; h < HOURS_PER_DAY; h++) point[h] = level.value * (shape[h] ?? Number.NaN);
    const plain = this.recentHourMeans();
    for (let h = 0; h < HOURS_PER_DAY; h++)
      if (!Number.isFinite(point[h] ?? Number.NaN)) point[h] = plain[h] ?? Number.NaN;
    return {
      point,
      levelDayIndexes: level?.dayIndexes ?? [],
      levelWeights: level?.weights ?? [],
    };
  }

  private value(dayIndex: number, h: number): number {
    return this.history.values[dayIndex * HOURS_PER_DAY + h] ?? Number.NaN;
  }

  /**
   * Mean load of the week around `dayIndex`: one day of each weekday, the nearest to it, so the
   * reference is the same whatever the day's own type. A day that lies at or after the limit, or
   * has less than half its hours, is replaced by the same weekday one or two weeks away.
   */
  private reference(dayIndex: number): number {
    const cached = this.references.get(dayIndex);
    if (cached !== undefined) return cached;
    let sum = 0;
    let days = 0;
    for (let offset = -REFERENCE_HALF_WIDTH; offset <= REFERENCE_HALF_WIDTH; offset++) {
      for (const weeks of SUBSTITUTE_WEEKS) {
        const mean = this.dayMean(dayIndex + offset + 7 * weeks);
        if (Number.isNaN(mean)) continue;
        sum += mean;
        days++;
        break;
      }
    }
    const reference = days === REFERENCE_WIDTH ? sum / days : Number.NaN;
    this.references.set(dayIndex, reference);
    return reference;
  }

  /** Mean over the day's hours, NaN outside the readable days or with too few hours. */
  private dayMean(dayIndex: number): number {
    if (dayIndex < 0 || dayIndex >= this.limit) return Number.NaN;
    let sum = 0;
    let count = 0;
    for (let h = 0; h < HOURS_PER_DAY; h++) {
      const v = this.value(dayIndex, h);
      if (Number.isFinite(v)) {
        sum += v;
        count++;
      }
    }
    return count >= MIN_DAY_HOURS ? sum / count : Number.NaN;
  }

  private profile(type: LoadDayType): Profile | undefined {
    if (this.profiles.has(type)) return this.profiles.get(type);
    const fallbackType = FALLBACK_DAY_TYPE[type];
    // Computed only when needed: a weekday with its own examples never needs the any-day shape.
    const fallbackOf = (): Profile | undefined =>
      fallbackType === undefined ? this.anyDayProfile() : this.profile(fallbackType);
    const rare = isRareDayType(type);
    const wanted = rare ? this.settings.rareSimilarDays : this.settings.similarDays;
    const sums = new Float64Array(HOURS_PER_DAY);
    const weights = new Float64Array(HOURS_PER_DAY);
    let days = 0;
    for (let d = this.limit - 1; d >= 0 && days < wanted; d--) {
      if (this.dayType(d) !== type) continue;
      const reference = this.reference(d);
      if (!(reference > 0)) continue;
      const weight = rare ? 1 : this.settings.recencyDecay ** days;
      let used = false;
      for (let h = 0; h < HOURS_PER_DAY; h++) {
        const v = this.value(d, h);
        if (!Number.isFinite(v)) continue;
        sums[h] = (sums[h] ?? 0) + (weight * v) / reference;
        weights[h] = (weights[h] ?? 0) + weight;
        used = true;
      }
      if (used) days++;
    }
    // Weekday, Saturday and Sunday have enough examples of their own; the other types are pulled
    // toward their fallback's shape in proportion to how few examples they have.
    const core = type === 'weekday' || type === 'saturday' || type === 'sunday';
    const complete = weights.every((w) => w > 0);
    const fallback = core && complete && days > 0 ? undefined : fallbackOf();
    const prior = core || fallback === undefined ? 0 : this.settings.fallbackPriorDays;
    let profile: Profile | undefined;
    if (days > 0) {
      profile = new Float64Array(HOURS_PER_DAY);
      for (let h = 0; h < HOURS_PER_DAY; h++) {
        const w = weights[h] ?? 0;
        const own = w > 0 ? (sums[h] ?? 0) / w : Number.NaN;
        const backup = fallback?.[h] ?? Number.NaN;
        if (!Number.isFinite(own)) profile[h] = backup;
        else if (prior > 0 && Number.isFinite(backup))
          profile[h] = (days * own + prior * backup) / (days + prior);
        else profile[h] = own;
      }
    } else profile = fallback;
    this.profiles.set(type, profile);
    return profile;
  }

  /** The shape of the most recent days whatever their type: the last resort for short histories. */
  private anyDayProfile(): Profile | undefined {
    const sums = new Float64Array(HOURS_PER_DAY);
    const counts = new Float64Array(HOURS_PER_DAY);
    let days = 0;
    for (let d = this.limit - 1; d >= 0 && days < ANY_DAY_SAMPLES; d--) {
      const reference = this.reference(d);
      if (!(reference > 0)) continue;
      days++;
      for (let h = 0; h < HOURS_PER_DAY; h++) {
        const v = this.value(d, h);
        if (!Number.isFinite(v)) continue;
        sums[h] = (sums[h] ?? 0) + v / reference;
        counts[h] = (counts[h] ?? 0) + 1;
      }
    }
    if (days === 0) return undefined;
    return sums.map((sum, h) => ((counts[h] ?? 0) > 0 ? sum / (counts[h] ?? 1) : Number.NaN));
  }

  /** The current level: weekly pattern divided out of the last few regular days. */
  private level(): { value: number; dayIndexes: number[]; weights: number[] } | undefined {
    const oldest = Math.max(0, this.limit - this.settings.levelLookbackDays);
    // Regular days first; a run of holidays with nothing else recent still gives a level.
    for (const allowRare of [false, true]) {
      const dayIndexes: number[] = [];
      const weights: number[] = [];
      let sum = 0;
      let weightSum = 0;
      for (
        let d = this.limit - 1;
        d >= oldest && dayIndexes.length < this.settings.levelDays;
        d--
      ) {
        const type = this.dayType(d);
        if (!allowRare && isRareDayType(type)) continue;
        const shape = this.profile(type);
        if (shape === undefined) continue;
        let daySum = 0;
        let hours = 0;
        for (let h = 0; h < HOURS_PER_DAY; h++) {
          const v = this.value(d, h);
          const s = shape[h] ?? Number.NaN;
          if (!Number.isFinite(v) || !(s > 0)) continue;
          daySum += v / s;
          hours++;
        }
        if (hours === 0) continue;
        const weight = this.settings.levelDecay ** dayIndexes.length;
        dayIndexes.push(d);
        weights.push(weight);
        sum += (weight * daySum) / hours;
        weightSum += weight;
      }
      if (weightSum > 0) return { value: sum / weightSum, dayIndexes, weights };
    }
    return undefined;
  }

  /** Mean of each hour over the most recent days that have it: the model of last resort. */
  private recentHourMeans(): Float64Array {
    const out = new Float64Array(HOURS_PER_DAY);
    for (let h = 0; h < HOURS_PER_DAY; h++) {
      let sum = 0;
      let count = 0;
      for (let d = this.limit - 1; d >= 0 && count < this.settings.similarDays; d--) {
        const v = this.value(d, h);
        if (!Number.isFinite(v)) continue;
        sum += v;
        count++;
      }
      out[h] = count > 0 ? sum / count : Number.NaN;
    }
    return out;
  }
}
