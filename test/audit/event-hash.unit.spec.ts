import { createHash } from 'node:crypto';
import { canonicalJson } from '../../src/infrastructure/audit/canonical-json.js';
import {
  GENESIS_HASH,
  eventHash,
  storedEventHashMatches,
} from '../../src/infrastructure/audit/event-hash.js';

const event = {
  id: '0190a3f2-7c1d-7b4e-9a55-1c2f3e4d5a6b',
  streamId: 'bid-p1-DA-2026-11-27',
  revision: 5n,
  type: 'BidSubmitted',
  data: { volumeKw: 1250.5, bidId: 'b-1', curve: [[100, 120.5]], note: 'ö€' },
  metadata: { hash: 'ignored', schemaVersion: 1, prevHash: 'a'.repeat(64), correlationId: 'c-1' },
};

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

describe('eventHash', () => {
  it('is the SHA-256 of the canonical envelope, without the hash itself and with prevHash', () => {
    const envelope =
      '{"data":{"bidId":"b-1","curve":[[100,120.5]],"note":"ö€","volumeKw":1250.5},' +
      '"id":"0190a3f2-7c1d-7b4e-9a55-1c2f3e4d5a6b",' +
      `"metadata":{"correlationId":"c-1","prevHash":"${'a'.repeat(64)}","schemaVersion":1},` +
      '"revision":"5","streamId":"bid-p1-DA-2026-11-27","type":"BidSubmitted"}';
    expect(eventHash(event)).toBe(sha256(envelope));
  });

  // Stored chains depend on this value; it was also computed with `printf ... | sha256sum`.
  it('never changes for a given event', () => {
    expect(eventHash(event)).toBe(
      '8dc187f94a7d177f241744ab2db6530df79dd9827627774da39cd88dc408c278',
    );
  });

  it('covers every field: changing any one changes the hash', () => {
    const base = eventHash(event);
    expect(eventHash({ ...event, revision: 6n })).not.toBe(base);
    expect(eventHash({ ...event, id: '0190a3f2-7c1d-7b4e-9a55-1c2f3e4d5a6c' })).not.toBe(base);
    expect(eventHash({ ...event, streamId: 'bid-p2-DA-2026-11-27' })).not.toBe(base);
    expect(eventHash({ ...event, type: 'BidWithdrawn' })).not.toBe(base);
    expect(eventHash({ ...event, data: { ...event.data, volumeKw: 1250.6 } })).not.toBe(base);
    expect(
      eventHash({ ...event, metadata: { ...event.metadata, prevHash: GENESIS_HASH } }),
    ).not.toBe(base);
    expect(eventHash({ ...event, metadata: { ...event.metadata, hash: 'other' } })).toBe(base);
    expect(eventHash({ ...event, revision: 5 })).toBe(base);
  });

  describe('storedEventHashMatches', () => {
    const expected = eventHash(event);
    const { data, metadata, ...fields } = event;
    const stored = (dataText: string, metadataText: string) => ({
      ...fields,
      dataText,
      data: JSON.parse(dataText) as unknown,
      metadataText,
      metadata: JSON.parse(metadataText) as Record<string, unknown>,
    });
    const canonicalData = canonicalJson(data);
    const canonicalMetadata = canonicalJson({ ...metadata, hash: expected });

    it('accepts the canonical text the chained writer stores', () => {
      expect(storedEventHashMatches(stored(canonicalData, canonicalMetadata), expected)).toBe(true);
    });

    it('accepts the same values in another textual form', () => {
      const spaced = stored(
        JSON.stringify(data, null, 2),
        JSON.stringify({ ...metadata, hash: expected }),
      );
      expect(storedEventHashMatches(spaced, expected)).toBe(true);
    });

    it('refuses an edit of the data or of the metadata', () => {
      const editedData = canonicalData.replace('1250.5', '1250.6');
      expect(storedEventHashMatches(stored(editedData, canonicalMetadata), expected)).toBe(false);
      const editedMetadata = canonicalMetadata.replace('"c-1"', '"c-2"');
      expect(storedEventHashMatches(stored(canonicalData, editedMetadata), expected)).toBe(false);
    });

    it('is not fooled by a nested "hash" member placed before the real one', () => {
      const forged = canonicalJson({ ...metadata, a: { hash: expected }, hash: expected });
      expect(forged.indexOf(`"hash":"${expected}"`)).toBeLessThan(forged.lastIndexOf('"hash"'));
      expect(storedEventHashMatches(stored(canonicalData, forged), expected)).toBe(false);
    });
  });
});
