import {
  ANCHOR_EVENT_TYPE,
  ANCHOR_STREAM_ID,
} from '../../src/infrastructure/audit/anchor-event.js';
import { verifyEventStore } from '../../src/infrastructure/audit/audit-verifier.js';
import { ChainedEventStore } from '../../src/infrastructure/audit/chained-event-store.js';
import type { JsonValue } from '../../domain/shared/json.js';
import { newEvent, newEvents } from '../support/event-store-conformance/helpers.js';
import { InMemoryEventStore } from '../support/in-memory-event-store.js';
import { AUDITED_HISTORY, writeAuditedHistory } from './audited-history.js';

// Tampering with stored rows is proven on SQLite files (audit-verify-sqlite.e2e.spec.ts); these
// cases need nothing but the port.
describe('verifyEventStore', () => {
  let inner: InMemoryEventStore;
  let store: ChainedEventStore;
  beforeEach(() => {
    inner = new InMemoryEventStore();
    store = new ChainedEventStore(inner);
  });
  const anchor = (data: JsonValue) =>
    store.append(ANCHOR_STREAM_ID, [newEvent(ANCHOR_EVENT_TYPE, data)], 'any');

  it('counts events, streams and anchors of an intact history', async () => {
    await writeAuditedHistory(inner);
    expect(await verifyEventStore(inner)).toEqual({
      ok: true,
      eventsChecked: AUDITED_HISTORY.events,
      streamsChecked: AUDITED_HISTORY.streams,
      anchorsChecked: AUDITED_HISTORY.anchors,
    });
  });

  it('finds an empty store intact', async () => {
    expect(await verifyEventStore(inner)).toEqual({
      ok: true,
      eventsChecked: 0,
      streamsChecked: 0,
      anchorsChecked: 0,
    });
  });

  it('names an event written around the chain', async () => {
    await store.append('s-1', newEvents(2), 'no_stream');
    await inner.append('s-2', [newEvent()], 'no_stream');
    const report = await verifyEventStore(inner);
    expect(report).toMatchObject({ ok: false, eventsChecked: 3, streamsChecked: 2 });
    expect(report.firstBreak).toEqual({
      streamId: 's-2',
      revision: 0n,
      position: 3n,
      reason: 'NOT_CHAINED',
      detail: expect.stringContaining('without hash') as unknown,
    });
  });

  it('names an anchor whose data is not a StreamHeadsAnchored record', async () => {
    await store.append('s-1', newEvents(1), 'no_stream');
    await anchor({ afterPosition: null, throughPosition: 'one', anchoredAt: 'x', heads: [] });
    expect((await verifyEventStore(inner)).firstBreak).toMatchObject({
      streamId: ANCHOR_STREAM_ID,
      revision: 0n,
      reason: 'ANCHOR_MALFORMED',
      detail: 'bad throughPosition',
    });
  });

  it('names an anchor that does not start where the previous one ended', async () => {
    await store.append('s-1', newEvents(3), 'no_stream');
    const [head] = await inner.readStream('s-1', { direction: 'backwards', maxCount: 1 });
    const heads = [{ streamId: 's-1', revision: '2', hash: head!.metadata['hash'] as string }];
    await anchor({ afterPosition: null, throughPosition: '3', anchoredAt: 'x', heads });
    await anchor({ afterPosition: '2', throughPosition: '4', anchoredAt: 'x', heads });
    expect((await verifyEventStore(inner)).firstBreak).toMatchObject({
      streamId: ANCHOR_STREAM_ID,
      revision: 1n,
      reason: 'ANCHOR_CHAIN_BROKEN',
    });
  });
});
