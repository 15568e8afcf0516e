import request from 'supertest';
import { pv } from '../support/builders/der.builders.js';
import { community, micro, wholesale } from '../support/builders/portfolio.builders.js';
import { startAssetApp, type AssetApp } from '../support/asset-app.js';

// 09:00 KST on 2025-03-10: the first open trading day is 03-11.
const START = '2025-03-10T00:00:00.000Z';

describe('portfolios and the portfolio tree over HTTP', () => {
  let a: AssetApp;

  beforeEach(async () => {
    a = await startAssetApp(START);
  });
  afterEach(async () => {
    await a.close();
  });

  const create = (portfolioId: string, settings: object, status = 201) =>
    request(a.http)
      .post('/portfolios')
      .send({ portfolioId, name: `VPP ${portfolioId}`, settings })
      .expect(status);

  /** wholesale > community > micro-a (pv-1, pv-2), and micro-b loose under the wholesale VPP. */
  const buildTree = async () => {
    await create('wholesale', wholesale());
    await create('community', community());
    await create('micro-a', micro());
    await create('micro-b', micro({ siteId: 'site-b' }));
    await request(a.http)
      .put('/portfolios/community/parent')
      .send({ parentId: 'wholesale' })
      .expect(200);
    await request(a.http)
      .put('/portfolios/micro-a/parent')
      .send({ parentId: 'community' })
      .expect(200);
    await request(a.http)
      .put('/portfolios/micro-b/parent')
      .send({ parentId: 'wholesale' })
      .expect(200);
    for (const derId of ['pv-2', 'pv-1']) {
      await request(a.http).post('/ders').send({ derId, parameters: pv() }).expect(201);
      await request(a.http)
        .put(`/ders/${derId}/membership`)
        .send({ microPortfolioId: 'micro-a' })
        .expect(200);
    }
  };

  it('creates portfolios idempotently and shows them', async () => {
    const first = await create('wholesale', wholesale());
    expect(first.body).toMatchObject({
      portfolioId: 'wholesale',
      appended: [{ type: 'PortfolioCreated' }],
    });
    const retry = await create('wholesale', wholesale(), 200);
    expect(retry.body.appended).toEqual([]);
    expect(await a.store.readStream('portfolio-wholesale')).toHaveLength(1);

    const shown = await request(a.http).get('/portfolios/wholesale').expect(200);
    expect(shown.body).toMatchObject({
      status: 'open',
      tier: 'wholesale',
      createdDay: '2025-03-10',
      settings: [{ from: '2025-03-10', value: wholesale() }],
    });
    await request(a.http).get('/portfolios/nope').expect(404);
  });

  it('serves the tree of a portfolio as of a trading day, reading its own writes', async () => {
    await buildTree();

    const tree = await request(a.http).get('/portfolios/wholesale/tree?day=2025-03-11').expect(200);
    expect(tree.body).toMatchObject({
      day: '2025-03-11',
      portfolioId: 'wholesale',
      tier: 'wholesale',
      derIds: [],
      children: [
        {
          portfolioId: 'community',
          children: [{ portfolioId: 'micro-a', derIds: ['pv-1', 'pv-2'], children: [] }],
        },
        { portfolioId: 'micro-b', derIds: [], children: [] },
      ],
    });

    // Today the links are not yet in force: every portfolio is a root, no DER in any.
    const today = await request(a.http)
      .get('/portfolios/wholesale/tree?day=2025-03-10')
      .expect(200);
    expect(today.body.children).toEqual([]);
    const sub = await request(a.http).get('/portfolios/micro-a/tree?day=2025-03-11').expect(200);
    expect(sub.body).toMatchObject({ portfolioId: 'micro-a', derIds: ['pv-1', 'pv-2'] });
  });

  it('moves, detaches and closes from a future day, and the tree follows', async () => {
    await buildTree();
    await request(a.http)
      .put('/ders/pv-2/membership')
      .send({ microPortfolioId: 'micro-b', fromDay: '2025-03-12' })
      .expect(200);
    await request(a.http).delete('/portfolios/micro-b/parent?fromDay=2025-03-13').expect(200);
    await request(a.http)
      .post('/portfolios/micro-a/close')
      .send({ fromDay: '2025-03-14' })
      .expect(200);
    await request(a.http)
      .post('/portfolios/micro-a/close')
      .send({ fromDay: '2025-03-14' })
      .expect(200);

    const on12 = await request(a.http).get('/portfolios/wholesale/tree?day=2025-03-12').expect(200);
    expect(on12.body.children[0].children[0].derIds).toEqual(['pv-1']);
    expect(on12.body.children[1].derIds).toEqual(['pv-2']);
    const on13 = await request(a.http).get('/portfolios/wholesale/tree?day=2025-03-13').expect(200);
    expect(on13.body.children.map((c: { portfolioId: string }) => c.portfolioId)).toEqual([
      'community',
    ]);
    const on14 = await request(a.http).get('/portfolios/community/tree?day=2025-03-14').expect(200);
    expect(on14.body.children).toEqual([]);
    const closed = await request(a.http).get('/portfolios/micro-a/tree?day=2025-03-14').expect(404);
    expect(closed.body.error).toMatchObject({
      code: 'PORTFOLIO.NOT_FOUND',
      details: { day: '2025-03-14' },
    });

    const events = await a.store.readStream('portfolio-micro-a');
    expect(events.map((e) => e.type)).toEqual([
      'PortfolioCreated',
      'PortfolioAttachedToParent',
      'PortfolioClosed',
    ]);
  });

  it('changes settings from the first open day and refuses a closed day or another tier', async () => {
    await create('micro-a', micro());
    await request(a.http)
      .put('/portfolios/micro-a/settings')
      .send({ settings: micro({ gridExportLimitKw: 0 as never }) })
      .expect(200);
    const shown = await request(a.http).get('/portfolios/micro-a').expect(200);
    expect(shown.body.settings.map((s: { from: string }) => s.from)).toEqual([
      '2025-03-10',
      '2025-03-11',
    ]);

    const closedDay = await request(a.http)
      .put('/portfolios/micro-a/settings')
      .send({ settings: micro(), fromDay: '2025-03-10' })
      .expect(400);
    expect(closedDay.body.error).toMatchObject({ code: 'PORTFOLIO.DAY_CLOSED', field: 'fromDay' });
    const tier = await request(a.http)
      .put('/portfolios/micro-a/settings')
      .send({ settings: community() })
      .expect(400);
    expect(tier.body.error.code).toBe('PORTFOLIO.TIER_MISMATCH');
    const invalid = await request(a.http)
      .put('/portfolios/micro-a/settings')
      .send({ settings: micro({ gridImportLimitKw: -1 as never }) })
      .expect(400);
    expect(invalid.body.error).toMatchObject({
      code: 'PORTFOLIO.INVALID_SETTINGS',
      field: 'settings.gridImportLimitKw',
    });
  });

  it('refuses parents that are unknown or of a tier that cannot hold the child', async () => {
    await create('micro-a', micro());
    await create('micro-b', micro());
    const unknown = await request(a.http)
      .put('/portfolios/micro-a/parent')
      .send({ parentId: 'ghost' })
      .expect(404);
    expect(unknown.body.error).toMatchObject({ code: 'PORTFOLIO.NOT_FOUND', field: 'parentId' });
    const sameTier = await request(a.http)
      .put('/portfolios/micro-a/parent')
      .send({ parentId: 'micro-b' })
      .expect(400);
    expect(sameTier.body.error.code).toBe('PORTFOLIO.TIER_NOT_ALLOWED');
    const badId = await request(a.http)
      .put('/portfolios/micro-a/parent')
      .send({ parentId: 42 })
      .expect(400);
    expect(badId.body.error.field).toBe('parentId');
  });

  it('answers 400 for a missing or malformed day and 404 for an unknown portfolio', async () => {
    await create('micro-a', micro());
    const missing = await request(a.http).get('/portfolios/micro-a/tree').expect(400);
    expect(missing.body.error).toMatchObject({ code: 'PORTFOLIO.INVALID_INPUT', field: 'day' });
    await request(a.http).get('/portfolios/micro-a/tree?day=2025-02-30').expect(400);
    await request(a.http).get('/portfolios/ghost/tree?day=2025-03-11').expect(404);
  });
});
