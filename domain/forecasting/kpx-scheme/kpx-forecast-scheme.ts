import { DomainError } from '../../shared/domain-error.js';
import { gateMinutesKst, isGateKst } from '../../market/day-ahead-gate.js';

/**
 * The two day-ahead submissions of the KPX renewable forecast scheme (kpx-market-rules.md §4.3).
 * Named by order, not by clock time, because the gate times are configuration: with other gates
 * a slot called "10:00" would lie. The event records the gate instant it was held to.
 */
export const KPX_SUBMISSION_SLOTS = ['first', 'second'] as const;
export type KpxSubmissionSlot = (typeof KPX_SUBMISSION_SLOTS)[number];

/**
 * The scheme's parameters (kpx-market-rules.md §4.2, §4.3). They are CONFIRMED/SECONDARY facts
 * that KPX may change, so they are configuration and every rule takes them as an argument.
 */
export interface KpxForecastScheme {
  /** A single plant, or an aggregate of small plants, must be strictly above this to register. */
  readonly registrationThresholdKw: number;
  /** Only plants at or below this size may be aggregated into one resource. */
  readonly maxAggregatedPlantKw: number;
  /** KST wall times (HH:MM) on D-1 by which each submission is due, the first before the second. */
  readonly submissionGatesKst: Readonly<Record<KpxSubmissionSlot, string>>;
}

/** > 20 MW single plant or aggregate of <= 1 MW plants; submissions at D-1 10:00 and 17:00 KST. */
export const DEFAULT_KPX_FORECAST_SCHEME: KpxForecastScheme = {
  registrationThresholdKw: 20_000,
  maxAggregatedPlantKw: 1_000,
  submissionGatesKst: { first: '10:00', second: '17:00' },
};

const invalidScheme = (message: string, field: string, value: unknown): DomainError =>
  new DomainError('FORECAST.INVALID_SCHEME', message, field, { value });

const positiveKw = (value: unknown, field: string): number => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
    throw invalidScheme(
      `${field} must be a finite number of kW > 0, got ${String(value)}`,
      field,
      value,
    );
  return value;
};

/**
 * Checks a scheme from configuration or a command: positive sizes, small plants no larger than
 * the threshold, and two HH:MM gates with the first strictly before the second.
 */
export const validateKpxForecastScheme = (value: unknown): KpxForecastScheme => {
  if (value === null || typeof value !== 'object')
    throw invalidScheme('the KPX forecast scheme must be an object', 'scheme', value);
  const raw = value as Partial<Record<keyof KpxForecastScheme, unknown>>;
  const registrationThresholdKw = positiveKw(
    raw.registrationThresholdKw,
    'scheme.registrationThresholdKw',
  );
  const maxAggregatedPlantKw = positiveKw(raw.maxAggregatedPlantKw, 'scheme.maxAggregatedPlantKw');
  const gates = raw.submissionGatesKst as Partial<Record<KpxSubmissionSlot, unknown>> | undefined;
  const gate = (slot: KpxSubmissionSlot): string => {
    const text = gates?.[slot];
    if (typeof text !== 'string' || !isGateKst(text))
      throw invalidScheme(
        `the ${slot} submission gate must be a KST wall time HH:MM, got ${String(text)}`,
        `scheme.submissionGatesKst.${slot}`,
        text,
      );
    return text;
  };
  const first = gate('first');
  const second = gate('second');
  if (gateMinutesKst(first) >= gateMinutesKst(second))
    throw invalidScheme(
      `the first submission gate (${first}) must be before the second (${second})`,
      'scheme.submissionGatesKst',
      { first, second },
    );
  return {
    registrationThresholdKw,
    maxAggregatedPlantKw,
    submissionGatesKst: { first, second },
  };
};
