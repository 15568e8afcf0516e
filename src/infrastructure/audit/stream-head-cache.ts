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

  get(streamId: string): StreamHead | undefined {
    const head = this.heads.get(streamId);
    if (head !== undefined) {
      // Re-insert to mark it as recently used (a Map iterates in insertion order).
      this.heads.delete(streamId);
      this.heads.set(streamId, head);
    }
    return head;
  }

  set(streamId: string, head: StreamHead): void {
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
