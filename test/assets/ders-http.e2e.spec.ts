import request from 'supertest';
import { DateTime } from 'luxon';
import { ess, pv } from '../support/builders/der.builders.js';
import { micro } from '../support/builders/portfolio.builders.js';
import { startAssetApp, type AssetApp } from '../support/asset-app.js';

// 09:00 KST on Monday 2025-03-10: the day-ahead gate for 03-11 (10:00 KST today) is still ahead.
const START = '2025-03-10T00:00:00.000Z';

describe('DER registry over HTTP', () => {
  let a: AssetApp;

  beforeEach(async () => {
    a = await startAssetApp(START);
  });
  afterEach(async () => {
    await a.close();
  });

  const createMicro = (portfolioId = 'micro-v2x') =>
    request(a.http)
      .post('/portfolios')
      .send({ portfolioId, name: 'V2X testbed', settings: micro() })
      .expect(201);

  it('registers a DER, shows it, and answers a retried registration 200 without appending', async () => {
    const body = { derId: 'v2x-ess', parameters: ess() };
    const first = await request(a.http)
      .post('/ders')
      .set('X-Correlation-Id', 'req-1')
      .set('X-Actor', 'user:operator')
      .send(body)
      .expect(201);
    expect(first.body).toMatchObject({
      derId: 'v2x-ess',
      appended: [{ type: 'DerRegistered', streamId: 'der-v2x-ess', revision: '0' }],
      revision: '0',
    });

    const retry = await request(a.http).post('/ders').send(body).expect(200);
    expect(retry.body).toMatchObject({ derId: 'v2x-ess', appended: [], revision: '0' });

    const [registered, ...rest] = await a.store.readStream('der-v2x-ess');
    expect(rest).toEqual([]);
    expect(registered?.metadata).toMatchObject({ correlationId: 'req-1', actor: 'user:operator' });

    const shown = await request(a.http).get('/ders/v2x-ess').expect(200);
    expect(shown.body).toMatchObject({
      status: 'active',
      derId: 'v2x-ess',
      kind: 'ess',
      registeredAt: START,
      registeredParameters: ess(),
    });
  });

  it('defaults the actor to "http"', async () => {
    await request(a.http).post('/ders').send({ derId: 'pv-1', parameters: pv() }).expect(201);
    const [registered] = await a.store.readStream('der-pv-1');
    expect(registered?.metadata['actor']).toBe('http');
  });

  it('answers 400 with the code and the field at fault', async () => {
    const response = await request(a.http)
      .post('/ders')
      .send({ derId: 'v2x-ess', parameters: ess({ chargeKw: -5 as never }) })
      .expect(400);
    expect(response.body).toEqual({
      error: expect.objectContaining({
        code: 'DER.INVALID_PARAMETER',
        field: 'parameters.chargeKw',
      }) as unknown,
    });
    expect(await a.assetEvents()).toEqual([]);
  });

  it.each([
    ['an array', [1, 2]],
    ['no derId', { parameters: pv() }],
  ])('answers 400 for a body with %s', async (_what, body) => {
    const response = await request(a.http).post('/ders').send(body).expect(400);
    expect(['REQUEST.INVALID_BODY', 'DER.INVALID_ID']).toContain(response.body.error.code);
  });

  it('answers 404 for an unknown DER, and for a command on one', async () => {
    const shown = await request(a.http).get('/ders/nope').expect(404);
    expect(shown.body.error).toMatchObject({ code: 'DER.NOT_REGISTERED', field: 'derId' });
    const changed = await request(a.http)
      .put('/ders/nope/parameters')
      .send({ parameters: pv() })
      .expect(404);
    expect(changed.body.error.code).toBe('DER.NOT_REGISTERED');
  });

  it('changes parameters, declares an outage and decommissions', async () => {
    await request(a.http).post('/ders').send({ derId: 'pv-1', parameters: pv() }).expect(201);
    await request(a.http)
      .put('/ders/pv-1/parameters')
      .send({ parameters: pv({ inverterKw: 80 as never }), effectiveFrom: '2025-03-12T00:00:00Z' })
      .expect(200);
    const outage = { window: '2025-03-11T00:00:00Z/2025-03-11T06:00:00Z', availableKw: 0 };
    await request(a.http).post('/ders/pv-1/availability').send(outage).expect(201);
    await request(a.http).post('/ders/pv-1/availability').send(outage).expect(200);
    await request(a.http).post('/ders/pv-1/decommission').expect(200);

    const events = await a.store.readStream('der-pv-1');
    expect(events.map((e) => e.type)).toEqual([
      'DerRegistered',
      'DerParametersChanged',
      'DerAvailabilityDeclared',
      'DerDecommissioned',
    ]);
    const shown = await request(a.http).get('/ders/pv-1').expect(200);
    expect(shown.body).toMatchObject({ status: 'decommissioned', decommissionedFrom: START });
  });

  it('puts a DER in a micro-VPP from the first open day, idempotently, and takes it out', async () => {
    await createMicro();
    await request(a.http).post('/ders').send({ derId: 'pv-1', parameters: pv() }).expect(201);

    const joined = await request(a.http)
      .put('/ders/pv-1/membership')
      .send({ microPortfolioId: 'micro-v2x' })
      .expect(200);
    expect(joined.body.appended).toHaveLength(1);
    const again = await request(a.http)
      .put('/ders/pv-1/membership')
      .send({ microPortfolioId: 'micro-v2x' })
      .expect(200);
    expect(again.body.appended).toEqual([]);

    const shown = await request(a.http).get('/ders/pv-1').expect(200);
    expect(shown.body.membership).toEqual([{ from: '2025-03-11', value: 'micro-v2x' }]);

    await request(a.http).delete('/ders/pv-1/membership?fromDay=2025-03-13').expect(200);
    const after = await request(a.http).get('/ders/pv-1').expect(200);
    expect(after.body.membership).toEqual([
      { from: '2025-03-11', value: 'micro-v2x' },
      { from: '2025-03-13', value: null },
    ]);
  });

  it('refuses membership from a day already bid: today, and tomorrow once the gate has passed', async () => {
    await createMicro();
    await request(a.http).post('/ders').send({ derId: 'pv-1', parameters: pv() }).expect(201);

    const today = await request(a.http)
      .put('/ders/pv-1/membership')
      .send({ microPortfolioId: 'micro-v2x', fromDay: '2025-03-10' })
      .expect(400);
    expect(today.body.error).toMatchObject({ code: 'DER.MEMBERSHIP_DAY_CLOSED', field: 'fromDay' });

    a.clock.advanceTo(DateTime.fromISO('2025-03-10T10:00:00+09:00'));
    const tomorrow = await request(a.http)
      .put('/ders/pv-1/membership')
      .send({ microPortfolioId: 'micro-v2x', fromDay: '2025-03-11' })
      .expect(400);
    expect(tomorrow.body.error).toMatchObject({
      code: 'DER.MEMBERSHIP_DAY_CLOSED',
      field: 'fromDay',
      details: { firstOpenDay: '2025-03-12' },
    });
    expect((await a.store.readStream('der-pv-1')).map((e) => e.type)).toEqual(['DerRegistered']);
  });

  it('answers 404 naming microPortfolioId for an unknown micro-VPP, 400 for a non-micro one', async () => {
    await request(a.http).post('/ders').send({ derId: 'pv-1', parameters: pv() }).expect(201);
    const unknown = await request(a.http)
      .put('/ders/pv-1/membership')
      .send({ microPortfolioId: 'ghost' })
      .expect(404);
    expect(unknown.body.error).toMatchObject({
      code: 'PORTFOLIO.NOT_FOUND',
      field: 'microPortfolioId',
    });

    await request(a.http)
      .post('/portfolios')
      .send({
        portfolioId: 'community-1',
        name: 'Community',
        settings: { tier: 'community', internalPrice: { kind: 'midpoint' } },
      })
      .expect(201);
    const notMicro = await request(a.http)
      .put('/ders/pv-1/membership')
      .send({ microPortfolioId: 'community-1' })
      .expect(400);
    expect(notMicro.body.error.code).toBe('DER.PORTFOLIO_NOT_MICRO');
  });
});
