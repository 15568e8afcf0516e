import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChainedEventStore } from '../../src/infrastructure/audit/chained-event-store.js';
import { verifySqliteEventStore } from '../../src/infrastructure/audit/sqlite-audit-verifier.js';
import { ConcurrencyError } from '../../src/infrastructure/event-store/errors.js';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store.js';
import { newEvents, rejectionOf } from '../support/event-store-conformance/helpers.js';

// A chained batch goes to SQLite as one INSERT at the head the chain took, remembered from its
// own last append or read, without the adapter reading the head again: these tests pin that a
// head another writer moved on is refused (and retried for 'any'), never forked.
const directory = mkdtempSync(join(tmpdir(), 'gridfolio-chained-heads-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('chained appends to one SQLite file from two writers', () => {
  let path: string;
  let files = 0;
  const adapters: SqliteEventStore[] = [];
  const writer = (): ChainedEventStore => {
    const adapter = new SqliteEventStore({ path });
    adapters.push(adapter);
    return new ChainedEventStore(adapter);
  };
  beforeEach(() => {
    path = join(directory, `events-${++files}.db`);
  });
  afterEach(async () => {
    await Promise.all(adapters.splice(0).map((adapter) => adapter.close()));
  });

  it('refuses an exact revision the other writer has gone past, and links "any" to its head', async () => {
    const [a, b] = [writer(), writer()];
    await a.append('s', newEvents(1), 'no_stream');
    await b.append('s', newEvents(1), 0n);

    // `a` still remembers revision 0 as the head.
    const error = await rejectionOf(a.append('s', newEvents(1), 0n));
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(error).toMatchObject({ expected: 0n, actual: 1n });

    await b.append('s', newEvents(1), 1n);
    expect(await a.append('s', newEvents(2), 'any')).toMatchObject({ nextExpectedRevision: 4n });
    expect((await a.readStream('s')).map((event) => event.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
    expect(await verifySqliteEventStore(path, { inProcess: true })).toMatchObject({ ok: true });
  });

  it('refuses a new stream the other writer has created meanwhile', async () => {
    const [a, b] = [writer(), writer()];
    await b.append('t', newEvents(1), 'no_stream');

    const error = await rejectionOf(a.append('t', newEvents(1), 'no_stream'));
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(error).toMatchObject({ expected: 'no_stream', actual: 0n });
    expect(await a.readStream('t')).toHaveLength(1);
  });

  it('appends a batch of more than one INSERT in one transaction too', async () => {
    const a = writer();
    await a.append('u', newEvents(1), 'no_stream');
    const result = await a.append('u', newEvents(250), 0n);

    expect(result.nextExpectedRevision).toBe(250n);
    expect(await a.readStream('u')).toHaveLength(251);
    expect(await verifySqliteEventStore(path, { inProcess: true })).toMatchObject({ ok: true });
  });
});
