'use strict'
// Statuses reset when the state they show is over: a buy or sell node that shows
// an open order shows its end once another node of the flow learns of it.
const assert = require('assert')
const { helper, startTestSimulator, accountNode, load, call, lastStatus } = require('./support/harness')

const TRADER = { apiKey: 'status-key-01', apiSecret: 'status-secret-01', balances: { USDT: '100000', BTC: '1' } }
const ORDER = { account: 'acc', symbol: 'BTCUSDT', amountType: 'quantity', amount: '', price: '', stopPrice: '', stopLimitPrice: '', trailingDelta: '', timeInForce: 'GTC', clientOrderId: '', testOnly: false, roundToFilters: false }

describe('statuses that follow the orders they show', function () {
  let sim
  beforeEach(async () => {
    sim = await startTestSimulator({ accounts: [TRADER] })
    sim.setPrice('BTCUSDT', '60000.00')
    await load([
      accountNode('acc', sim),
      { id: 'oco', type: 'binance-spot-sell', ...ORDER, orderType: 'OCO' },
      { id: 'limit', type: 'binance-spot-buy', ...ORDER, orderType: 'LIMIT' },
      { id: 'other', type: 'binance-spot-buy', ...ORDER, orderType: 'LIMIT' },
      { id: 'cancelAll', type: 'binance-spot-cancel', account: 'acc', target: 'all', symbol: 'BTCUSDT' },
      { id: 'status', type: 'binance-spot-order-status', account: 'acc', symbol: 'BTCUSDT' }
    ], ['oco', 'limit', 'other', 'cancelAll', 'status'], { acc: { apiKey: TRADER.apiKey, apiSecret: TRADER.apiSecret } })
  })
  afterEach(async () => { await helper.unload(); await sim.close() })

  it('an OCO shown as EXECUTING shows CANCELED after a cancel-all', async () => {
    await call('oco', { quantity: '0.1', price: '63000', stopPrice: '57000', stopLimitPrice: '56900' })
    assert.match(lastStatus('oco').text, /^EXECUTING/)
    await call('cancelAll', {})
    assert.deepStrictEqual(lastStatus('oco'), { fill: 'grey', shape: 'ring', text: 'CANCELED BTCUSDT' })
  })

  it('a resting LIMIT order shows FILLED once an order status node finds it filled; another order keeps its status', async () => {
    const placed = (await call('limit', { quantity: '0.01', price: '59000' })).payload
    await call('other', { quantity: '0.01', price: '50000' })
    assert.match(lastStatus('limit').text, /^NEW/)
    sim.setPrice('BTCUSDT', '58900.00')
    assert.strictEqual((await call('status', { orderId: placed.orderId })).payload.status, 'FILLED')
    assert.deepStrictEqual(lastStatus('limit'), { fill: 'grey', shape: 'ring', text: 'FILLED BTCUSDT' })
    assert.match(lastStatus('other').text, /^NEW/, 'the other order is still open')
  })
})
