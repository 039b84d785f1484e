'use strict'
// The streams driven by the simulator's matching engine, end to end: orders
// placed by buy and sell nodes come back on the user stream, simulator trades
// on @trade, and a local order book follows the engine's own book. Each test
// also checks that the engine published on sim.feed, so that a failure says
// whether the engine or the node lost the event.
const assert = require('assert')
const { helper, startTestSimulator, accountNode, load, call } = require('./support/harness')
const { fastStreams, collect, collectErrors, waitFor, sleep, serverStreams } = require('./support/streams')
const { record } = require('./support/binance')

const TRADER = { apiKey: 'engine-trader-01', apiSecret: 'engine-trader-secret-01', balances: { USDT: '100000', BTC: '1' } }
const creds = { acc: { apiKey: TRADER.apiKey, apiSecret: TRADER.apiSecret } }
const ORDER = { orderType: 'MARKET', symbol: 'BTCUSDT', amountType: 'quantity', amount: '', price: '', stopPrice: '', stopLimitPrice: '', trailingDelta: '', timeInForce: '', clientOrderId: '', testOnly: false, roundToFilters: false }

/** 8-decimal quantities as exact integers of 1e-8. */
const units = (q) => Math.round(Number(q) * 1e8)

describe('streams driven by the matching engine', function () {
  this.timeout(20000)
  let sim
  fastStreams()
  let feed
  beforeEach(async () => {
    sim = await startTestSimulator({ accounts: [TRADER] })
    feed = record(sim)
  })
  afterEach(async () => {
    feed.stop()
    await helper.unload()
    await sim.close()
  })

  const flow = (extra = []) => [
    accountNode('acc', sim),
    { id: 'buy', type: 'binance-spot-buy', account: 'acc', ...ORDER },
    { id: 'sell', type: 'binance-spot-sell', account: 'acc', ...ORDER, orderType: 'OCO' },
    { id: 'orders', type: 'binance-spot-user-stream', account: 'acc', events: 'executionReport,listStatus' },
    { id: 'all', type: 'binance-spot-user-stream', account: 'acc', events: '' },
    ...extra
  ]

  it('an order placed by a buy node yields executionReport events with its clientOrderId', async function () {
    await load(flow(), ['buy', 'orders', 'all'], creds)
    const orders = collect('orders')
    const all = collect('all')
    await waitFor('the resyncs', () => orders.length === 1 && all.length === 1)
    await call('buy', { quantity: '0.001', clientOrderId: 'fill-me-1' })
    await waitFor('the engine\'s executionReports on sim.feed', () => feed.of(TRADER.apiKey, 'executionReport').some((e) => e.c === 'fill-me-1' && e.X === 'FILLED'))
    await waitFor('the fill', () => orders.some((m) => m.payload.c === 'fill-me-1' && m.payload.X === 'FILLED'))
    const mine = orders.filter((m) => m.payload.c === 'fill-me-1').map((m) => m.payload)
    assert.strictEqual(mine[0].X, 'NEW', 'NEW first, as Binance sends it')
    assert.ok(mine.every((e) => e.s === 'BTCUSDT' && e.S === 'BUY' && e.o === 'MARKET'))
    const filled = mine.find((e) => e.X === 'FILLED')
    assert.strictEqual(filled.x, 'TRADE')
    assert.strictEqual(filled.z, '0.00100000')
    await waitFor('the balances', () => all.some((m) => m.topic === 'outboundAccountPosition'))
    assert.ok(orders.every((m) => m.topic === 'resync' || m.topic === 'executionReport' || m.topic === 'listStatus'))
  })

  it('both legs of an OCO: an executionReport each, and a listStatus naming both', async function () {
    await load(flow(), ['sell', 'orders'], creds)
    const orders = collect('orders')
    await waitFor('the resync', () => orders.length === 1)
    const list = (await call('sell', { quantity: '0.2', price: '63000', stopPrice: '57000', stopLimitPrice: '56900' })).payload
    await waitFor('the engine\'s listStatus on sim.feed', () => feed.of(TRADER.apiKey, 'listStatus').some((e) => e.g === list.orderListId))
    const legs = list.orders.map((o) => o.clientOrderId).sort()
    await waitFor('both legs and the list', () =>
      legs.every((c) => orders.some((m) => m.topic === 'executionReport' && m.payload.c === c)) && orders.some((m) => m.topic === 'listStatus'))
    for (const c of legs) {
      const report = orders.find((m) => m.topic === 'executionReport' && m.payload.c === c).payload
      assert.strictEqual(report.g, list.orderListId)
      assert.strictEqual(report.X, 'NEW')
    }
    const status = orders.find((m) => m.topic === 'listStatus').payload
    assert.strictEqual(status.c, 'OCO')
    assert.strictEqual(status.g, list.orderListId)
    assert.deepStrictEqual(status.O.map((o) => o.c).sort(), legs)
  })

  it('a trade on the simulator shows on <symbol>@trade', async function () {
    await load(flow([{ id: 'trades', type: 'binance-spot-stream', account: 'acc', streamType: 'trade', symbols: 'BTCUSDT' }]), ['buy', 'trades'], creds)
    const trades = collect('trades')
    await waitFor('subscribed', () => serverStreams(sim).join() === 'btcusdt@trade')
    const order = (await call('buy', { quantity: '0.002' })).payload
    const executed = units(order.executedQty)
    assert.strictEqual(executed, units('0.002'))
    const sum = (list) => list.reduce((total, q) => total + units(q), 0)
    await waitFor('the engine\'s trades on sim.feed', () => sum(feed.trade.filter((t) => t.symbol === 'BTCUSDT').map((t) => t.qty)) >= executed)
    // One fill may come as several trades: wait for all of them, not the first.
    await waitFor('trades adding up to the order\'s executed quantity', () => sum(trades.map((m) => m.payload.q)) >= executed)
    await sleep(100)
    assert.strictEqual(sum(trades.map((m) => m.payload.q)), executed, 'the stream carries the order\'s fills, each once')
    assert.ok(order.fills.every((f) => trades.some((m) => m.payload.p === f.price)))
    assert.ok(trades.every((m) => m.topic === 'btcusdt@trade' && m.payload.s === 'BTCUSDT'))
  })

  it('the local order book equals GET /api/v3/depth after 1,000 changes of the engine\'s book, with a forced gap', async function () {
    await load(flow([{ id: 'book', type: 'binance-spot-stream', account: 'acc', streamType: 'orderBook', symbols: 'BTCUSDT', levels: 20, speed: '100ms' }]), ['book'], creds)
    const book = collect('book')
    const errors = collectErrors()
    await waitFor('subscribed', () => serverStreams(sim).join() === 'btcusdt@depth@100ms')
    await waitFor('the first book', () => book.length > 0)

    // The node's snapshots are 1000 levels deep (levels <= 200); the test's own GETs below ask for 20.
    const snapshots = () => sim.requests.filter((r) => r.method === 'GET' && r.path === '/api/v3/depth' && /(^|&)limit=1000(&|$)/.test(r.query)).length
    assert.ok(snapshots() >= 1, 'the first book came from a snapshot')

    // The feed loses one update half way. The stream sends the updates of each 100 ms in one event
    // (U of the first, u of the last), so a loss inside a batch would not show: the update lost is
    // the first one after the node has applied everything published, and so opens a batch of its own.
    const publish = sim.feed.publish.bind(sim.feed)
    let updates = 0
    let lastPublished
    let dropNext = false
    let snapshotsAtGap
    sim.feed.publish = (kind, event) => {
      // sim.step() moves the other symbols' books too.
      if (kind === 'depth' && event.symbol === 'BTCUSDT') {
        updates++
        if (dropNext) {
          dropNext = false
          snapshotsAtGap = snapshots()
          return
        }
        lastPublished = event.lastUpdateId
      }
      publish(kind, event)
    }
    let rounds = 0
    const change = async (count) => {
      while (updates < count) {
        sim.trade('BTCUSDT', rounds % 2 ? 'SELL' : 'BUY', String(0.001 * (1 + (rounds % 7))))
        if (rounds % 10 === 0) sim.step()
        rounds++
        if (rounds % 20 === 0) await sleep(20)
        assert.ok(rounds < 20000, 'the engine changes its book')
      }
    }
    try {
      await change(500)
      await waitFor('the node at the last update published, to lose the next', () => {
        if (book[book.length - 1].payload.lastUpdateId !== lastPublished) return false
        dropNext = true
        return true
      })
      await change(1000)
    } finally {
      sim.feed.publish = publish
    }
    assert.ok(snapshotsAtGap !== undefined, 'an update was lost')
    await waitFor('a new snapshot after the gap', () => snapshots() > snapshotsAtGap)
    await sleep(300)
    // The engine may still refill its book: compare with a REST answer the node has reached.
    let rest, same
    for (let attempt = 0; attempt < 5 && !same; attempt++) {
      rest = await (await fetch(`${sim.url}/api/v3/depth?symbol=BTCUSDT&limit=20`)).json()
      same = await waitFor('the node at the REST book', () => book.find((m) => m.payload.lastUpdateId === rest.lastUpdateId), 1500).catch(() => undefined)
    }
    assert.ok(same, 'the node reached the book GET /api/v3/depth answers')
    const levels = (side) => side.map(([price, quantity]) => ({ price, quantity }))
    assert.deepStrictEqual({ bids: same.payload.bids, asks: same.payload.asks }, { bids: levels(rest.bids), asks: levels(rest.asks) })
    assert.deepStrictEqual(errors, [])
  })
})
