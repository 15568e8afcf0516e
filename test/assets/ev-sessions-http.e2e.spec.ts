import request from 'supertest';
import { evCharger } from '../support/builders/der.builders.js';
import { startAssetApp, type AssetApp } from '../support/asset-app.js';

// 09:00 KST on Monday 2025-03-10.
const START = '2025-03-10T00:00:00.000Z';

describe('EV sessions over HTTP', () => {
  let a: AssetApp;

  beforeEach(async () => {
    a = await startAssetApp(START);
  });
  afterEach(async () => {
    await a.close();
  });

  it('plans, plugs in, unplugs and cancels EV sessions', async () => {
    await request(a.http)
      .post('/ders')
      .send({ derId: 'hq-v2g-01', parameters: evCharger() })
      .expect(201);
    const session = {
      arrival: '2025-03-10T00:00:00Z',
      departure: '2025-03-10T09:00:00Z',
      energyOnArrivalKwh: 20,
      energyRequiredAtDepartureKwh: 60,
      batteryKwh: 77,
    };
    const planned = {
      ...session,
      sessionId: 's-2',
      arrival: '2025-03-10T10:00:00Z',
      departure: '2025-03-10T20:00:00Z',
    };
    await request(a.http).post('/ders/hq-v2g-01/ev-sessions').send(planned).expect(201);
    await request(a.http).post('/ders/hq-v2g-01/ev-sessions').send(planned).expect(200);
    await request(a.http).delete('/ders/hq-v2g-01/ev-sessions/s-2').expect(200);

    await request(a.http).post('/ders/hq-v2g-01/ev-sessions/s-1/plug-in').send(session).expect(200);
    a.clock.advanceBy({ hours: 2 });
    await request(a.http).post('/ders/hq-v2g-01/ev-sessions/s-1/unplug').expect(200);
    const missing = await request(a.http)
      .post('/ders/hq-v2g-01/ev-sessions/s-9/unplug')
      .expect(404);
    expect(missing.body.error.code).toBe('DER.EV_SESSION_NOT_FOUND');

    const events = await a.store.readStream('der-hq-v2g-01');
    expect(events.map((e) => e.type)).toEqual([
      'DerRegistered',
      'EvSessionPlanned',
      'EvSessionCancelled',
      'EvPluggedIn',
      'EvUnplugged',
    ]);
    expect(events.at(-1)?.data).toMatchObject({ unpluggedAt: '2025-03-10T02:00:00.000Z' });
  });
});
