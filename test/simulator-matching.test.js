'use strict'
// The matching engine on a manual clock: partial fills and fees to the satoshi,
// book depletion and refill, stop-limit orders resting after their trigger,
// self-trade prevention, trading between accounts, order latency, determinism.
const assert = require('assert')
const { startSimulator } = require('../dist/simulator')
const { signer, get, units, fmt, record } = require('./support/binance')

const START = Date.UTC(2026, 0, 5, 12)
const ALICE = { apiKey: 'alice-0001', apiSecret: 'alice-secret', balances: { USDT: '100000', BTC: '2' }, commission: { maker: '0.00075', taker: '0.001' } }
const BOB = { apiKey: 'bob-0002', apiSecret: 'bob-secret', balances: { USDT: '100000', BTC: '2' } }

const manual = (extra = {}) => startSimulator({ clock: 'manual', startTime: START, tickMs: 0, accounts: [ALICE, BOB], ...extra })
const top = async (sim, side, n = 1) => (await get(sim, '/api/v3/depth', { symbol: 'BTCUSDT', limit: n })).body[side]

describe('simulator matching', function () {
  let sim
  let alice
  let bob
  beforeEach(async () => {
    sim = await manual()
    sim.setPrice('BTCUSDT', '60000.00')
    alice = signer(sim, ALICE)
    bob = signer(sim, BOB)
  })
  afterEach(async () => { await sim.close() })

  const status = (call, orderId) => call('GET', '/api/v3/order', { symbol: 'BTCUSDT', orderId }).then((r) => r.body)
  const bal = (who, asset) => sim.balances(who.apiKey)[asset]

  it('a resting order at the touch fills partially, then fully, as the flow trades there, at the maker fee to the satoshi', async () => {
    const seen = record(sim)
    const [[price, ahead]] = await top(sim, 'bids')
    assert.strictEqual(price, '60000.00000000')
    const o = (await alice('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.05', price: '60000' })).body
    assert.strictEqual(o.status, 'NEW')
    assert.deepStrictEqual((await top(sim, 'bids'))[0], [price, fmt(units(ahead) + units('0.05'))], 'queued behind what was there')
    assert.deepStrictEqual(bal(ALICE, 'USDT'), { free: '97000.00000000', locked: '3000.00000000' })

    sim.trade('BTCUSDT', 'SELL', ahead)
    assert.strictEqual((await status(alice, o.orderId)).status, 'NEW', 'the flow first takes the quantity queued ahead')
    sim.trade('BTCUSDT', 'SELL', '0.02')
    const partial = await status(alice, o.orderId)
    assert.deepStrictEqual([partial.status, partial.executedQty, partial.cummulativeQuoteQty], ['PARTIALLY_FILLED', '0.02000000', '1200.00000000'])
    assert.deepStrictEqual(bal(ALICE, 'BTC'), { free: '2.01998500', locked: '0.00000000' }, '0.02 less 0.075%')
    assert.deepStrictEqual(bal(ALICE, 'USDT'), { free: '97000.00000000', locked: '1800.00000000' })

    const flow = sim.trade('BTCUSDT', 'SELL', '0.1')
    assert.deepStrictEqual(flow.map((t) => [t.price, t.qty, t.isBuyerMaker]), [['60000.00000000', '0.03000000', true], ['59999.99000000', '0.07000000', true]])
    const filled = await status(alice, o.orderId)
    assert.deepStrictEqual([filled.status, filled.executedQty, filled.cummulativeQuoteQty], ['FILLED', '0.05000000', '3000.00000000'])
    assert.deepStrictEqual(bal(ALICE, 'BTC'), { free: '2.04996250', locked: '0.00000000' }, '0.000015 + 0.0000225 commission')
    assert.deepStrictEqual(bal(ALICE, 'USDT'), { free: '97000.00000000', locked: '0.00000000' })

    const trades = (await alice('GET', '/api/v3/myTrades', { symbol: 'BTCUSDT' })).body
    assert.deepStrictEqual(trades.map((t) => [t.qty, t.commission, t.commissionAsset, t.isMaker, t.isBuyer]), [
      ['0.02000000', '0.00001500', 'BTC', true, true],
      ['0.03000000', '0.00002250', 'BTC', true, true]
    ])
    assert.deepStrictEqual(trades.map((t) => t.id), [flow[0].id - 1, flow[0].id], 'the trade ids are the public trades that filled it')
    const reports = seen.of(ALICE.apiKey, 'executionReport').map((e) => [e.x, e.X, e.l, e.n, e.m, e.w])
    assert.deepStrictEqual(reports, [
      ['NEW', 'NEW', '0.00000000', '0', false, true],
      ['TRADE', 'PARTIALLY_FILLED', '0.02000000', '0.00001500', true, true],
      ['TRADE', 'FILLED', '0.03000000', '0.00002250', true, false]
    ])
    assert.ok(seen.trade.some((t) => t.id === flow[0].id && t.price === '60000.00000000'), 'the flow is on the public trade feed')
  })

  it('a market order walks the book one fill per level at the taker fee; the book shows less, then refills', async () => {
    const seen = record(sim)
    const levels = await top(sim, 'asks', 3)
    const qty = units(levels[0][1]) + units(levels[1][1]) + 1000n
    const o = (await bob('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: fmt(qty) })).body
    assert.deepStrictEqual(o.fills.map((f) => [f.price, f.qty]), [levels[0], levels[1], [levels[2][0], '0.00001000']])
    for (const f of o.fills) assert.strictEqual(f.commission, fmt(units(f.qty) / 1000n), 'taker 0.1% of the base received')
    const cost = o.fills.reduce((s, f) => s + (units(f.price) * units(f.qty)) / 100000000n, 0n)
    assert.strictEqual(o.cummulativeQuoteQty, fmt(cost))
    assert.deepStrictEqual(bal(BOB, 'USDT'), { free: fmt(units('100000') - cost), locked: '0.00000000' })

    const after = await top(sim, 'asks', 1)
    assert.deepStrictEqual(after[0], [levels[2][0], fmt(units(levels[2][1]) - 1000n)], 'the two levels it took are gone, the third is smaller')
    const depthIds = seen.depth.filter((u) => u.symbol === 'BTCUSDT').map((u) => [u.firstUpdateId, u.lastUpdateId])
    for (let i = 1; i < depthIds.length; i++) assert.strictEqual(depthIds[i][0], depthIds[i - 1][1] + 1, 'book updates are contiguous')

    sim.advance(1000)
    const refilling = await get(sim, '/api/v3/depth', { symbol: 'BTCUSDT', limit: 1 })
    assert.strictEqual(refilling.body.asks[0][0], levels[0][0], 'a quarter of the level is back after a second')
    assert.ok(units(refilling.body.asks[0][1]) < units(levels[0][1]))
    sim.advance(3000)
    assert.deepStrictEqual(await top(sim, 'asks', 3), levels, 'fully refilled after four seconds')
  })

  it('a STOP_LOSS_LIMIT becomes a limit order in the book when it fires: it takes what crosses, or rests', async () => {
    const crossing = (await alice('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'SELL', type: 'STOP_LOSS_LIMIT', timeInForce: 'GTC', quantity: '0.1', price: '58000', stopPrice: '59000' })).body
    const resting = (await alice('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'SELL', type: 'STOP_LOSS_LIMIT', timeInForce: 'GTC', quantity: '0.1', price: '59500', stopPrice: '59000' })).body
    assert.deepStrictEqual(bal(ALICE, 'BTC'), { free: '1.80000000', locked: '0.20000000' })
    sim.setPrice('BTCUSDT', '58990.00')
    const sold = await status(alice, crossing.orderId)
    assert.deepStrictEqual([sold.status, sold.isWorking], ['FILLED', true])
    assert.ok(units(sold.cummulativeQuoteQty) > units('5898'), 'sold into the bids where the price was, not at its limit')
    const rests = await status(alice, resting.orderId)
    assert.deepStrictEqual([rests.status, rests.isWorking, rests.executedQty], ['NEW', true, '0.00000000'])
    assert.deepStrictEqual(bal(ALICE, 'BTC'), { free: '1.80000000', locked: '0.10000000' })
    sim.setPrice('BTCUSDT', '59500.00')
    const done = await status(alice, resting.orderId)
    assert.deepStrictEqual([done.status, done.cummulativeQuoteQty], ['FILLED', '5950.00000000'], 'filled at its limit when the market came up to it')
  })

  describe('self-trade prevention (stp_faq.md)', function () {
    /** Empties the best ask so that the next resting sell there is first in line. */
    async function ownBestAsk (call, quantity, mode = 'NONE') {
      const [[price, qty]] = await top(sim, 'asks')
      sim.trade('BTCUSDT', 'BUY', qty)
      const o = (await call('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'SELL', type: 'LIMIT', timeInForce: 'GTC', quantity, price, selfTradePreventionMode: mode })).body
      return { price, order: o }
    }
    const buy = (call, price, quantity, mode) => call('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity, price, selfTradePreventionMode: mode }).then((r) => r.body)

    it('NONE trades with itself; EXPIRE_TAKER expires the taker and keeps the maker', async () => {
      const { price, order: maker } = await ownBestAsk(alice, '0.5')
      const self = await buy(alice, price, '0.1', 'NONE')
      assert.deepStrictEqual([self.status, self.fills.length], ['FILLED', 1])
      const seen = record(sim)
      const taker = await buy(alice, price, '0.2', 'EXPIRE_TAKER')
      assert.deepStrictEqual([taker.status, taker.executedQty, taker.preventedQuantity], ['EXPIRED_IN_MATCH', '0.00000000', '0.20000000'])
      assert.deepStrictEqual(taker.preventedMatches, [{ preventedMatchId: 0, makerSymbol: 'BTCUSDT', makerOrderId: maker.orderId, price, takerPreventedQuantity: '0.20000000' }])
      assert.strictEqual((await status(alice, maker.orderId)).status, 'PARTIALLY_FILLED')
      const [report] = seen.of(ALICE.apiKey, 'executionReport').filter((e) => e.x === 'TRADE_PREVENTION')
      assert.deepStrictEqual([report.X, report.v, report.A, report.B, report.u, report.U, report.Cs, report.pl, report.pL], ['EXPIRED_IN_MATCH', 0, '0.20000000', '0.20000000', -1, maker.orderId, 'BTCUSDT', '0.20000000', price])
      assert.deepStrictEqual(bal(ALICE, 'USDT').locked, '0.00000000')
      const matches = (await alice('GET', '/api/v3/myPreventedMatches', { symbol: 'BTCUSDT', orderId: taker.orderId })).body
      assert.deepStrictEqual(matches, [{ symbol: 'BTCUSDT', preventedMatchId: 0, takerOrderId: taker.orderId, makerSymbol: 'BTCUSDT', makerOrderId: maker.orderId, tradeGroupId: -1, selfTradePreventionMode: 'EXPIRE_TAKER', price, takerPreventedQuantity: '0.20000000', transactTime: taker.transactTime }])
      assert.deepStrictEqual((await alice('GET', '/api/v3/myPreventedMatches', { symbol: 'BTCUSDT', preventedMatchId: 0 })).body, matches)
    })

    it('EXPIRE_MAKER expires the resting order and the taker trades on; EXPIRE_BOTH expires both', async () => {
      const { order: maker } = await ownBestAsk(alice, '0.3')
      const market = (await alice('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.1', selfTradePreventionMode: 'EXPIRE_MAKER' })).body
      assert.strictEqual(market.status, 'FILLED')
      assert.ok(market.fills.every((f) => units(f.price) > units(maker.price)), 'traded past its own order')
      assert.deepStrictEqual(market.preventedMatches.map((m) => m.makerPreventedQuantity), ['0.30000000'])
      const expired = await status(alice, maker.orderId)
      assert.deepStrictEqual([expired.status, expired.preventedQuantity], ['EXPIRED_IN_MATCH', '0.30000000'])
      assert.strictEqual(bal(ALICE, 'BTC').locked, '0.00000000')

      const second = await ownBestAsk(alice, '0.3')
      const both = await buy(alice, second.price, '0.1', 'EXPIRE_BOTH')
      assert.strictEqual(both.status, 'EXPIRED_IN_MATCH')
      assert.strictEqual((await status(alice, second.order.orderId)).status, 'EXPIRED_IN_MATCH')
    })

    it('DECREMENT takes the smaller quantity from both; the smaller order expires', async () => {
      const { price, order: maker } = await ownBestAsk(alice, '0.5')
      const taker = await buy(alice, price, '0.2', 'DECREMENT')
      assert.deepStrictEqual([taker.status, taker.preventedQuantity], ['EXPIRED_IN_MATCH', '0.20000000'])
      const left = await status(alice, maker.orderId)
      assert.deepStrictEqual([left.status, left.preventedQuantity, left.executedQty], ['NEW', '0.20000000', '0.00000000'])
      assert.deepStrictEqual(bal(ALICE, 'BTC'), { free: '1.70000000', locked: '0.30000000' }, 'the maker holds only what it can still sell')
      assert.deepStrictEqual((await top(sim, 'asks'))[0], [price, '0.30000000'])
    })

    it('TRANSFER between two accounts of a trade group moves the prevented quantity at the price, without commission', async () => {
      const group = { tradeGroupId: 7 }
      sim.addAccount({ ...BOB, apiKey: 'bob-grp', ...group })
      sim.addAccount({ ...ALICE, apiKey: 'alice-grp', ...group })
      const b = signer(sim, { ...BOB, apiKey: 'bob-grp' })
      const a = signer(sim, { ...ALICE, apiKey: 'alice-grp' })
      const [[price, qty]] = await top(sim, 'bids')
      sim.trade('BTCUSDT', 'SELL', qty)
      const maker = (await b('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.6', price, selfTradePreventionMode: 'TRANSFER' })).body
      const taker = (await a('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'SELL', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.2', price, selfTradePreventionMode: 'TRANSFER' })).body
      assert.deepStrictEqual([taker.status, taker.tradeGroupId, taker.fills], ['EXPIRED_IN_MATCH', 7, []])
      const notional = (units(price) * units('0.2')) / 100000000n
      assert.deepStrictEqual(sim.balances('bob-grp').BTC, { free: '2.20000000', locked: '0.00000000' })
      assert.deepStrictEqual(sim.balances('bob-grp').USDT.locked, fmt((units(price) * units('0.4')) / 100000000n))
      assert.deepStrictEqual(sim.balances('alice-grp').USDT, { free: fmt(units('100000') + notional), locked: '0.00000000' })
      assert.deepStrictEqual(sim.balances('alice-grp').BTC, { free: '1.80000000', locked: '0.00000000' })
      assert.strictEqual((await b('GET', '/api/v3/order', { symbol: 'BTCUSDT', orderId: maker.orderId })).body.preventedQuantity, '0.20000000')
    })
  })

  it('accounts trade with each other: a taker meets another account\'s resting order, one trade id on both sides', async () => {
    const [[price, qty]] = await top(sim, 'asks')
    sim.trade('BTCUSDT', 'BUY', qty)
    const maker = (await bob('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'SELL', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.3', price })).body
    const taker = (await alice('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'IOC', quantity: '0.1', price })).body
    assert.deepStrictEqual(taker.fills.map((f) => [f.price, f.qty, f.commission]), [[price, '0.10000000', '0.00010000']])
    const makerTrades = (await bob('GET', '/api/v3/myTrades', { symbol: 'BTCUSDT' })).body
    assert.deepStrictEqual(makerTrades.map((t) => [t.id, t.isMaker, t.isBuyer, t.commissionAsset]), [[taker.fills[0].tradeId, true, false, 'USDT']])
    assert.strictEqual((await status(bob, maker.orderId)).executedQty, '0.10000000')
  })

  it('the price walk moves the book: resting orders it passes fill at their own price', async () => {
    const o = (await alice('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price: '59990' })).body
    let steps = 0
    while ((await status(alice, o.orderId)).status === 'NEW' && steps < 500) {
      sim.step(5)
      steps += 5
    }
    const done = await status(alice, o.orderId)
    assert.deepStrictEqual([done.status, done.cummulativeQuoteQty], ['FILLED', '599.90000000'], `after ${steps} steps at ${sim.price('BTCUSDT')}`)
  })

  it('an iceberg shows only its visible slice', async () => {
    const [[price, qty]] = await top(sim, 'bids')
    await alice('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.1', price, icebergQty: '0.01' })
    assert.deepStrictEqual((await top(sim, 'bids'))[0], [price, fmt(units(qty) + units('0.01'))])
    sim.trade('BTCUSDT', 'SELL', fmt(units(qty) + units('0.015')))
    assert.deepStrictEqual((await top(sim, 'bids'))[0], [price, '0.00500000'], 'the next slice shows once one is taken, and trades on')
    assert.strictEqual((await alice('GET', '/api/v3/openOrders', { symbol: 'BTCUSDT' })).body[0].executedQty, '0.01500000')
  })

  it('orderLatencyMs: a trading request reaches the engine that long after it arrived, on the simulator clock', async () => {
    const slow = await manual({ orderLatencyMs: 250 })
    try {
      const call = signer(slow, ALICE)
      const pending = call('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.01' })
      while (!slow.requests.some((r) => r.path === '/api/v3/order')) await new Promise((resolve) => setImmediate(resolve))
      const early = await Promise.race([pending, new Promise((resolve) => setTimeout(() => resolve('waiting'), 50))])
      assert.strictEqual(early, 'waiting')
      assert.strictEqual(slow.balances(ALICE.apiKey).BTC.free, '2.00000000')
      slow.advance(250)
      const o = (await pending).body
      assert.deepStrictEqual([o.status, o.transactTime], ['FILLED', START + 250])
      assert.strictEqual((await get(slow, '/api/v3/time')).body.serverTime, START + 250, 'market data is not delayed')
    } finally {
      await slow.close()
    }
  })

  it('the same seed and the same calls give the same trades, fills and ids', async () => {
    async function story () {
      const s = await manual({ seed: 11, tickMs: 1000 })
      const seen = record(s)
      const call = signer(s, ALICE)
      const answers = []
      answers.push((await call('POST', '/api/v3/order', { symbol: 'ETHUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.5', price: '2999' })).body)
      answers.push((await call('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quoteOrderQty: '2500' })).body)
      s.advance(30000)
      answers.push((await call('GET', '/api/v3/myTrades', { symbol: 'ETHUSDT' })).body)
      answers.push((await get(s, '/api/v3/trades', { symbol: 'XRPUSDT', limit: 20 })).body)
      seen.stop()
      await s.close()
      return JSON.stringify({ answers, trades: seen.trade, depth: seen.depth.length, account: seen.account })
    }
    const first = await story()
    assert.strictEqual(await story(), first)
    assert.ok(JSON.parse(first).trades.length > 30, 'the flow traded')
  })
})
