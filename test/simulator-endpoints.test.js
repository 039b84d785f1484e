'use strict'
// Every REST endpoint of Binance's rest-api.md answers as Binance does, plus the
// key check the editor uses, unknown paths, malformed keys, today's weights and
// the bounded request log.
const assert = require('assert')
const { startSimulator } = require('../dist/simulator')
const { signer, get } = require('./support/binance')

const START = Date.UTC(2026, 0, 5, 12, 34, 56, 789)
const TRADER = { apiKey: 'endpoints', apiSecret: 'endpoints-secret', balances: { USDT: '100000', BTC: '2' } }
const ORDER = { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price: '59000' }
const WORKING = { symbol: 'BTCUSDT', workingType: 'LIMIT', workingSide: 'BUY', workingPrice: '59000', workingQuantity: '0.01', workingTimeInForce: 'GTC' }

describe('simulator endpoints', function () {
  let sim
  let call
  beforeEach(async () => {
    sim = await startSimulator({ clock: 'manual', startTime: START, tickMs: 0, accounts: [TRADER] })
    sim.setPrice('BTCUSDT', '60000.00')
    call = signer(sim, TRADER)
  })
  afterEach(async () => { await sim.close() })

  it('answers every endpoint rest-api.md lists, in Binance\'s shape', async () => {
    const keys = (x) => Object.keys(Array.isArray(x) ? x[0] ?? {} : x)
    const order = (await call('POST', '/api/v3/order', ORDER)).body
    const replaceable = (await call('POST', '/api/v3/order', { ...ORDER, quantity: '0.02', price: '58000' })).body
    const amendable = (await call('POST', '/api/v3/order', { ...ORDER, quantity: '0.02', price: '58500' })).body
    const list = (await call('POST', '/api/v3/orderList/oco', { symbol: 'BTCUSDT', side: 'SELL', quantity: '0.01', aboveType: 'LIMIT_MAKER', abovePrice: '63000', belowType: 'STOP_LOSS', belowStopPrice: '57000' })).body
    const cases = [
      ['GET', '/api/v3/ping', {}, (b) => assert.deepStrictEqual(b, {})],
      ['GET', '/api/v3/time', {}, (b) => assert.deepStrictEqual(b, { serverTime: START })],
      ['GET', '/api/v3/exchangeInfo', { symbol: 'BTCUSDT' }, (b) => assert.deepStrictEqual(keys(b), ['timezone', 'serverTime', 'rateLimits', 'exchangeFilters', 'symbols', 'sors'])],
      ['GET', '/api/v3/executionRules', { symbol: 'BTCUSDT' }, (b) => assert.deepStrictEqual(b, { symbolRules: [{ symbol: 'BTCUSDT', rules: [] }] })],
      ['GET', '/api/v3/depth', { symbol: 'BTCUSDT', limit: 5 }, (b) => assert.deepStrictEqual(keys(b), ['lastUpdateId', 'bids', 'asks'])],
      ['GET', '/api/v3/trades', { symbol: 'BTCUSDT', limit: 5 }, (b) => assert.deepStrictEqual(keys(b), ['id', 'price', 'qty', 'quoteQty', 'time', 'isBuyerMaker', 'isBestMatch'])],
      ['GET', '/api/v3/historicalTrades', { symbol: 'BTCUSDT', limit: 5 }, (b) => assert.strictEqual(b.length, 5)],
      ['GET', '/api/v3/historicalBlockTrades', { symbol: 'BTCUSDT', fromId: 0 }, (b) => assert.deepStrictEqual(b, [])],
      ['GET', '/api/v3/aggTrades', { symbol: 'BTCUSDT', limit: 5 }, (b) => assert.deepStrictEqual(keys(b), ['a', 'p', 'q', 'f', 'l', 'T', 'm', 'M'])],
      ['GET', '/api/v3/klines', { symbol: 'BTCUSDT', interval: '1m', limit: 2 }, (b) => assert.strictEqual(b[0].length, 12)],
      ['GET', '/api/v3/uiKlines', { symbol: 'BTCUSDT', interval: '1m', limit: 2 }, (b) => assert.strictEqual(b[0].length, 12)],
      ['GET', '/api/v3/avgPrice', { symbol: 'BTCUSDT' }, (b) => assert.deepStrictEqual(keys(b), ['mins', 'price', 'closeTime'])],
      ['GET', '/api/v3/ticker/24hr', { symbol: 'BTCUSDT' }, (b) => assert.strictEqual(b.symbol, 'BTCUSDT')],
      ['GET', '/api/v3/ticker/tradingDay', { symbol: 'BTCUSDT' }, (b) => assert.deepStrictEqual(keys(b), ['symbol', 'priceChange', 'priceChangePercent', 'weightedAvgPrice', 'openPrice', 'highPrice', 'lowPrice', 'lastPrice', 'volume', 'quoteVolume', 'openTime', 'closeTime', 'firstId', 'lastId', 'count'])],
      ['GET', '/api/v3/ticker/price', { symbol: 'BTCUSDT' }, (b) => assert.deepStrictEqual(b, { symbol: 'BTCUSDT', price: '60000.00000000' })],
      ['GET', '/api/v3/ticker/bookTicker', { symbol: 'BTCUSDT' }, (b) => assert.deepStrictEqual(keys(b), ['symbol', 'bidPrice', 'bidQty', 'askPrice', 'askQty'])],
      ['GET', '/api/v3/ticker', { symbol: 'BTCUSDT', type: 'MINI' }, (b) => assert.deepStrictEqual(keys(b), ['symbol', 'openPrice', 'highPrice', 'lowPrice', 'lastPrice', 'volume', 'quoteVolume', 'openTime', 'closeTime', 'firstId', 'lastId', 'count'])],
      ['GET', '/api/v3/referencePrice', { symbol: 'BTCUSDT' }, (b) => assert.deepStrictEqual(b, { symbol: 'BTCUSDT', referencePrice: null, timestamp: START })],
      ['GET', '/api/v3/referencePrice/calculation', { symbol: 'BTCUSDT' }, (b) => assert.deepStrictEqual(b, { code: -2043, msg: "This symbol doesn't have a reference price." }), 400],
      ['POST', '/api/v3/order', { ...ORDER, type: 'MARKET', timeInForce: undefined, price: undefined }, (b) => assert.strictEqual(b.status, 'FILLED')],
      ['POST', '/api/v3/order/test', ORDER, (b) => assert.deepStrictEqual(b, {})],
      ['DELETE', '/api/v3/order', { symbol: 'BTCUSDT', orderId: order.orderId }, (b) => assert.strictEqual(b.status, 'CANCELED')],
      ['POST', '/api/v3/order/cancelReplace', { ...ORDER, cancelReplaceMode: 'STOP_ON_FAILURE', cancelOrderId: replaceable.orderId }, (b) => assert.strictEqual(b.newOrderResult, 'SUCCESS')],
      ['PUT', '/api/v3/order/amend/keepPriority', { symbol: 'BTCUSDT', orderId: amendable.orderId, newQty: '0.005' }, (b) => assert.strictEqual(b.amendedOrder.qty, '0.00500000')],
      ['POST', '/api/v3/order/oco', { symbol: 'BTCUSDT', side: 'SELL', quantity: '0.01', price: '63000', stopPrice: '57000' }, (b) => assert.strictEqual(b.contingencyType, 'OCO')],
      ['POST', '/api/v3/orderList/oco', { symbol: 'BTCUSDT', side: 'SELL', quantity: '0.01', aboveType: 'LIMIT_MAKER', abovePrice: '63000', belowType: 'STOP_LOSS', belowStopPrice: '57000' }, (b) => assert.strictEqual(b.orders.length, 2)],
      ['POST', '/api/v3/orderList/oto', { ...WORKING, pendingType: 'MARKET', pendingSide: 'SELL', pendingQuantity: '0.01' }, (b) => assert.strictEqual(b.contingencyType, 'OTO')],
      ['POST', '/api/v3/orderList/otoco', { ...WORKING, pendingSide: 'SELL', pendingQuantity: '0.01', pendingAboveType: 'LIMIT_MAKER', pendingAbovePrice: '63000', pendingBelowType: 'STOP_LOSS', pendingBelowStopPrice: '57000' }, (b) => assert.strictEqual(b.orders.length, 3)],
      ['POST', '/api/v3/orderList/opo', { ...WORKING, pendingType: 'MARKET', pendingSide: 'SELL' }, (b) => assert.strictEqual(b.orders.length, 2)],
      ['POST', '/api/v3/orderList/opoco', { ...WORKING, pendingSide: 'SELL', pendingAboveType: 'LIMIT_MAKER', pendingAbovePrice: '63000', pendingBelowType: 'STOP_LOSS', pendingBelowStopPrice: '57000' }, (b) => assert.strictEqual(b.orders.length, 3)],
      ['DELETE', '/api/v3/orderList', { symbol: 'BTCUSDT', orderListId: list.orderListId }, (b) => assert.strictEqual(b.listStatusType, 'ALL_DONE')],
      ['POST', '/api/v3/sor/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.01' }, (b) => assert.deepStrictEqual([b.status, b.usedSor, b.workingFloor], ['FILLED', true, 'EXCHANGE'])],
      ['POST', '/api/v3/sor/order/test', { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.01', computeCommissionRates: true }, (b) => assert.deepStrictEqual(keys(b), ['standardCommissionForOrder', 'taxCommissionForOrder', 'discount'])],
      ['DELETE', '/api/v3/openOrders', { symbol: 'BTCUSDT' }, (b) => assert.ok(b.length >= 1)],
      ['GET', '/api/v3/account', {}, (b) => assert.strictEqual(b.accountType, 'SPOT')],
      ['GET', '/api/v3/order', { symbol: 'BTCUSDT', orderId: order.orderId }, (b) => assert.strictEqual(b.orderId, order.orderId)],
      ['GET', '/api/v3/openOrders', { symbol: 'BTCUSDT' }, (b) => assert.ok(Array.isArray(b))],
      ['GET', '/api/v3/allOrders', { symbol: 'BTCUSDT' }, (b) => assert.ok(b.length > 5)],
      ['GET', '/api/v3/orderList', { orderListId: list.orderListId }, (b) => assert.strictEqual(b.orderListId, list.orderListId)],
      ['GET', '/api/v3/allOrderList', {}, (b) => assert.ok(b.length >= 5)],
      ['GET', '/api/v3/openOrderList', {}, (b) => assert.ok(Array.isArray(b))],
      ['GET', '/api/v3/myTrades', { symbol: 'BTCUSDT' }, (b) => assert.ok(b.length >= 2)],
      ['GET', '/api/v3/rateLimit/order', {}, (b) => assert.deepStrictEqual(keys(b), ['rateLimitType', 'interval', 'intervalNum', 'limit', 'count'])],
      ['GET', '/api/v3/myPreventedMatches', { symbol: 'BTCUSDT', orderId: order.orderId }, (b) => assert.deepStrictEqual(b, [])],
      ['GET', '/api/v3/myAllocations', { symbol: 'BTCUSDT' }, (b) => assert.deepStrictEqual(b, [])],
      ['GET', '/api/v3/account/commission', { symbol: 'BTCUSDT' }, (b) => assert.deepStrictEqual(keys(b), ['symbol', 'standardCommission', 'specialCommission', 'taxCommission', 'discount'])],
      ['GET', '/api/v3/order/amendments', { symbol: 'BTCUSDT', orderId: amendable.orderId }, (b) => assert.strictEqual(b.length, 1)],
      ['GET', '/api/v3/myFilters', { symbol: 'BTCUSDT' }, (b) => assert.deepStrictEqual(keys(b), ['exchangeFilters', 'symbolFilters', 'assetFilters'])],
      ['GET', '/sapi/v1/account/apiRestrictions', {}, (b) => assert.strictEqual(b.enableSpotAndMarginTrading, true)]
    ]
    assert.strictEqual(cases.length, 49, 'the 48 endpoints of rest-api.md and the API key check')
    for (const [method, path, params, check, status = 200] of cases) {
      const signedPath = !['/api/v3/ping', '/api/v3/time', '/api/v3/exchangeInfo', '/api/v3/executionRules', '/api/v3/depth', '/api/v3/trades', '/api/v3/historicalTrades', '/api/v3/historicalBlockTrades', '/api/v3/aggTrades', '/api/v3/klines', '/api/v3/uiKlines', '/api/v3/avgPrice'].includes(path) && !path.startsWith('/api/v3/ticker') && !path.startsWith('/api/v3/referencePrice')
      const res = signedPath ? await call(method, path, params) : await get(sim, path, params)
      assert.strictEqual(res.status, status, `${method} ${path}: ${JSON.stringify(res.body)}`)
      check(res.body)
    }
  })

  it('the rolling ticker opens on a minute; the trading day runs from midnight in the time zone asked', async () => {
    const rolling = (await get(sim, '/api/v3/ticker', { symbol: 'BTCUSDT', windowSize: '2h' })).body
    assert.deepStrictEqual([rolling.openTime, rolling.closeTime], [Date.UTC(2026, 0, 5, 10, 34), START])
    const day = (await get(sim, '/api/v3/ticker/tradingDay', { symbols: ['BTCUSDT', 'ETHUSDT'], timeZone: '8', type: 'MINI' })).body
    assert.deepStrictEqual(day.map((t) => [t.symbol, t.openTime, t.closeTime]), [
      ['BTCUSDT', Date.UTC(2026, 0, 4, 16), Date.UTC(2026, 0, 5, 16) - 1],
      ['ETHUSDT', Date.UTC(2026, 0, 4, 16), Date.UTC(2026, 0, 5, 16) - 1]
    ])
    assert.strictEqual(rolling.count, rolling.lastId - rolling.firstId + 1)
    const bad = await get(sim, '/api/v3/ticker', { symbol: 'BTCUSDT', windowSize: '1d2h' })
    assert.deepStrictEqual(bad.body, { code: -1130, msg: "Data sent for parameter 'windowSize' is not valid." })
    const none = await get(sim, '/api/v3/ticker/tradingDay', {})
    assert.deepStrictEqual(none.body, { code: -1102, msg: "Param 'symbol' or 'symbols' must be sent, but both were empty/null!" })
  })

  it('unknown paths answer Binance\'s JSON error (HTML only to a client that asks for HTML)', async () => {
    const json = await get(sim, '/api/v3/exchangie')
    assert.deepStrictEqual([json.status, json.headers.get('content-type'), json.body], [404, 'application/json;charset=UTF-8', { code: -1020, msg: 'This operation is not supported.' }])
    const html = await get(sim, '/api/v3/exchangie', {}, { Accept: 'text/html' })
    assert.deepStrictEqual([html.status, html.body], [404, '<html><body><h2>404 Not found</h2></body></html>'])
  })

  it('a malformed API key is -2014, an unknown one -2015', async () => {
    const bad = signer(sim, { apiKey: 'not a key!', apiSecret: 'x' })
    assert.deepStrictEqual(await bad('GET', '/api/v3/account').then((r) => [r.status, r.body]), [401, { code: -2014, msg: 'API-key format invalid.' }])
    const unknown = signer(sim, { apiKey: 'nobody-here', apiSecret: 'x' })
    assert.deepStrictEqual(await unknown('GET', '/api/v3/account').then((r) => [r.status, r.body.code]), [401, -2015])
  })

  it('apiRestrictions: the demo account\'s answer, and a key configured to withdraw or not to trade', async () => {
    const demo = (await signer(sim, { apiKey: 'simulator-key', apiSecret: 'simulator-secret' })('GET', '/sapi/v1/account/apiRestrictions')).body
    assert.deepStrictEqual(demo, {
      ipRestrict: false,
      createTime: START,
      enableReading: true,
      enableWithdrawals: false,
      enableInternalTransfer: false,
      enableMargin: false,
      enableFutures: false,
      permitsUniversalTransfer: false,
      enableVanillaOptions: false,
      enableFixApiTrade: false,
      enableFixReadOnly: true,
      enableSpotAndMarginTrading: true,
      enablePortfolioMarginTrading: false
    })
    sim.addAccount({ apiKey: 'withdrawer', apiSecret: 'w', apiRestrictions: { enableWithdrawals: true, ipRestrict: true } })
    const w = (await signer(sim, { apiKey: 'withdrawer', apiSecret: 'w' })('GET', '/sapi/v1/account/apiRestrictions'))
    assert.deepStrictEqual([w.body.enableWithdrawals, w.body.ipRestrict, Number(w.headers.get('x-sapi-used-ip-weight-1m')) > 0], [true, true, true])
    sim.addAccount({ apiKey: 'reader', apiSecret: 'r', balances: { USDT: '100' }, apiRestrictions: { enableSpotAndMarginTrading: false } })
    const reader = signer(sim, { apiKey: 'reader', apiSecret: 'r' })
    assert.strictEqual((await reader('GET', '/api/v3/account')).body.canTrade, false)
    const refused = await reader('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quoteOrderQty: '10' })
    assert.deepStrictEqual([refused.status, refused.body.code], [401, -2015])
  })

  it('commission per account, as account and account/commission report it, charged on fills', async () => {
    sim.addAccount({ apiKey: 'vip', apiSecret: 'v', balances: { USDT: '10000' }, commission: { maker: '0.0002', taker: '0.0004' } })
    const vip = signer(sim, { apiKey: 'vip', apiSecret: 'v' })
    const account = (await vip('GET', '/api/v3/account')).body
    assert.deepStrictEqual([account.makerCommission, account.takerCommission, account.commissionRates], [2, 4, { maker: '0.00020000', taker: '0.00040000', buyer: '0.00000000', seller: '0.00000000' }])
    const rates = (await vip('GET', '/api/v3/account/commission', { symbol: 'ETHUSDT' })).body
    assert.deepStrictEqual(rates.standardCommission, { maker: '0.00020000', taker: '0.00040000', buyer: '0.00000000', seller: '0.00000000' })
    const o = (await vip('POST', '/api/v3/order', { symbol: 'ETHUSDT', side: 'BUY', type: 'MARKET', quantity: '1' })).body
    for (const f of o.fills) assert.strictEqual(f.commission, (Number(f.qty) * 0.0004).toFixed(8))
    const test = (await vip('POST', '/api/v3/order/test', { symbol: 'ETHUSDT', side: 'BUY', type: 'MARKET', quantity: '1', computeCommissionRates: true })).body
    assert.deepStrictEqual(test.standardCommissionForOrder, { maker: '0.00020000', taker: '0.00040000' })
  })

  it('successful orders and cancels cost no request weight; failed ones pay', async () => {
    const used = (res) => Number(res.headers.get('x-mbx-used-weight-1m'))
    const base = used(await get(sim, '/api/v3/ping'))
    const placed = await call('POST', '/api/v3/order', ORDER)
    assert.strictEqual(used(placed), base)
    assert.strictEqual(used(await call('DELETE', '/api/v3/order', { symbol: 'BTCUSDT', orderId: placed.body.orderId })), base)
    assert.strictEqual(used(await call('POST', '/api/v3/order', { ...ORDER, price: '0.001' })), base + 1, 'a refused order pays its weight')
    assert.strictEqual(used(await call('DELETE', '/api/v3/order', { symbol: 'BTCUSDT', orderId: 4242 })), base + 2)
    assert.strictEqual(used(await call('POST', '/api/v3/orderList/oco', { symbol: 'BTCUSDT', side: 'SELL', quantity: '0.01', aboveType: 'LIMIT_MAKER', abovePrice: '63000', belowType: 'STOP_LOSS', belowStopPrice: '57000' })), base + 2)
    assert.strictEqual(used(await call('GET', '/api/v3/account')), base + 22)
  })

  it('keeps only the most recent requests (requestLog), each as it was recorded', async () => {
    const small = await startSimulator({ tickMs: 0, requestLog: 3 })
    try {
      for (let i = 0; i < 5; i++) await get(small, '/api/v3/ping', { n: i })
      assert.deepStrictEqual(small.requests.map((r) => r.query), ['n=2', 'n=3', 'n=4'])
      assert.deepStrictEqual(Object.keys(small.requests[0]), ['method', 'path', 'query', 'time'])
    } finally {
      await small.close()
    }
  })

  it('inject() handles a request in process exactly as one over HTTP: recorded, weighed, answered', async () => {
    const before = sim.requests.length
    const answer = await sim.inject({ method: 'GET', path: '/api/v3/ticker/price', query: 'symbol=BTCUSDT' })
    assert.deepStrictEqual([answer.status, JSON.parse(answer.body)], [200, { symbol: 'BTCUSDT', price: '60000.00000000' }])
    assert.match(answer.headers['X-MBX-USED-WEIGHT-1M'], /^\d+$/)
    assert.deepStrictEqual([sim.requests.length, sim.requests[before].path], [before + 1, '/api/v3/ticker/price'])
    const unsigned = await sim.inject({ method: 'GET', path: '/api/v3/account', headers: { 'X-MBX-APIKEY': TRADER.apiKey } })
    assert.deepStrictEqual([unsigned.status, JSON.parse(unsigned.body).code], [400, -1102])
  })

  it('accounts(), openOrders() and recentFills() for the sidebar, in Binance\'s shapes', async () => {
    await call('POST', '/api/v3/order', ORDER)
    await call('POST', '/api/v3/order', { ...ORDER, type: 'MARKET', timeInForce: undefined, price: undefined })
    const mine = sim.accounts().find((a) => a.apiKey === TRADER.apiKey)
    assert.deepStrictEqual(mine.balances.map((b) => b.asset), ['BTC', 'USDT'])
    assert.deepStrictEqual(sim.openOrders(TRADER.apiKey), (await call('GET', '/api/v3/openOrders', {})).body)
    assert.deepStrictEqual(sim.recentFills(TRADER.apiKey, 1), (await call('GET', '/api/v3/myTrades', { symbol: 'BTCUSDT', limit: 1 })).body)
    assert.throws(() => sim.openOrders('nobody'))
  })
})
