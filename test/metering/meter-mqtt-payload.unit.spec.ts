import { readMeterPayload } from '../../src/metering/mqtt/meter-mqtt.payload.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const reading = { intervalStart: '2025-03-09T15:00:00Z', intervalMinutes: 15, energyKwh: 1 };

describe('reading an MQTT meter message', () => {
  it('takes the meter from the topic, for one reading or an array of them', () => {
    expect(readMeterPayload('gridfolio/meters/pv-1', bytes(JSON.stringify(reading)))).toEqual({
      ok: true,
      rows: [{ ...reading, meterId: 'pv-1' }],
    });
    const two = readMeterPayload(
      'gridfolio/meters/pv-1',
      JSON.stringify([reading, { ...reading, meterId: 'other', meterKind: 'site' }]),
    );
    expect(two).toEqual({
      ok: true,
      rows: [
        { ...reading, meterId: 'pv-1' },
        { ...reading, meterId: 'pv-1', meterKind: 'site' },
      ],
    });
  });

  it.each([
    ['not JSON', 'gridfolio/meters/pv-1', bytes('{ not json')],
    ['not JSON', 'gridfolio/meters/pv-1', new Uint8Array([0xff, 0xfe, 0x7b])],
    ['empty array', 'gridfolio/meters/pv-1', bytes('[]')],
    ['reading object', 'gridfolio/meters/pv-1', bytes('42')],
    ['reading object', 'gridfolio/meters/pv-1', bytes('[{"energyKwh":1}, null]')],
    ['topic', 'gridfolio/meters/pv-1/extra', bytes('{}')],
    ['topic', 'gridfolio/meters/', bytes('{}')],
  ])('reports a problem (%s) for a message on %s instead of throwing', (words, topic, payload) => {
    const result = readMeterPayload(topic, payload);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem).toContain(words);
  });
});
