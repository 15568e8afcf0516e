/** One event as the test server keeps it: bytes and strings exactly as they came over the wire. */
export interface StoredEvent {
  readonly streamName: string;
  readonly revision: bigint;
  /** Byte offset in an imagined transaction log, like EventStoreDB's: increasing, with gaps. */
  readonly position: bigint;
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  /** .NET ticks (100 ns) since the Unix epoch, as EventStoreDB reports `created`. */
  readonly createdTicks: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
}

export type ProposedEvent = Pick<
  StoredEvent,
  'id' | 'type' | 'contentType' | 'data' | 'customMetadata'
>;

export type Expected =
  | { readonly kind: 'any' | 'no_stream' | 'stream_exists' }
  | { readonly kind: 'revision'; readonly revision: bigint };

export type AppendOutcome =
  | { readonly ok: true; readonly revision: bigint; readonly position: bigint }
  /** `current` is the stream's last revision, undefined when the stream has no events. */
  | { readonly ok: false; readonly current: bigint | undefined };

const RECORD_HEADER_BYTES = 96;

const accepts = (expected: Expected, current: bigint | undefined): boolean => {
  switch (expected.kind) {
    case 'any':
      return true;
    case 'no_stream':
      return current === undefined;
    case 'stream_exists':
      return current !== undefined;
    case 'revision':
      return current === expected.revision;
  }
};

/** The whole store: one append-only array standing for `$all`, plus an index by stream. */
export class InMemoryLog {
  readonly all: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly listeners = new Set<(event: StoredEvent) => void>();
  private nextPosition = 0n;

  constructor() {
    // A real server writes system events of its own; clients must skip them.
    this.seed('$settings', 'update-default-acl');
    this.seed('$stats-127.0.0.1:2113', '$statsCollected');
  }

  /** All or nothing, and synchronous: no other call can interleave with the check and the write. */
  append(
    streamName: string,
    expected: Expected,
    proposed: readonly ProposedEvent[],
  ): AppendOutcome {
    if (proposed.length === 0) throw new RangeError('an append needs at least one event');
    const stream = this.streams.get(streamName) ?? [];
    const current = stream.length === 0 ? undefined : BigInt(stream.length - 1);
    if (!accepts(expected, current)) return { ok: false, current };
    const createdTicks = (BigInt(Date.now()) * 10_000n).toString();
    const written = proposed.map((event, i): StoredEvent => {
      const position = this.nextPosition;
      this.nextPosition += BigInt(
        RECORD_HEADER_BYTES + streamName.length + event.data.length + event.customMetadata.length,
      );
      return { ...event, streamName, revision: BigInt(stream.length + i), position, createdTicks };
    });
    stream.push(...written);
    this.streams.set(streamName, stream);
    this.all.push(...written);
    for (const event of written) for (const listener of this.listeners) listener(event);
    const last = written[written.length - 1]!;
    return { ok: true, revision: last.revision, position: last.position };
  }

  /** Undefined when the stream has never been written. */
  readStream(streamName: string): readonly StoredEvent[] | undefined {
    return this.streams.get(streamName);
  }

  /** Index in `all` of the first event whose position is at least `position`. */
  indexAtOrAfter(position: bigint): number {
    let [low, high] = [0, this.all.length];
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.all[middle]!.position < position) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Calls `listener` with every event appended from now on; returns the unsubscribe function. */
  onAppend(listener: (event: StoredEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private seed(streamName: string, type: string): void {
    const data = new TextEncoder().encode('{}');
    const id = `00000000-0000-4000-8000-${String(this.all.length).padStart(12, '0')}`;
    const proposed = { id, type, contentType: 'application/json', data, customMetadata: data };
    this.append(streamName, { kind: 'any' }, [proposed]);
  }
}
