'use strict'
// Orders whose answer is lost are looked up, never sent twice.
const assert = require('assert')
const { helper, startTestSimulator, accountNode, load, call, callFails } = require('./support/harness')

const TRADER = { apiKey: 'lost-key-01', apiSecret: 'lost-secret-01', balances: { USDT: '100000', BTC: '1' } }
const orderPosts = (sim) => sim.requests.filter((r) => r.method === 'POST' && r.path === '/api/v3/order')

describe('orders after a lost answer', function () {
  let sim
  beforeEach(async () => {
    sim = await startTestSimulator({ accounts: [TRADER] })
    sim.setPrice('BTCUSDT', '60000.00')
    await load([
      accountNode('acc', sim, { timeout: 300, recvWindow: 1000 }),
      { id: 'buy', type: 'binance-spot-buy', account: 'acc', orderType: 'MARKET', symbol: 'BTCUSDT', amountType: 'quantity', amount: '0.01', timeInForce: '' }
    ], ['buy'], { acc: { apiKey: TRADER.apiKey, apiSecret: TRADER.apiSecret } })
    // Let the clock sync and the rules load before answers start to go missing.
    await call('buy', { testOnly: true })
  })
  afterEach(async () => { await helper.unload(); await sim.close() })

  it('an order placed but whose answer timed out is found by its client order id and reported once', async () => {
    const btcBefore = Number(sim.balances(TRADER.apiKey).BTC.free)
    const posts = orderPosts(sim).length
    sim.setDelay(1500, { method: 'POST', path: '/api/v3/order' })
    const m = await call('buy', { clientOrderId: 'lost-answer-1' })
    assert.strictEqual(m.payload.clientOrderId, 'lost-answer-1')
    assert.strictEqual(m.payload.status, 'FILLED')
    assert.strictEqual(orderPosts(sim).length, posts + 1, 'sent exactly once')
    assert.ok(sim.requests.some((r) => r.method === 'GET' && r.path === '/api/v3/order' && r.query.includes('origClientOrderId=lost-answer-1')))
    const commission = m.payload.fills.reduce((sum, f) => sum + (f.commissionAsset === 'BTC' ? Number(f.commission) : 0), 0)
    assert.ok(Math.abs(Number(sim.balances(TRADER.apiKey).BTC.free) - btcBefore - (0.01 - commission)) < 1e-9, 'bought once')
  })

  it('an order that arrives too late is refused by the exchange, and reported as not placed only after its recvWindow', async () => {
    const btcBefore = sim.balances(TRADER.apiKey).BTC.free
    sim.setDelay(1500, { method: 'POST', path: '/api/v3/order', beforeHandling: true })
    const started = Date.now()
    const err = await callFails('buy', { clientOrderId: 'late-order-1' }, 10000)
    assert.strictEqual(err.code, 'ErrTimeout')
    assert.match(err.message, /late-order-1 was not placed/)
    assert.ok(Date.now() - started >= 1000, 'waited for the recvWindow to pass')
    await new Promise((resolve) => setTimeout(resolve, 700))
    assert.strictEqual(sim.balances(TRADER.apiKey).BTC.free, btcBefore, 'the late copy was never executed')
  })

  it('when neither the order nor its absence can be established, the answer is ErrUnknownStatus naming the order', async () => {
    const posts = orderPosts(sim).length
    sim.setDelay(10000, { path: '/api/v3/order' })
    const err = await callFails('buy', { clientOrderId: 'lost-answer-2' }, 15000)
    sim.setDelay(0)
    assert.strictEqual(err.code, 'ErrUnknownStatus')
    assert.match(err.message, /lost-answer-2/)
    assert.strictEqual(orderPosts(sim).length, posts + 1, 'never sent again')
  })
})
