/**
 * One reading as it arrives over HTTP (JSON or CSV), MQTT or a file:
 * `{ meterId, meterKind?, intervalStart, intervalMinutes, energyKwh }`, where `meterKind` is
 * `der` (default: meterId is a DER id) or `site` (meterId is a site id, read by its net meter).
 * Rows are `unknown` until parsed: nothing from outside is trusted by its type.
 */
export type IngestRow = unknown;

/** A row refused, with the stable code and the field at fault; `row` is its 0-based index. */
export interface RejectedRow {
  readonly row: number;
  readonly meterId: string | null;
  readonly intervalStart: string | null;
  readonly code: string;
  readonly field: string;
  readonly reason: string;
  /** 1-based line of the row in an uploaded CSV file, to find it in an editor. */
  readonly line?: number;
}

/**
 * What became of each row; every row is counted exactly once. `accepted`: a new (meter, interval)
 * value stored; `corrected`: a different value stored over an earlier one (kept for audit);
 * `unchanged`: nothing to store (the value is already held, or a later row of the same batch
 * replaced it); `rejected`: refused, with reasons.
 */
export interface IngestSummary {
  readonly accepted: number;
  readonly unchanged: number;
  readonly corrected: number;
  readonly rejected: readonly RejectedRow[];
}

/** Who sent the batch, recorded in every event's metadata (e.g. `http:meter-readings`). */
export interface IngestOptions {
  readonly actor: string;
  readonly correlationId?: string;
}
