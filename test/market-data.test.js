'use strict'
const assert = require('assert')
const path = require('path')
const { helper, ALICE, startTestSimulator, accountNode, credentialsOf, load, call, callFails, lastStatus, dist } = require('./support/harness')

const DECIMAL = /^\d+(\.\d+)?$/

describe('balance, price and market data nodes (account used directly)', function () {
  let sim
  before(async () => { sim = await startTestSimulator() })
  after(async () => { await sim.close() })
  afterEach(() => helper.unload())

  const nodes = () => [
    accountNode('alice', sim),
    { id: 'balance', type: 'binance-spot-balance', account: 'alice', asset: '', showZero: false },
    { id: 'balanceZero', type: 'binance-spot-balance', account: 'alice', asset: '', showZero: true },
    { id: 'price', type: 'binance-spot-price', account: 'alice', mode: 'price', symbol: '' },
    { id: 'book', type: 'binance-spot-price', account: 'alice', mode: 'bookTicker', symbol: 'BTCUSDT,ETHUSDT' },
    { id: 'stats', type: 'binance-spot-price', account: 'alice', mode: '24hr', symbol: 'ETHUSDT' },
    { id: 'avg', type: 'binance-spot-price', account: 'alice', mode: 'avgPrice', symbol: '' },
    { id: 'klines', type: 'binance-spot-market', account: 'alice', mode: 'klines', symbol: 'BTCUSDT', interval: '1h', limit: '' },
    { id: 'depth', type: 'binance-spot-market', account: 'alice', mode: 'depth', symbol: '', interval: '', limit: '10' },
    { id: 'trades', type: 'binance-spot-market', account: 'alice', mode: 'trades', symbol: 'BNBUSDT', limit: '5' },
    { id: 'rules', type: 'binance-spot-market', account: 'alice', mode: 'symbolInfo', symbol: '' }
  ]
  const probed = ['balance', 'balanceZero', 'price', 'book', 'stats', 'avg', 'klines', 'depth', 'trades', 'rules']
  beforeEach(() => load(nodes(), probed, { alice: credentialsOf(ALICE) }))

  it('balance of one asset from the node field or msg.asset, lower case accepted', async () => {
    const m = await call('balance', { asset: 'usdt', topic: 'kept' })
    assert.deepStrictEqual(m.payload, { asset: 'USDT', free: '1000.00000000', locked: '0.00000000' })
    assert.strictEqual(m.topic, 'kept')
    assert.match(lastStatus('balance').text, /USDT/)
  })

  it('balance of an asset the account does not hold but Binance knows is zero', async () => {
    const m = await call('balance', { asset: 'ETH' })
    assert.strictEqual(m.payload.asset, 'ETH')
    assert.strictEqual(m.payload.free, '0.00000000')
  })

  it('all balances hide zero ones unless the node says otherwise', async () => {
    const some = (await call('balance', {})).payload
    assert.deepStrictEqual(some.map((b) => b.asset).sort(), ['BTC', 'USDT'])
    const all = (await call('balanceZero', {})).payload
    assert.ok(all.length > some.length)
    assert.ok(all.some((b) => b.asset === 'ETH' && b.free === '0.00000000'))
    for (const b of all) assert.deepStrictEqual(Object.keys(b), ['asset', 'free', 'locked'])
  })

  it('an unknown asset is ErrInvalidArg; a garbage one too, before any request', async () => {
    assert.strictEqual((await callFails('balance', { asset: 'NOSUCHCOIN' })).code, 'ErrInvalidArg')
    const before = sim.requests.length
    const err = await callFails('balance', { asset: 'B$TC!' })
    assert.strictEqual(err.code, 'ErrInvalidArg')
    assert.strictEqual(sim.requests.length, before)
  })

  it('last price of one symbol, a list and all symbols', async () => {
    const one = (await call('price', { symbol: 'btcusdt' })).payload
    assert.deepStrictEqual(Object.keys(one), ['symbol', 'price'])
    assert.strictEqual(one.symbol, 'BTCUSDT')
    assert.match(one.price, DECIMAL)
    assert.strictEqual(one.price, sim.price('BTCUSDT'))
    const list = (await call('price', { symbols: ['ETHUSDT', 'bnbusdt'] })).payload
    assert.deepStrictEqual(list.map((p) => p.symbol).sort(), ['BNBUSDT', 'ETHUSDT'])
    const all = (await call('price', {})).payload
    assert.ok(all.length >= 5)
    assert.ok(all.every((p) => DECIMAL.test(p.price)))
  })

  it('best bid/ask for a list from the node field', async () => {
    const book = (await call('book', {})).payload
    assert.deepStrictEqual(book.map((b) => b.symbol).sort(), ['BTCUSDT', 'ETHUSDT'])
    for (const b of book) {
      assert.ok(Number(b.bidPrice) < Number(b.askPrice))
      for (const k of ['bidPrice', 'bidQty', 'askPrice', 'askQty']) assert.match(b[k], DECIMAL)
    }
  })

  it('24h statistics and average price', async () => {
    const stats = (await call('stats', {})).payload
    assert.strictEqual(stats.symbol, 'ETHUSDT')
    for (const k of ['lastPrice', 'highPrice', 'lowPrice', 'volume', 'priceChangePercent']) assert.strictEqual(typeof stats[k], 'string')
    const avg = (await call('avg', { symbol: 'BTCUSDT' })).payload
    assert.strictEqual(avg.symbol, 'BTCUSDT')
    assert.match(avg.price, DECIMAL)
    assert.strictEqual(typeof avg.mins, 'number')
    const avgs = (await call('avg', { symbols: ['BTCUSDT', 'ETHUSDT'] })).payload
    assert.deepStrictEqual(avgs.map((a) => a.symbol), ['BTCUSDT', 'ETHUSDT'])
    assert.strictEqual((await callFails('avg', {})).code, 'ErrInvalidArg')
  })

  it('candles with limit, start and end time, as readable objects', async () => {
    const m = await call('klines', { limit: 3 })
    assert.strictEqual(m.payload.length, 3)
    const k = m.payload[2]
    for (const key of ['open', 'high', 'low', 'close', 'volume', 'quoteVolume']) assert.match(k[key], DECIMAL)
    assert.strictEqual(typeof k.openTime, 'number')
    assert.strictEqual(k.closeTime - k.openTime, 3600000 - 1)
    const end = m.payload[1].closeTime
    const ranged = (await call('klines', { startTime: m.payload[0].openTime, endTime: end })).payload
    assert.deepStrictEqual(ranged.map((r) => r.openTime), [m.payload[0].openTime, m.payload[1].openTime])
  })

  it('order book with a depth limit, and recent trades', async () => {
    const book = (await call('depth', { symbol: 'ETHBTC' })).payload
    assert.strictEqual(book.symbol, 'ETHBTC')
    assert.strictEqual(book.bids.length, 10)
    assert.strictEqual(book.asks.length, 10)
    assert.deepStrictEqual(Object.keys(book.bids[0]), ['price', 'quantity'])
    assert.ok(Number(book.bids[0].price) < Number(book.asks[0].price))
    const trades = (await call('trades', {})).payload
    assert.strictEqual(trades.length, 5)
    assert.strictEqual(typeof trades[0].id, 'number')
    assert.match(trades[0].price, DECIMAL)
  })

  it('symbol rules in a readable form', async () => {
    const rules = (await call('rules', { symbol: 'BTCUSDT' })).payload
    assert.strictEqual(rules.symbol, 'BTCUSDT')
    assert.strictEqual(rules.baseAsset, 'BTC')
    assert.strictEqual(rules.quoteAsset, 'USDT')
    for (const k of ['tickSize', 'stepSize', 'minQty', 'maxQty', 'minNotional']) assert.match(rules[k], DECIMAL, k)
    assert.ok(rules.orderTypes.includes('LIMIT'))
    assert.strictEqual((await callFails('rules', { symbol: 'NOSUCHPAIR' })).code, 'ErrInvalidArg')
  })

  it('symbol rules are the flow\'s own copy: changing them leaves the rules the order checks use as they were', async () => {
    const first = (await call('rules', { symbol: 'ETHUSDT' })).payload
    first.status = 'BREAK'
    first.orderTypes.length = 0
    first.filters.forEach((f) => { f.filterType = 'CHANGED' })
    const again = (await call('rules', { symbol: 'ETHUSDT' })).payload
    assert.notStrictEqual(again, first)
    assert.strictEqual(again.status, 'TRADING')
    assert.ok(again.orderTypes.includes('LIMIT'))
    assert.ok(again.filters.some((f) => f.filterType === 'PRICE_FILTER'))
  })

  it('a well-formed symbol Binance does not list is ErrExchange with Binance\'s code', async () => {
    const err = await callFails('price', { symbol: 'NOSUCHPAIR' })
    assert.strictEqual(err.code, 'ErrExchange')
    assert.strictEqual(err.cause.binanceCode, -1121)
    assert.strictEqual(err.cause.httpStatus, 400)
    assert.strictEqual(typeof err.cause.binanceMessage, 'string')
  })
})

describe('client resolution without a session or an account', function () {
  afterEach(() => helper.unload())

  it('public data falls back to keyless live access', async () => {
    const { resolveClient } = require(path.join(dist, 'lib', 'node-kit'))
    const client = await resolveClient({}, {}, 'public')
    assert.strictEqual(client.restUrl, 'https://api.binance.com')
    assert.strictEqual(client.canSign, false)
  })

  it('account data without session or account is ErrNotConnected', async () => {
    await load([{ id: 'balance', type: 'binance-spot-balance', asset: '' }], ['balance'])
    assert.strictEqual((await callFails('balance', { asset: 'BTC' })).code, 'ErrNotConnected')
  })
})
