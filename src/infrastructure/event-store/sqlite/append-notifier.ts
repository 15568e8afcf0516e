/**
 * Wakes subscriptions of this process as soon as an append commits, so live delivery in-process
 * never waits for a poll. Each waiter is called once, then forgotten.
 */
export class AppendNotifier {
  private waiters = new Set<() => void>();

  /** Calls `wake` after the next append; the returned function cancels the wait. */
  onNextAppend(wake: () => void): () => void {
    this.waiters.add(wake);
    return () => this.waiters.delete(wake);
  }

  notify(): void {
    if (this.waiters.size === 0) return;
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const wake of waiters) wake();
  }
}
