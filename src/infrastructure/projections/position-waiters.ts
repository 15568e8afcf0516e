interface Waiter {
  readonly position: bigint;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

/** Promises that settle when a projection reaches a log position, so tests and CLIs never sleep. */
export class PositionWaiters {
  private waiters: Waiter[] = [];

  wait(position: bigint): Promise<void> {
    return new Promise((resolve, reject) => this.waiters.push({ position, resolve, reject }));
  }

  /** Resolves every waiter at or below `position`. */
  reached(position: bigint): void {
    const pending = this.waiters;
    this.waiters = pending.filter((waiter) => waiter.position > position);
    for (const waiter of pending) if (waiter.position <= position) waiter.resolve();
  }

  rejectAll(error: Error): void {
    const pending = this.waiters;
    this.waiters = [];
    for (const waiter of pending) waiter.reject(error);
  }
}
