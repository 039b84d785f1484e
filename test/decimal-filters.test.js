'use strict'
// The exact decimal arithmetic and the local order checks, on the rules the simulator publishes.
const assert = require('assert')
const path = require('path')
const { dist, startTestSimulator } = require('./support/harness')

const { Decimal, toPlainDecimal } = require(path.join(dist, 'lib', 'decimal'))
const { applyFilters, checkOpenOrderCount } = require(path.join(dist, 'lib', 'filters'))
const { toSymbolRules } = require(path.join(dist, 'lib', 'symbol-rules'))

describe('exact decimals', function () {
  it('turns JS numbers into plain decimal strings', () => {
    assert.strictEqual(toPlainDecimal(1e-7, 'q'), '0.0000001')
    assert.strictEqual(toPlainDecimal(0.00001, 'q'), '0.00001')
    assert.strictEqual(toPlainDecimal(123456789, 'q'), '123456789')
    assert.strictEqual(toPlainDecimal('1.50000000', 'q'), '1.5')
    assert.strictEqual(toPlainDecimal('2.5e-3', 'q'), '0.0025')
    assert.strictEqual(toPlainDecimal(' 42 ', 'q'), '42')
  })

  it('refuses what is not exactly a decimal Binance accepts', () => {
    for (const bad of [NaN, Infinity, -Infinity, 1e300, 0.1 + 0.2, '1e-9', 'abc', '', '1.2.3', '0x10', null, {}, [1]]) {
      assert.throws(() => toPlainDecimal(bad, 'q'), (e) => e.code === 'ErrInvalidArg', String(bad))
    }
  })

  it('does arithmetic without floating point', () => {
    const d = Decimal.parse
    assert.strictEqual(d('0.1').add(d('0.2')).toString(), '0.3')
    assert.strictEqual(d('60000.12').mul(d('0.00123')).toString(), '73.8001476')
    assert.strictEqual(d('10').div(d('3'), 8).toString(), '3.33333333')
    assert.strictEqual(d('0.0123456').toStep(d('0.00001'), d('0.00001'), false).toString(), '0.01234')
    assert.strictEqual(d('70000.121').toStep(d('0.01'), d('0.01'), true).toString(), '70000.13')
    assert.strictEqual(d('50000.129').toStep(d('0.01'), d('0.01'), false).toString(), '50000.12')
    assert.ok(d('0.00002').isOnStep(d('0.00001'), d('0.00001')))
    assert.ok(!d('0.000015').isOnStep(d('0.00001'), d('0.00001')))
  })
})

describe('local filter checks on the published rules', function () {
  let rules
  before(async () => {
    const sim = await startTestSimulator()
    const info = await (await fetch(`${sim.url}/api/v3/exchangeInfo?symbol=BTCUSDT`)).json()
    rules = toSymbolRules(info.symbols[0])
    await sim.close()
  })

  it('MAX_NUM_ORDERS and MAX_NUM_ALGO_ORDERS count the symbol\'s open orders', () => {
    const limit = rules.maxNumOrders
    assert.ok(limit > 0)
    checkOpenOrderCount(rules, Array(limit - 1).fill('LIMIT'), ['LIMIT'])
    assert.throws(() => checkOpenOrderCount(rules, Array(limit).fill('LIMIT'), ['LIMIT']), /MAX_NUM_ORDERS/)
    assert.throws(() => checkOpenOrderCount(rules, Array(limit - 1).fill('LIMIT'), ['LIMIT_MAKER', 'STOP_LOSS_LIMIT']), /MAX_NUM_ORDERS/)
    const algo = rules.filters.find((f) => f.filterType === 'MAX_NUM_ALGO_ORDERS').maxNumAlgoOrders
    checkOpenOrderCount(rules, Array(algo - 1).fill('STOP_LOSS'), ['TAKE_PROFIT'])
    assert.throws(() => checkOpenOrderCount(rules, Array(algo).fill('STOP_LOSS'), ['TAKE_PROFIT_LIMIT']), /MAX_NUM_ALGO_ORDERS/)
    checkOpenOrderCount(rules, Array(algo).fill('STOP_LOSS'), ['LIMIT'])
  })

  it('names the filter, the value and what is allowed', () => {
    assert.throws(() => applyFilters(rules, { side: 'BUY', market: false, quantity: '0.001', prices: [{ name: 'price', value: '60000.001' }], stopPrices: [] }, { round: false, averagePrice: '60000' }),
      (e) => e.code === 'ErrInvalidArg' && /PRICE_FILTER/.test(e.message) && /60000\.001/.test(e.message) && /tick size 0\.01/.test(e.message))
  })

  it('rounds a buy price down and a sell price up, and quantities down', () => {
    const buy = applyFilters(rules, { side: 'BUY', market: false, quantity: '0.0012345', prices: [{ name: 'price', value: '60000.129' }], stopPrices: [] }, { round: true, averagePrice: '60000' })
    assert.strictEqual(buy.quantity, '0.00123')
    assert.strictEqual(buy.prices[0].value, '60000.12')
    const sell = applyFilters(rules, { side: 'SELL', market: false, quantity: '0.0012345', prices: [{ name: 'price', value: '60000.121' }], stopPrices: [{ name: 'stopPrice', value: '59000.001' }] }, { round: true, averagePrice: '60000' })
    assert.strictEqual(sell.prices[0].value, '60000.13')
    assert.strictEqual(sell.stopPrices[0].value, '59000.01')
  })
})
