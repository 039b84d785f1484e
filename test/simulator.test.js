'use strict'
// The embedded simulator over real HTTP on loopback: market data, signed requests,
// weights and rate limits, the price walk and the command line.
const assert = require('assert')
const crypto = require('crypto')
const path = require('path')
const net = require('net')
const { spawn } = require('child_process')
const { startSimulator } = require('../dist/simulator')

const DEMO = { key: 'simulator-key', secret: 'simulator-secret' }
const JSON_TYPE = 'application/json;charset=UTF-8'
const EIGHT_DECIMALS = /^-?\d+\.\d{8}$/

const qs = (params) =>
  Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(Array.isArray(v) ? JSON.stringify(v) : v)}`)
    .join('&')

const hmac = (secret, payload) => crypto.createHmac('sha256', secret).update(payload).digest('hex')

async function request (sim, method, urlPath, { query = '', body, headers = {} } = {}) {
  const res = await fetch(`${sim.url}${urlPath}${query ? `?${query}` : ''}`, { method, headers, body })
  const text = await res.text()
  let json
  try { json = JSON.parse(text) } catch { json = text }
  return { status: res.status, headers: res.headers, body: json }
}

const get = (sim, urlPath, params = {}) => request(sim, 'GET', urlPath, { query: qs(params) })

/** Signs like the @binance/connector client: everything in the query string, signature last. */
function signed (sim, method, urlPath, params = {}, { key = DEMO.key, secret = DEMO.secret, timestamp = Date.now() } = {}) {
  const query = qs({ ...params, timestamp })
  return request(sim, method, urlPath, {
    query: `${query}&signature=${hmac(secret, query)}`,
    headers: { 'X-MBX-APIKEY': key, 'Content-Type': 'application/json' }
  })
}

const weight = (res) => Number(res.headers.get('x-mbx-used-weight-1m'))

/** The weight one request adds, robust to the minute window rolling over in between. */
async function weightOf (sim, urlPath, params) {
  const before = weight(await get(sim, '/api/v3/ping'))
  const after = weight(await get(sim, urlPath, params))
  return after > before ? after - before : after
}

function assertError (res, status, code, msg) {
  assert.strictEqual(res.status, status, JSON.stringify(res.body))
  assert.deepStrictEqual(res.body, { code, msg })
  assert.strictEqual(res.headers.get('content-type'), JSON_TYPE)
}

describe('simulator: public market data', function () {
  let sim
  before(async () => { sim = await startSimulator({ tickMs: 0 }) })
  after(async () => { await sim.close() })

  it('ping and time answer JSON with the weight header', async () => {
    const ping = await get(sim, '/api/v3/ping')
    assert.strictEqual(ping.status, 200)
    assert.deepStrictEqual(ping.body, {})
    assert.strictEqual(ping.headers.get('content-type'), JSON_TYPE)
    assert.ok(weight(ping) >= 1)
    const time = await get(sim, '/api/v3/time')
    assert.deepStrictEqual(Object.keys(time.body), ['serverTime'])
    assert.ok(Math.abs(time.body.serverTime - Date.now()) < 2000)
  })

  it('the server clock follows setServerTimeOffset', async () => {
    sim.setServerTimeOffset(-3600000)
    try {
      const { body } = await get(sim, '/api/v3/time')
      assert.ok(Math.abs(body.serverTime - (Date.now() - 3600000)) < 2000)
    } finally {
      sim.setServerTimeOffset(0)
    }
  })

  it('exchangeInfo lists the symbols with Binance\'s fields, filters and rate limits', async () => {
    const { body } = await get(sim, '/api/v3/exchangeInfo')
    assert.strictEqual(body.timezone, 'UTC')
    assert.ok(Math.abs(body.serverTime - Date.now()) < 2000)
    assert.deepStrictEqual(body.rateLimits, [
      { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000 },
      { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 100 },
      { rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: 200000 },
      { rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: 300000 }
    ])
    assert.deepStrictEqual(body.exchangeFilters, [])
    const names = body.symbols.map((s) => s.symbol)
    for (const s of ['BTCUSDT', 'ETHUSDT', 'BNBUSDT', 'ETHBTC', 'BNBBTC', 'SOLUSDT', 'XRPUSDT']) assert.ok(names.includes(s), s)
    const btc = body.symbols.find((s) => s.symbol === 'BTCUSDT')
    assert.strictEqual(btc.status, 'TRADING')
    assert.strictEqual(btc.baseAsset, 'BTC')
    assert.strictEqual(btc.quoteAsset, 'USDT')
    for (const k of ['baseAssetPrecision', 'quotePrecision', 'quoteAssetPrecision', 'baseCommissionPrecision', 'quoteCommissionPrecision']) {
      assert.strictEqual(btc[k], 8, k)
    }
    assert.deepStrictEqual(btc.orderTypes, ['LIMIT', 'LIMIT_MAKER', 'MARKET', 'STOP_LOSS', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT', 'TAKE_PROFIT_LIMIT'])
    for (const k of ['icebergAllowed', 'ocoAllowed', 'quoteOrderQtyMarketAllowed', 'allowTrailingStop', 'isSpotTradingAllowed']) assert.strictEqual(btc[k], true, k)
    for (const k of ['otoAllowed', 'cancelReplaceAllowed', 'isMarginTradingAllowed']) assert.strictEqual(typeof btc[k], 'boolean', k)
    assert.deepStrictEqual(btc.permissionSets, [['SPOT']])
    assert.strictEqual(btc.defaultSelfTradePreventionMode, 'EXPIRE_MAKER')
    assert.ok(btc.allowedSelfTradePreventionModes.includes('EXPIRE_MAKER'))
    const filter = (type) => btc.filters.find((f) => f.filterType === type)
    assert.deepStrictEqual(filter('PRICE_FILTER'), { filterType: 'PRICE_FILTER', minPrice: '0.01000000', maxPrice: '1000000.00000000', tickSize: '0.01000000' })
    assert.deepStrictEqual(filter('LOT_SIZE'), { filterType: 'LOT_SIZE', minQty: '0.00001000', maxQty: '9000.00000000', stepSize: '0.00001000' })
    assert.deepStrictEqual(filter('ICEBERG_PARTS'), { filterType: 'ICEBERG_PARTS', limit: 100 })
    assert.deepStrictEqual(Object.keys(filter('MARKET_LOT_SIZE')), ['filterType', 'minQty', 'maxQty', 'stepSize'])
    assert.deepStrictEqual(filter('TRAILING_DELTA'), {
      filterType: 'TRAILING_DELTA', minTrailingAboveDelta: 10, maxTrailingAboveDelta: 2000, minTrailingBelowDelta: 10, maxTrailingBelowDelta: 2000
    })
    assert.deepStrictEqual(filter('PERCENT_PRICE_BY_SIDE'), {
      filterType: 'PERCENT_PRICE_BY_SIDE', bidMultiplierUp: '5', bidMultiplierDown: '0.2', askMultiplierUp: '5', askMultiplierDown: '0.2', avgPriceMins: 5
    })
    assert.deepStrictEqual(filter('NOTIONAL'), {
      filterType: 'NOTIONAL', minNotional: '5.00000000', applyMinToMarket: true, maxNotional: '9000000.00000000', applyMaxToMarket: false, avgPriceMins: 5
    })
    assert.deepStrictEqual(filter('MAX_NUM_ORDERS'), { filterType: 'MAX_NUM_ORDERS', maxNumOrders: 200 })
    assert.deepStrictEqual(filter('MAX_NUM_ALGO_ORDERS'), { filterType: 'MAX_NUM_ALGO_ORDERS', maxNumAlgoOrders: 5 })
    assert.deepStrictEqual(filter('MAX_NUM_ORDER_LISTS'), { filterType: 'MAX_NUM_ORDER_LISTS', maxNumOrderLists: 20 })
    assert.deepStrictEqual(filter('MAX_NUM_ORDER_AMENDS'), { filterType: 'MAX_NUM_ORDER_AMENDS', maxNumOrderAmends: 10 })
    const ethbtc = body.symbols.find((s) => s.symbol === 'ETHBTC')
    assert.strictEqual(ethbtc.filters.find((f) => f.filterType === 'PRICE_FILTER').tickSize, '0.00001000')
  })

  it('exchangeInfo takes symbol or symbols, and refuses unknown or conflicting ones', async () => {
    const one = await get(sim, '/api/v3/exchangeInfo', { symbol: 'ETHBTC' })
    assert.deepStrictEqual(one.body.symbols.map((s) => s.symbol), ['ETHBTC'])
    const two = await get(sim, '/api/v3/exchangeInfo', { symbols: ['BNBBTC', 'BTCUSDT'] })
    assert.deepStrictEqual(two.body.symbols.map((s) => s.symbol), ['BNBBTC', 'BTCUSDT'])
    const raw = await request(sim, 'GET', '/api/v3/exchangeInfo', { query: 'symbols=["XRPUSDT","SOLUSDT"]' })
    assert.deepStrictEqual(raw.body.symbols.map((s) => s.symbol), ['XRPUSDT', 'SOLUSDT'])
    assertError(await get(sim, '/api/v3/exchangeInfo', { symbol: 'NOPENOPE' }), 400, -1121, 'Invalid symbol.')
    assertError(await get(sim, '/api/v3/exchangeInfo', { symbols: ['BTCUSDT', 'NOPE'] }), 400, -1121, 'Invalid symbol.')
    assertError(await get(sim, '/api/v3/exchangeInfo', { symbols: ['BTCUSDT', 'BTCUSDT'] }), 400, -1151, 'Symbol is present multiple times in the list.')
    assertError(await get(sim, '/api/v3/exchangeInfo', { symbol: 'BTCUSDT', symbols: ['ETHUSDT'] }), 400, -1128, 'Combination of optional parameters invalid.')
    const badList = await get(sim, '/api/v3/exchangeInfo', { symbols: 'BTCUSDT,ETHUSDT' })
    assert.strictEqual(badList.body.code, -1100)
    assert.match(badList.body.msg, /^Illegal characters found in parameter 'symbols'; legal range is/)
    const hidden = await get(sim, '/api/v3/exchangeInfo', { symbol: 'BTCUSDT', showPermissionSets: 'false' })
    assert.deepStrictEqual(hidden.body.symbols[0].permissionSets, [])
  })

  it('depth: levels around the last price, sorted, limited, with lastUpdateId', async () => {
    sim.setPrice('BTCUSDT', '60000.00')
    const { body } = await get(sim, '/api/v3/depth', { symbol: 'BTCUSDT' })
    assert.deepStrictEqual(Object.keys(body), ['lastUpdateId', 'bids', 'asks'])
    assert.strictEqual(body.bids.length, 100)
    assert.strictEqual(body.asks.length, 100)
    assert.deepStrictEqual(body.bids[0][0], '60000.00000000')
    assert.deepStrictEqual(body.asks[0][0], '60000.01000000')
    for (const [p, q] of [...body.bids, ...body.asks]) {
      assert.match(p, EIGHT_DECIMALS)
      assert.match(q, EIGHT_DECIMALS)
      assert.ok(Number(q) > 0)
    }
    for (let i = 1; i < 100; i++) {
      assert.ok(Number(body.bids[i][0]) < Number(body.bids[i - 1][0]))
      assert.ok(Number(body.asks[i][0]) > Number(body.asks[i - 1][0]))
    }
    assert.strictEqual((await get(sim, '/api/v3/depth', { symbol: 'BTCUSDT', limit: 5 })).body.bids.length, 5)
    assert.strictEqual((await get(sim, '/api/v3/depth', { symbol: 'BTCUSDT', limit: 6000 })).body.asks.length, 5000)
    sim.setPrice('BTCUSDT', '60100.00')
    const moved = (await get(sim, '/api/v3/depth', { symbol: 'BTCUSDT', limit: 1 })).body
    assert.ok(moved.lastUpdateId > body.lastUpdateId)
    assert.strictEqual(moved.bids[0][0], '60100.00000000')
    assertError(await get(sim, '/api/v3/depth'), 400, -1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.")
    assertError(await get(sim, '/api/v3/depth', { symbol: 'FOOBAR' }), 400, -1121, 'Invalid symbol.')
  })

  it('bookTicker is the top of the depth', async () => {
    const depth = (await get(sim, '/api/v3/depth', { symbol: 'ETHUSDT', limit: 1 })).body
    const one = (await get(sim, '/api/v3/ticker/bookTicker', { symbol: 'ETHUSDT' })).body
    assert.deepStrictEqual(one, { symbol: 'ETHUSDT', bidPrice: depth.bids[0][0], bidQty: depth.bids[0][1], askPrice: depth.asks[0][0], askQty: depth.asks[0][1] })
    const list = (await get(sim, '/api/v3/ticker/bookTicker', { symbols: ['ETHUSDT', 'BTCUSDT'] })).body
    assert.deepStrictEqual(list.map((t) => t.symbol), ['ETHUSDT', 'BTCUSDT'])
    const all = (await get(sim, '/api/v3/ticker/bookTicker')).body
    assert.ok(all.length >= 7)
  })

  it('recent trades: newest last at the current price, ids consecutive, limit capped at 1000', async () => {
    sim.setPrice('BNBUSDT', '512.34')
    const { body } = await get(sim, '/api/v3/trades', { symbol: 'BNBUSDT' })
    assert.strictEqual(body.length, 500)
    assert.deepStrictEqual(Object.keys(body[0]), ['id', 'price', 'qty', 'quoteQty', 'time', 'isBuyerMaker', 'isBestMatch'])
    for (let i = 1; i < body.length; i++) {
      assert.strictEqual(body[i].id, body[i - 1].id + 1)
      assert.ok(body[i].time >= body[i - 1].time)
    }
    assert.strictEqual(body[body.length - 1].price, '512.34000000')
    assert.strictEqual((await get(sim, '/api/v3/trades', { symbol: 'BNBUSDT', limit: 3 })).body.length, 3)
    assert.strictEqual((await get(sim, '/api/v3/trades', { symbol: 'BNBUSDT', limit: 5000 })).body.length, 1000)
  })

  it('klines: Binance\'s positional rows, aligned open times, last close = current price', async () => {
    sim.setPrice('BTCUSDT', '61234.56')
    const { body } = await get(sim, '/api/v3/klines', { symbol: 'BTCUSDT', interval: '1m' })
    assert.strictEqual(body.length, 500)
    const row = body[body.length - 1]
    assert.strictEqual(row.length, 12)
    assert.strictEqual(typeof row[0], 'number')
    assert.strictEqual(typeof row[6], 'number')
    assert.strictEqual(typeof row[8], 'number')
    for (const i of [1, 2, 3, 4, 5, 7, 9, 10]) assert.match(row[i], EIGHT_DECIMALS)
    assert.strictEqual(row[11], '0')
    assert.strictEqual(row[4], '61234.56000000')
    assert.strictEqual(row[0] % 60000, 0)
    assert.strictEqual(row[6], row[0] + 59999)
    assert.ok(row[0] <= Date.now() && row[6] >= Date.now() - 1000)
    for (let i = 1; i < body.length; i++) {
      assert.strictEqual(body[i][0], body[i - 1][6] + 1)
      assert.strictEqual(body[i][1], body[i - 1][4], 'each candle opens at the previous close')
    }
    for (const k of body) {
      assert.ok(Number(k[2]) >= Math.max(Number(k[1]), Number(k[4])))
      assert.ok(Number(k[3]) <= Math.min(Number(k[1]), Number(k[4])))
    }
  })

  it('klines: every interval, with startTime, endTime and limit', async () => {
    const sizes = { '1s': 1e3, '1m': 6e4, '3m': 18e4, '5m': 3e5, '15m': 9e5, '30m': 18e5, '1h': 36e5, '2h': 72e5, '4h': 144e5, '6h': 216e5, '8h': 288e5, '12h': 432e5, '1d': 864e5, '3d': 2592e5 }
    for (const [interval, size] of Object.entries(sizes)) {
      const rows = (await get(sim, '/api/v3/klines', { symbol: 'ETHUSDT', interval, limit: 3 })).body
      assert.strictEqual(rows.length, 3, interval)
      assert.strictEqual(rows[2][0] % size, 0, interval)
      assert.strictEqual(rows[2][0] - rows[1][0], size, interval)
    }
    const weeks = (await get(sim, '/api/v3/klines', { symbol: 'ETHUSDT', interval: '1w', limit: 2 })).body
    assert.strictEqual(new Date(weeks[1][0]).getUTCDay(), 1, 'weeks open on Monday')
    const months = (await get(sim, '/api/v3/klines', { symbol: 'ETHUSDT', interval: '1M', limit: 2 })).body
    assert.strictEqual(new Date(months[1][0]).getUTCDate(), 1)
    assert.strictEqual(months[0][6] + 1, months[1][0])

    const start = Date.UTC(2024, 0, 1, 0, 0, 30)
    const fromStart = (await get(sim, '/api/v3/klines', { symbol: 'ETHUSDT', interval: '1m', startTime: start, limit: 4 })).body
    assert.deepStrictEqual(fromStart.map((k) => k[0]), [1, 2, 3, 4].map((i) => Date.UTC(2024, 0, 1, 0, i)))
    const end = Date.UTC(2024, 0, 1, 1, 0, 0)
    const toEnd = (await get(sim, '/api/v3/klines', { symbol: 'ETHUSDT', interval: '1h', endTime: end, limit: 2 })).body
    assert.deepStrictEqual(toEnd.map((k) => k[0]), [end - 36e5, end])
    const both = (await get(sim, '/api/v3/klines', { symbol: 'ETHUSDT', interval: '15m', startTime: start, endTime: start + 36e5 })).body
    assert.strictEqual(both.length, 4)
    const again = (await get(sim, '/api/v3/klines', { symbol: 'ETHUSDT', interval: '15m', startTime: start, endTime: start + 36e5 })).body
    assert.deepStrictEqual(again, both, 'history is deterministic')
    assert.strictEqual((await get(sim, '/api/v3/klines', { symbol: 'ETHUSDT', interval: '1m', limit: 5000 })).body.length, 1000)
    assertError(await get(sim, '/api/v3/klines', { symbol: 'ETHUSDT', interval: '2m' }), 400, -1120, 'Invalid interval.')
    assertError(await get(sim, '/api/v3/klines', { symbol: 'ETHUSDT' }), 400, -1102, "Mandatory parameter 'interval' was not sent, was empty/null, or malformed.")
  })

  it('history records what happened since the start, and past candles never change', async () => {
    const fresh = await startSimulator({ tickMs: 0 })
    try {
      const query = { symbol: 'BNBBTC', interval: '1m', endTime: Date.now() - 180000, limit: 30 }
      const past = (await get(fresh, '/api/v3/klines', query)).body
      fresh.setPrice('BNBBTC', '0.009500')
      fresh.setPrice('BNBBTC', '0.007100')
      fresh.setPrice('BNBBTC', '0.008400')
      const [candle] = (await get(fresh, '/api/v3/klines', { symbol: 'BNBBTC', interval: '1m', limit: 1 })).body
      assert.ok(Number(candle[2]) >= 0.0095 && Number(candle[3]) <= 0.0071, JSON.stringify(candle))
      assert.strictEqual(candle[4], '0.00840000')
      await new Promise((resolve) => setTimeout(resolve, 1100))
      fresh.step(5)
      assert.deepStrictEqual((await get(fresh, '/api/v3/klines', query)).body, past)
      const trades = (await get(fresh, '/api/v3/trades', { symbol: 'BNBBTC', limit: 10 })).body
      assert.strictEqual(trades[trades.length - 1].price, fresh.price('BNBBTC'))
    } finally {
      await fresh.close()
    }
  })

  it('avgPrice: 5-minute average near the last price', async () => {
    sim.setPrice('ETHBTC', '0.05000')
    const { body } = await get(sim, '/api/v3/avgPrice', { symbol: 'ETHBTC' })
    assert.deepStrictEqual(Object.keys(body), ['mins', 'price', 'closeTime'])
    assert.strictEqual(body.mins, 5)
    assert.match(body.price, EIGHT_DECIMALS)
    assert.ok(Math.abs(Number(body.price) / 0.05 - 1) < 0.01)
  })

  it('ticker/24hr: FULL and MINI, one, several or all symbols', async () => {
    sim.setPrice('SOLUSDT', '151.23')
    const full = (await get(sim, '/api/v3/ticker/24hr', { symbol: 'SOLUSDT' })).body
    assert.deepStrictEqual(Object.keys(full), ['symbol', 'priceChange', 'priceChangePercent', 'weightedAvgPrice', 'prevClosePrice', 'lastPrice', 'lastQty',
      'bidPrice', 'bidQty', 'askPrice', 'askQty', 'openPrice', 'highPrice', 'lowPrice', 'volume', 'quoteVolume', 'openTime', 'closeTime', 'firstId', 'lastId', 'count'])
    assert.strictEqual(full.lastPrice, '151.23000000')
    assert.match(full.priceChangePercent, /^-?\d+\.\d{3}$/)
    assert.strictEqual(Number(full.priceChange).toFixed(2), (151.23 - Number(full.openPrice)).toFixed(2))
    assert.ok(Number(full.highPrice) >= Number(full.lastPrice) && Number(full.lowPrice) <= Number(full.lastPrice))
    assert.strictEqual(full.count, full.lastId - full.firstId + 1)
    assert.ok(Math.abs(full.closeTime - full.openTime - 864e5) < 1000)
    const mini = (await get(sim, '/api/v3/ticker/24hr', { symbol: 'SOLUSDT', type: 'MINI' })).body
    assert.deepStrictEqual(Object.keys(mini), ['symbol', 'openPrice', 'highPrice', 'lowPrice', 'lastPrice', 'volume', 'quoteVolume', 'openTime', 'closeTime', 'firstId', 'lastId', 'count'])
    const list = (await get(sim, '/api/v3/ticker/24hr', { symbols: ['SOLUSDT', 'XRPUSDT'], type: 'MINI' })).body
    assert.deepStrictEqual(list.map((t) => t.symbol), ['SOLUSDT', 'XRPUSDT'])
    assert.ok((await get(sim, '/api/v3/ticker/24hr')).body.length >= 7)
    assertError(await get(sim, '/api/v3/ticker/24hr', { symbol: 'SOLUSDT', type: 'HUGE' }), 400, -1139, 'Invalid ticker type.')
  })

  it('ticker/price: one object, or arrays for symbols and all', async () => {
    sim.setPrice('XRPUSDT', '0.5123')
    assert.deepStrictEqual((await get(sim, '/api/v3/ticker/price', { symbol: 'XRPUSDT' })).body, { symbol: 'XRPUSDT', price: '0.51230000' })
    const list = (await get(sim, '/api/v3/ticker/price', { symbols: ['XRPUSDT', 'ETHBTC'] })).body
    assert.deepStrictEqual(list.map((t) => t.symbol), ['XRPUSDT', 'ETHBTC'])
    const all = (await get(sim, '/api/v3/ticker/price')).body
    assert.ok(all.every((t) => EIGHT_DECIMALS.test(t.price)))
    assert.strictEqual(all.find((t) => t.symbol === 'XRPUSDT').price, sim.price('XRPUSDT'))
  })

  it('endpoint weights as Binance counts them', async () => {
    const cases = [
      ['/api/v3/ping', {}, 1], ['/api/v3/time', {}, 1], ['/api/v3/exchangeInfo', {}, 20],
      ['/api/v3/depth', { symbol: 'BTCUSDT' }, 5], ['/api/v3/depth', { symbol: 'BTCUSDT', limit: 500 }, 25],
      ['/api/v3/depth', { symbol: 'BTCUSDT', limit: 1000 }, 50], ['/api/v3/depth', { symbol: 'BTCUSDT', limit: 5000 }, 250],
      ['/api/v3/trades', { symbol: 'BTCUSDT', limit: 1 }, 25], ['/api/v3/klines', { symbol: 'BTCUSDT', interval: '1h', limit: 1 }, 2],
      ['/api/v3/avgPrice', { symbol: 'BTCUSDT' }, 2],
      ['/api/v3/ticker/price', { symbol: 'BTCUSDT' }, 2], ['/api/v3/ticker/price', {}, 4], ['/api/v3/ticker/price', { symbols: ['BTCUSDT'] }, 4],
      ['/api/v3/ticker/bookTicker', { symbol: 'BTCUSDT' }, 2], ['/api/v3/ticker/bookTicker', {}, 4],
      ['/api/v3/ticker/24hr', { symbol: 'BTCUSDT' }, 2], ['/api/v3/ticker/24hr', { symbols: ['BTCUSDT', 'ETHUSDT'] }, 2], ['/api/v3/ticker/24hr', {}, 80]
    ]
    for (const [p, params, expected] of cases) assert.strictEqual(await weightOf(sim, p, params), expected, `${p} ${JSON.stringify(params)}`)
  })

  it('parameter errors use Binance\'s codes and texts', async () => {
    assertError(await get(sim, '/api/v3/ticker/price', { symbol: 'BTCUSDT', foo: 1 }), 400, -1104, "Not all sent parameters were read; read '1' parameter(s) but was sent '2'.")
    assertError(await request(sim, 'GET', '/api/v3/ticker/price', { query: 'symbol=BTCUSDT&symbol=ETHUSDT' }), 400, -1101, 'Duplicate values for a parameter detected.')
    assertError(await get(sim, '/api/v3/ticker/price', { symbol: 'btcusdt' }), 400, -1100, "Illegal characters found in parameter 'symbol'; legal range is '^[A-Z0-9-_.]{1,20}$'.")
    assertError(await get(sim, '/api/v3/depth', { symbol: 'BTCUSDT', limit: 'ten' }), 400, -1100, "Illegal characters found in parameter 'limit'; legal range is '^[0-9]{1,20}$'.")
    assertError(await get(sim, '/api/v3/ticker/price', { symbol: '' }), 400, -1105, "Parameter 'symbol' was empty.")
  })

  it('unknown paths are 404 like Binance, and every request is recorded', async () => {
    const before = sim.requests.length
    const res = await request(sim, 'GET', '/api/v3/nothing', { query: 'a=1', headers: { 'X-MBX-APIKEY': 'k1' } })
    assert.strictEqual(res.status, 404)
    assert.strictEqual((await request(sim, 'POST', '/api/v3/ping')).status, 404)
    assert.strictEqual(sim.requests.length, before + 2)
    const rec = sim.requests[before]
    assert.deepStrictEqual({ ...rec, time: 0 }, { method: 'GET', path: '/api/v3/nothing', query: 'a=1', apiKey: 'k1', time: 0 })
    assert.ok(Math.abs(rec.time - Date.now()) < 2000)
  })
})

describe('simulator: signed requests', function () {
  let sim
  before(async () => { sim = await startSimulator({ tickMs: 0 }) })
  after(async () => { await sim.close() })

  it('GET /api/v3/account: Binance\'s shape, every asset with 8-decimal strings', async () => {
    const res = await signed(sim, 'GET', '/api/v3/account')
    assert.strictEqual(res.status, 200, JSON.stringify(res.body))
    const a = res.body
    assert.deepStrictEqual(Object.keys(a), ['makerCommission', 'takerCommission', 'buyerCommission', 'sellerCommission', 'commissionRates', 'canTrade',
      'canWithdraw', 'canDeposit', 'brokered', 'requireSelfTradePrevention', 'preventSor', 'updateTime', 'accountType', 'balances', 'permissions', 'uid'])
    assert.strictEqual(a.accountType, 'SPOT')
    assert.strictEqual(a.canTrade, true)
    assert.deepStrictEqual(a.permissions, ['SPOT'])
    assert.strictEqual(typeof a.uid, 'number')
    assert.deepStrictEqual(a.commissionRates, { maker: '0.00100000', taker: '0.00100000', buyer: '0.00000000', seller: '0.00000000' })
    const bal = Object.fromEntries(a.balances.map((b) => [b.asset, b]))
    assert.deepStrictEqual(bal.USDT, { asset: 'USDT', free: '10000.00000000', locked: '0.00000000' })
    assert.deepStrictEqual(bal.BTC, { asset: 'BTC', free: '0.50000000', locked: '0.00000000' })
    assert.deepStrictEqual(bal.ETH, { asset: 'ETH', free: '5.00000000', locked: '0.00000000' })
    assert.deepStrictEqual(bal.BNB, { asset: 'BNB', free: '100.00000000', locked: '0.00000000' })
    assert.deepStrictEqual(bal.SOL, { asset: 'SOL', free: '0.00000000', locked: '0.00000000' })
    assert.ok(bal.XRP)
    const omitted = (await signed(sim, 'GET', '/api/v3/account', { omitZeroBalances: true })).body
    assert.deepStrictEqual(omitted.balances.map((b) => b.asset).sort(), ['BNB', 'BTC', 'ETH', 'USDT'])
    assert.deepStrictEqual(sim.balances('simulator-key').USDT, { free: '10000.00000000', locked: '0.00000000' })
  })

  it('weights of signed endpoints', async () => {
    const a = weight(await signed(sim, 'GET', '/api/v3/ping'))
    const b = weight(await signed(sim, 'GET', '/api/v3/account'))
    assert.ok(b - a === 20 || b === 20, `${a} -> ${b}`)
  })

  it('the API key: missing or unknown is -2015 with HTTP 401', async () => {
    const query = qs({ timestamp: Date.now() })
    const noKey = await request(sim, 'GET', '/api/v3/account', { query: `${query}&signature=${hmac(DEMO.secret, query)}` })
    assertError(noKey, 401, -2015, 'Invalid API-key, IP, or permissions for action.')
    assertError(await signed(sim, 'GET', '/api/v3/account', {}, { key: 'who-is-this' }), 401, -2015, 'Invalid API-key, IP, or permissions for action.')
  })

  it('HMAC signatures: a wrong one is -1022, case does not matter, missing parts are -1102', async () => {
    assertError(await signed(sim, 'GET', '/api/v3/account', {}, { secret: 'not-the-secret' }), 400, -1022, 'Signature for this request is not valid.')
    const query = qs({ timestamp: Date.now() })
    const upper = await request(sim, 'GET', '/api/v3/account', { query: `${query}&signature=${hmac(DEMO.secret, query).toUpperCase()}`, headers: { 'X-MBX-APIKEY': DEMO.key } })
    assert.strictEqual(upper.status, 200)
    const unsigned = await request(sim, 'GET', '/api/v3/account', { query, headers: { 'X-MBX-APIKEY': DEMO.key } })
    assertError(unsigned, 400, -1102, "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.")
    const noTime = await request(sim, 'GET', '/api/v3/account', { query: `omitZeroBalances=true&signature=${hmac(DEMO.secret, 'omitZeroBalances=true')}`, headers: { 'X-MBX-APIKEY': DEMO.key } })
    assertError(noTime, 400, -1102, "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.")
  })

  it('the signature covers the raw query string as sent, not a re-encoding of it', async () => {
    const query = `symbols=${encodeURIComponent('["BTCUSDT"]')}&timestamp=${Date.now()}`
    const res = await request(sim, 'GET', '/api/v3/openOrders', { query: `${query}&signature=${hmac(DEMO.secret, query)}`, headers: { 'X-MBX-APIKEY': DEMO.key } })
    assert.strictEqual(res.body.code, -1104, 'signature accepted; symbols is then an unknown parameter of openOrders')
    const tampered = query.replace('%5B', '[').replace('%5D', ']')
    const bad = await request(sim, 'GET', '/api/v3/openOrders', { query: `${tampered}&signature=${hmac(DEMO.secret, query)}`, headers: { 'X-MBX-APIKEY': DEMO.key } })
    assert.strictEqual(bad.body.code, -1022)
  })

  it('timestamps: too old, too far ahead, recvWindow and the server clock', async () => {
    assertError(await signed(sim, 'GET', '/api/v3/account', {}, { timestamp: Date.now() - 6000 }), 400, -1021, 'Timestamp for this request is outside of the recvWindow.')
    assertError(await signed(sim, 'GET', '/api/v3/account', {}, { timestamp: Date.now() + 2000 }), 400, -1021, "Timestamp for this request was 1000ms ahead of the server's time.")
    const wide = await signed(sim, 'GET', '/api/v3/account', { recvWindow: 20000 }, { timestamp: Date.now() - 10000 })
    assert.strictEqual(wide.status, 200)
    assertError(await signed(sim, 'GET', '/api/v3/account', { recvWindow: 60001 }), 400, -1102, "'recvWindow' contains unexpected value. Cannot be greater than 60000.")
    const micro = await signed(sim, 'GET', '/api/v3/account', {}, { timestamp: Date.now() * 1000 })
    assert.strictEqual(micro.status, 200, 'timestamps may be in microseconds')
    sim.setServerTimeOffset(8000)
    try {
      assert.strictEqual((await signed(sim, 'GET', '/api/v3/account')).body.code, -1021)
      const serverTime = (await get(sim, '/api/v3/time')).body.serverTime
      assert.strictEqual((await signed(sim, 'GET', '/api/v3/account', {}, { timestamp: serverTime })).status, 200)
    } finally {
      sim.setServerTimeOffset(0)
    }
  })

  it('parameters and signature may come in the form body, or split between query and body', async () => {
    const params = qs({ symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.001', price: '50000', timestamp: Date.now() })
    const form = { 'X-MBX-APIKEY': DEMO.key, 'Content-Type': 'application/x-www-form-urlencoded' }
    const inBody = await request(sim, 'POST', '/api/v3/order/test', { body: `${params}&signature=${hmac(DEMO.secret, params)}`, headers: form })
    assert.strictEqual(inBody.status, 200, JSON.stringify(inBody.body))
    assert.deepStrictEqual(inBody.body, {})
    const [head, tail] = [params.slice(0, params.indexOf('&quantity')), params.slice(params.indexOf('&quantity') + 1)]
    const split = await request(sim, 'POST', '/api/v3/order/test', { query: head, body: `${tail}&signature=${hmac(DEMO.secret, head + tail)}`, headers: form })
    assert.strictEqual(split.status, 200, JSON.stringify(split.body))
    const sigInQuery = await request(sim, 'POST', '/api/v3/order/test', { query: `${head}&signature=${hmac(DEMO.secret, head + tail)}`, body: tail, headers: form })
    assert.strictEqual(sigInQuery.status, 200, JSON.stringify(sigInQuery.body))
    const wrong = await request(sim, 'POST', '/api/v3/order/test', { query: head, body: `${tail}&signature=${hmac(DEMO.secret, `${head}&${tail}`)}`, headers: form })
    assert.strictEqual(wrong.body.code, -1022)
  })

  it('the @binance/connector client works unchanged (query-string POST, JSON content type, empty body)', async () => {
    const { Spot } = require('@binance/connector')
    const client = new Spot(DEMO.key, DEMO.secret, { baseURL: sim.url })
    const account = await client.account()
    assert.strictEqual(account.data.accountType, 'SPOT')
    const test = await client.newOrderTest('BTCUSDT', 'BUY', 'LIMIT', { timeInForce: 'GTC', quantity: '0.001', price: '50000' })
    assert.deepStrictEqual(test.data, {})
    const prices = await client.tickerPrice('', ['BTCUSDT', 'ETHUSDT'])
    assert.deepStrictEqual(prices.data.map((p) => p.symbol), ['BTCUSDT', 'ETHUSDT'])
    const failed = await client.account().catch((e) => e)
    assert.ok(!(failed instanceof Error))
  })

  it('Ed25519 and RSA keys sign the same payload (base64, URL-encoded)', async () => {
    const ed = crypto.generateKeyPairSync('ed25519')
    const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 })
    sim.addAccount({ apiKey: 'ed-key', publicKeyPem: ed.publicKey.export({ type: 'spki', format: 'pem' }), balances: { USDT: '42' } })
    sim.addAccount({ apiKey: 'rsa-key', publicKeyPem: rsa.publicKey.export({ type: 'spki', format: 'pem' }), balances: { BTC: '1' } })
    const call = (apiKey, sign, tamper = false) => {
      const query = qs({ omitZeroBalances: true, timestamp: Date.now() })
      const signature = encodeURIComponent(sign(Buffer.from(tamper ? `${query}0` : query)).toString('base64'))
      return request(sim, 'GET', '/api/v3/account', { query: `${query}&signature=${signature}`, headers: { 'X-MBX-APIKEY': apiKey } })
    }
    const edOk = await call('ed-key', (b) => crypto.sign(null, b, ed.privateKey))
    assert.strictEqual(edOk.status, 200, JSON.stringify(edOk.body))
    assert.deepStrictEqual(edOk.body.balances, [{ asset: 'USDT', free: '42.00000000', locked: '0.00000000' }])
    assert.strictEqual((await call('ed-key', (b) => crypto.sign(null, b, ed.privateKey), true)).body.code, -1022)
    const rsaOk = await call('rsa-key', (b) => crypto.sign('RSA-SHA256', b, rsa.privateKey))
    assert.deepStrictEqual(rsaOk.body.balances, [{ asset: 'BTC', free: '1.00000000', locked: '0.00000000' }])
    const { Spot, PrivateKeyAlgo } = require('@binance/connector')
    const client = new Spot('ed-key', '', { baseURL: sim.url, privateKey: ed.privateKey.export({ type: 'pkcs8', format: 'pem' }), privateKeyAlgo: PrivateKeyAlgo.ED25519 })
    assert.strictEqual((await client.account()).data.uid, edOk.body.uid)
  })
})

describe('simulator: request weight limit', function () {
  let sim
  before(async () => { sim = await startSimulator({ tickMs: 0, weightLimit: 45 }) })
  after(async () => { await sim.close() })

  it('past weightLimit in the minute: 429, Retry-After and -1003', async () => {
    let res
    for (let i = 0; i < 5; i++) {
      res = await get(sim, '/api/v3/exchangeInfo')
      if (res.status !== 200) break
    }
    assert.strictEqual(res.status, 429)
    assert.deepStrictEqual(res.body, {
      code: -1003,
      msg: 'Too much request weight used; current limit is 45 request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.'
    })
    const retryAfter = Number(res.headers.get('retry-after'))
    assert.ok(retryAfter >= 1 && retryAfter <= 60, String(retryAfter))
    assert.ok(weight(res) <= 45)
    const exchangeInfo = (await startSimulator({ tickMs: 0, weightLimit: 45 }).then(async (other) => {
      try { return (await get(other, '/api/v3/exchangeInfo')).body } finally { await other.close() }
    }))
    assert.strictEqual(exchangeInfo.rateLimits[0].limit, 45)
  })
})

describe('simulator: price walk, clock and lifecycle', function () {
  it('is deterministic for a seed, moves on the tick grid and differs between seeds', async () => {
    const [a, b, c] = await Promise.all([startSimulator({ seed: 7, tickMs: 0 }), startSimulator({ seed: 7, tickMs: 0 }), startSimulator({ seed: 8, tickMs: 0 })])
    try {
      const symbols = ['BTCUSDT', 'ETHUSDT', 'BNBUSDT', 'ETHBTC', 'BNBBTC', 'SOLUSDT', 'XRPUSDT']
      const pathOf = (sim) => {
        const seen = []
        for (let i = 0; i < 50; i++) {
          sim.step()
          seen.push(symbols.map((s) => sim.price(s)).join())
        }
        return seen
      }
      const pa = pathOf(a)
      assert.deepStrictEqual(pathOf(b), pa)
      assert.notDeepStrictEqual(pathOf(c), pa)
      assert.notStrictEqual(a.price('BTCUSDT'), '60000.00000000')
      assert.ok(Math.abs(Number(a.price('BTCUSDT')) / 60000 - 1) < 0.02)
      assert.match(a.price('BTCUSDT'), /^\d+\.\d{2}0{6}$/)
      a.step(10)
      b.step(10)
      assert.strictEqual(a.price('ETHBTC'), b.price('ETHBTC'))
    } finally {
      await Promise.all([a.close(), b.close(), c.close()])
    }
  })

  it('steps on its own every tickMs, and setPrice refuses prices off the tick grid', async () => {
    const sim = await startSimulator({ tickMs: 10 })
    try {
      const start = symbolsPrices(sim)
      await new Promise((resolve) => setTimeout(resolve, 300))
      assert.notStrictEqual(symbolsPrices(sim), start)
      assert.throws(() => sim.setPrice('BTCUSDT', '60000.001'), RangeError)
      assert.throws(() => sim.setPrice('NOPE', '1'))
      sim.setPrice('BTCUSDT', '12345.67')
      assert.strictEqual(sim.price('BTCUSDT'), '12345.67000000')
    } finally {
      await sim.close()
    }
  })

  it('setDelay holds every answer back; close() ends keep-alive connections', async () => {
    const sim = await startSimulator({ tickMs: 0 })
    const url = sim.url
    await get(sim, '/api/v3/ping')
    sim.setDelay(300)
    const t0 = Date.now()
    await get(sim, '/api/v3/ping')
    assert.ok(Date.now() - t0 >= 290)
    sim.setDelay(0)
    await sim.close()
    await assert.rejects(fetch(`${url}/api/v3/ping`))
  })

  it('an embedded simulator that is never closed does not keep its process alive', async () => {
    const script = `require(${JSON.stringify(path.join(__dirname, '..', 'dist', 'simulator'))}).startSimulator({ tickMs: 5 }).then((s) => console.log(s.url))`
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.on('data', (d) => { out += d })
    const code = await Promise.race([
      new Promise((resolve) => child.on('exit', resolve)),
      new Promise((resolve) => setTimeout(() => { child.kill('SIGKILL'); resolve('still running') }, 5000))
    ])
    assert.strictEqual(code, 0)
    assert.match(out, /^http:\/\/127\.0\.0\.1:\d+\n$/)
  })

  it('accounts given at start and added later both work; balances() knows every asset', async () => {
    const sim = await startSimulator({ tickMs: 0, accounts: [{ apiKey: 'seeded', apiSecret: 's1', balances: { ETH: '1.5' } }] })
    try {
      assert.deepStrictEqual(sim.balances('seeded').ETH, { free: '1.50000000', locked: '0.00000000' })
      assert.deepStrictEqual(sim.balances('seeded').USDT, { free: '0.00000000', locked: '0.00000000' })
      sim.addAccount({ apiKey: 'later', apiSecret: 's2' })
      assert.strictEqual((await signed(sim, 'GET', '/api/v3/account', {}, { key: 'later', secret: 's2' })).status, 200)
      assert.throws(() => sim.balances('nobody'))
    } finally {
      await sim.close()
    }
  })
})

function symbolsPrices (sim) {
  return ['BTCUSDT', 'ETHUSDT', 'BNBUSDT', 'SOLUSDT'].map((s) => sim.price(s)).join()
}

describe('simulator: command line', function () {
  it('prints its base URL as the first line, serves, and stops on SIGTERM', async () => {
    const port = await new Promise((resolve) => {
      const srv = net.createServer().listen(0, '127.0.0.1', () => { const p = srv.address().port; srv.close(() => resolve(p)) })
    })
    const child = spawn(process.execPath, [path.join(__dirname, '..', 'dist', 'simulator', 'cli.js'), '--port', String(port), '--seed', '3'], { stdio: ['ignore', 'pipe', 'pipe'] })
    try {
      const firstLine = await new Promise((resolve, reject) => {
        let out = ''
        child.stdout.on('data', (d) => {
          out += d
          if (out.includes('\n')) resolve(out.split('\n')[0])
        })
        child.on('exit', (code) => reject(new Error(`exited ${code}`)))
      })
      assert.strictEqual(firstLine, `http://127.0.0.1:${port}`)
      const res = await fetch(`${firstLine}/api/v3/ticker/price?symbol=BTCUSDT`)
      assert.strictEqual(res.status, 200)
      const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })))
      child.kill('SIGTERM')
      assert.deepStrictEqual(await exited, { code: 0, signal: null })
    } finally {
      child.kill('SIGKILL')
    }
  })

  it('refuses unknown options', async () => {
    const child = spawn(process.execPath, [path.join(__dirname, '..', 'dist', 'simulator', 'cli.js'), '--colour', 'blue'], { stdio: ['ignore', 'pipe', 'pipe'] })
    let err = ''
    child.stderr.on('data', (d) => { err += d })
    const code = await new Promise((resolve) => child.on('exit', resolve))
    assert.strictEqual(code, 2)
    assert.match(err, /unknown option --colour/)
  })
})
