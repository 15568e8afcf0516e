/**
 * Writes an anchor at least every interval while there is activity, also when appends stop
 * (the append hook alone would leave the last minute of a burst unanchored until the next one).
 */
export interface AnchorScheduler {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export const ANCHOR_SCHEDULER = Symbol('ANCHOR_SCHEDULER');

/** The Anchorer as schedulers see it; both write nothing when nothing new was appended. */
export interface AnchorTask {
  /** Anchors if the interval has passed since this process last anchored. */
  maybeAnchor(): Promise<readonly unknown[]>;
  /** Anchors everything not yet anchored. */
  anchorNow(): Promise<readonly unknown[]>;
}

export interface SchedulerLogger {
  error(message: string, context?: string): void;
}
