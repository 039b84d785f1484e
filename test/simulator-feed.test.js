'use strict'
// What the simulator publishes on its feed for the WebSocket side: user data
// events exactly as user-data-stream.md shows them, public trades, and book
// updates that rebuild the book exactly.
const assert = require('assert')
const { startSimulator } = require('../dist/simulator')
const { signer, get, record } = require('./support/binance')

const START = Date.UTC(2026, 0, 5, 12)
const TRADER = { apiKey: 'feeder', apiSecret: 'feeder-secret', balances: { USDT: '100000', BTC: '2' } }
const REPORT_KEYS = ['e', 'E', 's', 'c', 'S', 'o', 'f', 'q', 'p', 'P', 'F', 'g', 'C', 'x', 'X', 'r', 'i', 'l', 'z', 'L', 'n', 'N', 'T', 't', 'I', 'w', 'm', 'M', 'O', 'Z', 'Y', 'Q']

describe('simulator feed', function () {
  let sim
  let call
  let seen
  beforeEach(async () => {
    sim = await startSimulator({ clock: 'manual', startTime: START, tickMs: 0, accounts: [TRADER] })
    sim.setPrice('BTCUSDT', '60000.00')
    call = signer(sim, TRADER)
    seen = record(sim)
  })
  afterEach(async () => { await sim.close() })

  const events = () => seen.of(TRADER.apiKey)
  const reports = () => seen.of(TRADER.apiKey, 'executionReport')

  it('executionReport: every field in Binance\'s order, and the conditional ones only when their condition holds', async () => {
    await call('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price: '59000', newClientOrderId: 'limit-1', strategyId: 7, strategyType: 1000001 })
    await call('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'SELL', type: 'STOP_LOSS', quantity: '0.01', trailingDelta: 100 })
    await call('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'SELL', type: 'TAKE_PROFIT', quantity: '0.01', stopPrice: '62000' })
    const [limit, trailing, stop] = reports()
    assert.deepStrictEqual(Object.keys(limit), [...REPORT_KEYS, 'W', 'V', 'j', 'J'])
    assert.deepStrictEqual([limit.c, limit.C, limit.x, limit.X, limit.r, limit.w, limit.N, limit.n, limit.t, limit.j, limit.J], ['limit-1', '', 'NEW', 'NEW', 'NONE', true, null, '0', -1, 7, 1000001])
    assert.deepStrictEqual(Object.keys(trailing), [...REPORT_KEYS, 'V', 'd', 'D'], 'a stop that waits is not on the book: no W')
    assert.deepStrictEqual([trailing.w, trailing.d, typeof trailing.D], [false, 100, 'number'])
    assert.deepStrictEqual([stop.P, stop.o, stop.w], ['62000.00000000', 'TAKE_PROFIT', false])

    await call('DELETE', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'limit-1', newClientOrderId: 'cancel-1' })
    const cancelled = reports().pop()
    assert.deepStrictEqual([cancelled.x, cancelled.X, cancelled.c, cancelled.C, cancelled.w], ['CANCELED', 'CANCELED', 'cancel-1', 'limit-1', false])
    await call('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'IOC', quantity: '0.01', price: '50000' })
    const expired = reports().pop()
    assert.deepStrictEqual([expired.x, expired.X, expired.eR], ['EXPIRED', 'EXPIRED', 'UNFILLED_IOC_QUANTITY_EXPIRED'])
  })

  it('a market order: NEW, one TRADE per level, then the balances that changed', async () => {
    const book = (await get(sim, '/api/v3/depth', { symbol: 'BTCUSDT', limit: 2 })).body
    const qty = (Number(book.asks[0][1]) + 0.001).toFixed(5)
    const o = (await call('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: qty })).body
    const all = events()
    assert.deepStrictEqual(all.map((e) => e.e === 'executionReport' ? `${e.x}/${e.X}` : e.e), ['NEW/NEW', 'TRADE/PARTIALLY_FILLED', 'TRADE/FILLED', 'outboundAccountPosition'])
    const [, first, second, position] = all
    assert.deepStrictEqual([first.L, first.l, first.N, first.m, first.M, first.w, first.t], [book.asks[0][0], book.asks[0][1], 'BTC', false, true, false, o.fills[0].tradeId])
    assert.deepStrictEqual([second.z, second.Z], [o.executedQty, o.cummulativeQuoteQty])
    assert.ok(second.I > first.I)
    assert.deepStrictEqual(position.B.map((b) => b.a).sort(), ['BTC', 'USDT'])
    const balances = sim.balances(TRADER.apiKey)
    for (const b of position.B) assert.deepStrictEqual({ f: b.f, l: b.l }, { f: balances[b.a].free, l: balances[b.a].locked })
    assert.deepStrictEqual(seen.trade.slice(-2).map((t) => t.id), o.fills.map((f) => f.tradeId), 'the same trades on the public trade feed')
  })

  it('order lists: the legs\' reports, then listStatus; an OCO fill expires the other leg and ends the list', async () => {
    const list = (await call('POST', '/api/v3/orderList/oco', { symbol: 'BTCUSDT', side: 'SELL', quantity: '0.1', aboveType: 'LIMIT_MAKER', abovePrice: '61000', belowType: 'STOP_LOSS', belowStopPrice: '59000' })).body
    assert.deepStrictEqual(events().map((e) => e.e === 'executionReport' ? `${e.o}:${e.x}/${e.X}:${e.g}` : e.e), [
      `STOP_LOSS:NEW/NEW:${list.orderListId}`, `LIMIT_MAKER:NEW/NEW:${list.orderListId}`, 'listStatus', 'outboundAccountPosition'
    ])
    const status = seen.of(TRADER.apiKey, 'listStatus')[0]
    assert.deepStrictEqual(Object.keys(status), ['e', 'E', 's', 'g', 'c', 'l', 'L', 'r', 'C', 'T', 'O'])
    assert.deepStrictEqual([status.c, status.l, status.L, status.C, status.O.map((o) => o.i)], ['OCO', 'EXEC_STARTED', 'EXECUTING', list.listClientOrderId, list.orders.map((o) => o.orderId)])
    seen.account.length = 0
    sim.setPrice('BTCUSDT', '61000.00')
    assert.deepStrictEqual(events().map((e) => e.e === 'executionReport' ? `${e.o}:${e.x}/${e.X}${e.eR ? `:${e.eR}` : ''}` : e.e === 'listStatus' ? `listStatus:${e.l}` : e.e), [
      'LIMIT_MAKER:TRADE/FILLED', 'STOP_LOSS:EXPIRED/EXPIRED:OCO_TRIGGER', 'listStatus:ALL_DONE', 'outboundAccountPosition'
    ])
  })

  it('a deposit: balanceUpdate, then outboundAccountPosition', async () => {
    sim.deposit(TRADER.apiKey, 'ETH', '1.25')
    assert.deepStrictEqual(events(), [
      { e: 'balanceUpdate', E: START, a: 'ETH', d: '1.25000000', T: START },
      { e: 'outboundAccountPosition', E: START, u: START, B: [{ a: 'ETH', f: '1.25000000', l: '0.00000000' }] }
    ])
    assert.throws(() => sim.deposit(TRADER.apiKey, 'ETH', '-1'), RangeError)
  })

  it('public trades on the feed are the trades GET /trades lists, flow and accounts alike', async () => {
    sim.trade('ETHUSDT', 'SELL', '3')
    await call('POST', '/api/v3/order', { symbol: 'ETHUSDT', side: 'BUY', type: 'MARKET', quantity: '0.5' })
    const listed = (await get(sim, '/api/v3/trades', { symbol: 'ETHUSDT', limit: 20 })).body
    const published = seen.trade.filter((t) => t.symbol === 'ETHUSDT')
    assert.deepStrictEqual(listed.slice(-published.length).map((t) => [t.id, t.price, t.qty, t.time, t.isBuyerMaker]), published.map((t) => [t.id, t.price, t.qty, t.time, t.isBuyerMaker]))
    for (let i = 1; i < published.length; i++) assert.strictEqual(published[i].id, published[i - 1].id + 1)
  })

  it('a book rebuilt from a depth snapshot and the published updates equals GET /depth after 1000 random changes', async function () {
    const updates = seen.depth.filter((u) => u.symbol === 'BTCUSDT')
    updates.length = 0
    sim.feed.on('depth', (u) => { if (u.symbol === 'BTCUSDT') updates.push(u) })
    const snap = (await get(sim, '/api/v3/depth', { symbol: 'BTCUSDT', limit: 5000 })).body
    const book = { bids: new Map(snap.bids), asks: new Map(snap.asks) }
    let seed = 3
    const rand = () => { seed = (seed * 16807) % 2147483647; return seed / 2147483647 }
    const ids = []
    for (let i = 0; i < 1000; i++) {
      const k = rand()
      const price = (Number(sim.price('BTCUSDT')) + Math.floor((rand() - 0.5) * 2000) / 100).toFixed(2)
      if (k < 0.3) {
        const o = (await call('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: rand() < 0.5 ? 'BUY' : 'SELL', type: 'LIMIT', timeInForce: 'GTC', quantity: (0.001 + Math.floor(rand() * 20) / 1000).toFixed(3), price })).body
        if (o.status === 'NEW') ids.push(o.orderId)
      } else if (k < 0.45 && ids.length) {
        await call('DELETE', '/api/v3/order', { symbol: 'BTCUSDT', orderId: ids.splice(Math.floor(rand() * ids.length), 1)[0] })
      } else if (k < 0.6) sim.trade('BTCUSDT', rand() < 0.5 ? 'BUY' : 'SELL', (Math.floor(rand() * 200) / 100 + 0.01).toFixed(2))
      else if (k < 0.75) sim.step()
      else if (k < 0.85) sim.advance(1000)
      else sim.setPrice('BTCUSDT', price)
    }
    let last = snap.lastUpdateId
    for (const u of updates.filter((x) => x.lastUpdateId > snap.lastUpdateId)) {
      assert.strictEqual(u.firstUpdateId, last + 1, 'contiguous')
      for (const [side, rows] of [['bids', u.bids], ['asks', u.asks]]) {
        for (const [p, q] of rows) {
          if (Number(q) === 0) book[side].delete(p)
          else book[side].set(p, q)
        }
      }
      last = u.lastUpdateId
    }
    const now = (await get(sim, '/api/v3/depth', { symbol: 'BTCUSDT', limit: 1000 })).body
    assert.strictEqual(now.lastUpdateId, last)
    const best = (map, descending) => [...map].sort((a, b) => (descending ? Number(b[0]) - Number(a[0]) : Number(a[0]) - Number(b[0]))).slice(0, 1000)
    assert.deepStrictEqual(best(book.bids, true), now.bids)
    assert.deepStrictEqual(best(book.asks, false), now.asks)
    assert.ok(now.bids.length === 1000 && now.asks.length === 1000, 'a deep book')
  })
})
