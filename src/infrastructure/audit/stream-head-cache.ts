/** The last event of a stream, as far as the chain needs it. */
export interface StreamHead {
  readonly revision: bigint;
  readonly hash: string;
}

/**
 * Heads this process wrote or read, least recently used first out. A cached head may be stale
 * (another writer appended since) but never wrong about its own revision: history is immutable,
 * so an append at exactly that revision either links to the right hash or is refused.
 */
export class StreamHeadCache {
  private readonly heads = new Map<string, StreamHead>();

  constructor(private readonly capacity: number) {}

  /**
   * Does not count as a use: every append that gets a head goes on to `set` the new one (or
   * `forget` it), which marks the stream as recently used; bumping here too cost two more Map
   * operations per append.
   */
  get(streamId: string): StreamHead | undefined {
    return this.heads.get(streamId);
  }

  set(streamId: string, head: StreamHead): void {
    // Re-inserted to mark it as recently used (a Map iterates in insertion order).
    this.heads.delete(streamId);
    this.heads.set(streamId, head);
    if (this.heads.size > this.capacity) {
      const oldest = this.heads.keys().next();
      if (oldest.done !== true) this.heads.delete(oldest.value);
    }
  }

  forget(streamId: string): void {
    this.heads.delete(streamId);
  }
}
