import type { RecordedEvent } from '../event-store/event-store.port.js';

/** A projection stopped on an event it could not apply; it resumes there once fixed and restarted. */
export class ProjectionFailedError extends Error {
  override readonly name = 'ProjectionFailedError';
  readonly code = 'PROJECTION.FAILED';
  /** Global position of the failing event, when the failure was tied to one. */
  readonly position: bigint | undefined;

  constructor(
    readonly projection: string,
    event: RecordedEvent | undefined,
    cause: unknown,
  ) {
    const at = event
      ? ` at position ${event.position} (${event.streamId}@${event.revision} ${event.type})`
      : '';
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`projection ${projection} stopped${at}: ${reason}`, { cause });
    this.position = event?.position;
  }
}

/** The projection was stopped (or never started) before reaching the awaited position. */
export class ProjectionStoppedError extends Error {
  override readonly name = 'ProjectionStoppedError';
  readonly code = 'PROJECTION.STOPPED';

  constructor(readonly projection: string) {
    super(`projection ${projection} is not running`);
  }
}
