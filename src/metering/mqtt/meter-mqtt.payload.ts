import type { IngestRow } from '../ingest/meter-ingest.types.js';

/** Readings of meter `{meterId}` arrive on `gridfolio/meters/{meterId}`. */
export const METER_TOPIC_FILTER = 'gridfolio/meters/+';

export type PayloadReading =
  | { readonly ok: true; readonly rows: readonly IngestRow[] }
  | { readonly ok: false; readonly problem: string };

const MAX_PAYLOAD_READINGS = 10_000;

/**
 * Turns one MQTT message into ingest rows: the payload is a JSON reading
 * `{ intervalStart, intervalMinutes, energyKwh, meterKind? }` or an array of them, and the meter
 * is the last topic level, whatever the payload says. Anything else is a problem to log, never an
 * exception: a bad message must not stop the subscription.
 */
export const readMeterPayload = (topic: string, payload: Uint8Array | string): PayloadReading => {
  const levels = topic.split('/');
  const meterId = levels[2];
  if (levels.length !== 3 || levels[0] !== 'gridfolio' || levels[1] !== 'meters' || !meterId)
    return { ok: false, problem: `the topic is not gridfolio/meters/{meterId}` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(
      typeof payload === 'string'
        ? payload
        : new TextDecoder('utf-8', { fatal: true }).decode(payload),
    );
  } catch (error) {
    return { ok: false, problem: `the payload is not JSON: ${(error as Error).message}` };
  }
  const items = Array.isArray(parsed) ? parsed : [parsed];
  if (items.length === 0) return { ok: false, problem: 'the payload is an empty array' };
  if (items.length > MAX_PAYLOAD_READINGS)
    return { ok: false, problem: `the payload holds more than ${MAX_PAYLOAD_READINGS} readings` };
  if (!items.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item)))
    return { ok: false, problem: 'the payload must be a reading object or an array of them' };
  return {
    ok: true,
    rows: items.map((item: Record<string, unknown>) => ({ ...item, meterId })),
  };
};
