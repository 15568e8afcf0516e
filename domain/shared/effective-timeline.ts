import { sameJson } from './input-parsing.js';

/**
 * A value that changes over time as a step function: each entry holds from its `from` key until the
 * next entry's. Keys are canonical ISO strings (instants or trading days), which sort as text.
 * Changes never overlap by construction: a change from `from` replaces everything scheduled from
 * `from` onward, so the latest command states the whole future.
 */
export interface TimelineEntry<V> {
  readonly from: string;
  readonly value: V;
}

export type Timeline<V> = readonly TimelineEntry<V>[];

/** The value in force at `at`, or `undefined` before the first entry. */
export const valueAt = <V>(timeline: Timeline<V>, at: string): V | undefined => {
  for (let i = timeline.length - 1; i >= 0; i--) {
    const entry = timeline[i];
    if (entry !== undefined && entry.from <= at) return entry.value;
  }
  return undefined;
};

/**
 * The timeline with `value` in force from `from` onward. An entry that repeats the value in force
 * just before it is left out, so that an equal timeline means "this change is already recorded".
 */
export const setFrom = <V>(timeline: Timeline<V>, from: string, value: V): Timeline<V> => {
  const kept = timeline.filter((entry) => entry.from < from);
  const last = kept.at(-1);
  if (last !== undefined && sameJson(last.value, value)) return kept;
  if (last === undefined && value === null) return kept; // "nothing" before the first entry too
  return [...kept, { from, value }];
};

export const sameTimeline = <V>(a: Timeline<V>, b: Timeline<V>): boolean =>
  a.length === b.length &&
  a.every((entry, i) => entry.from === b[i]?.from && sameJson(entry.value, b[i]?.value));
