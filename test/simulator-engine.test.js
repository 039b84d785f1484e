'use strict'
// The simulator's matching engine end to end over HTTP: every order type, balances
// to the last 1e-8, cancels, OCO lists, history and Binance's refusals.
const assert = require('assert')
const { startSimulator } = require('../dist/simulator')
const { signer, units, fmt } = require('./support/binance')

const TRADER = { apiKey: 'trader', apiSecret: 'trader-secret', balances: { USDT: '100000', BTC: '2', ETH: '10', BNB: '50' } }

const signed = (sim, method, path, params) => signer(sim, TRADER)(method, path, params)
const sum = (list, key) => list.reduce((acc, x) => acc + units(x[key]), 0n)

function refused (res, code, msg) {
  assert.strictEqual(res.status, 400, JSON.stringify(res.body))
  assert.deepStrictEqual(res.body, { code, msg })
}

const FULL_KEYS = ['symbol', 'orderId', 'orderListId', 'clientOrderId', 'transactTime', 'price', 'origQty', 'executedQty', 'origQuoteOrderQty',
  'cummulativeQuoteQty', 'status', 'timeInForce', 'type', 'side', 'workingTime', 'selfTradePreventionMode', 'fills']
const QUERY_KEYS = ['symbol', 'orderId', 'orderListId', 'clientOrderId', 'price', 'origQty', 'executedQty', 'cummulativeQuoteQty', 'status',
  'timeInForce', 'type', 'side', 'stopPrice', 'icebergQty', 'time', 'updateTime', 'isWorking', 'workingTime', 'origQuoteOrderQty', 'selfTradePreventionMode']

describe('simulator engine', function () {
  let sim
  const order = (params) => signed(sim, 'POST', '/api/v3/order', { symbol: 'BTCUSDT', ...params })
  const status = (orderId, symbol = 'BTCUSDT') => signed(sim, 'GET', '/api/v3/order', { symbol, orderId }).then((r) => r.body)
  const bal = (asset) => sim.balances(TRADER.apiKey)[asset]

  beforeEach(async () => {
    sim = await startSimulator({ tickMs: 0, accounts: [TRADER] })
    sim.setPrice('BTCUSDT', '60000.00')
  })
  afterEach(async () => { await sim.close() })

  describe('market orders', function () {
    it('MARKET BUY by quantity: FULL answer, fills from the book, commission in the base asset, exact balances', async () => {
      const res = await order({ side: 'BUY', type: 'MARKET', quantity: '0.5' })
      assert.strictEqual(res.status, 200, JSON.stringify(res.body))
      const o = res.body
      assert.deepStrictEqual(Object.keys(o), FULL_KEYS)
      assert.strictEqual(o.status, 'FILLED')
      assert.strictEqual(o.price, '0.00000000')
      assert.strictEqual(o.origQty, '0.50000000')
      assert.strictEqual(o.executedQty, '0.50000000')
      assert.strictEqual(o.orderListId, -1)
      assert.strictEqual(o.timeInForce, 'GTC')
      assert.strictEqual(o.workingTime, o.transactTime)
      assert.match(o.clientOrderId, /^[A-Za-z0-9]{22}$/)
      assert.ok(o.fills.length > 1, 'a large order walks several levels')
      assert.strictEqual(sum(o.fills, 'qty'), units('0.5'))
      for (const f of o.fills) {
        assert.deepStrictEqual(Object.keys(f), ['price', 'qty', 'commission', 'commissionAsset', 'tradeId'])
        assert.strictEqual(f.commissionAsset, 'BTC')
        assert.strictEqual(units(f.commission), units(f.qty) / 1000n)
        assert.ok(units(f.price) >= units('60000.01'))
      }
      const quote = o.fills.reduce((acc, f) => acc + (units(f.price) * units(f.qty)) / 100000000n, 0n)
      assert.strictEqual(units(o.cummulativeQuoteQty), quote)
      assert.deepStrictEqual(bal('USDT'), { free: fmt(units('100000') - quote), locked: '0.00000000' })
      assert.deepStrictEqual(bal('BTC'), { free: fmt(units('2.5') - sum(o.fills, 'commission')), locked: '0.00000000' })
      assert.match(res.headers.get('x-mbx-order-count-10s'), /^\d+$/)
      assert.match(res.headers.get('x-mbx-order-count-1d'), /^\d+$/)
    })

    it('MARKET SELL by quantity: commission in the quote asset', async () => {
      const o = (await order({ side: 'SELL', type: 'MARKET', quantity: '0.1' })).body
      assert.strictEqual(o.status, 'FILLED')
      assert.ok(o.fills.every((f) => f.commissionAsset === 'USDT' && units(f.price) <= units('60000')))
      const received = units(o.cummulativeQuoteQty) - sum(o.fills, 'commission')
      assert.strictEqual(bal('USDT').free, fmt(units('100000') + received))
      assert.strictEqual(bal('BTC').free, '1.90000000')
    })

    it('MARKET by quoteOrderQty: spends (or receives) at most that much, quantity on the step grid', async () => {
      const buy = (await order({ side: 'BUY', type: 'MARKET', quoteOrderQty: '1000' })).body
      assert.strictEqual(buy.status, 'FILLED')
      assert.strictEqual(buy.origQuoteOrderQty, '1000.00000000')
      assert.ok(units(buy.cummulativeQuoteQty) <= units('1000') && units(buy.cummulativeQuoteQty) > units('999'))
      assert.strictEqual(units(buy.executedQty) % 1000n, 0n, 'multiple of the 0.00001 step')
      assert.strictEqual(buy.origQty, buy.executedQty)
      const sell = (await order({ side: 'SELL', type: 'MARKET', quoteOrderQty: '500' })).body
      assert.ok(units(sell.cummulativeQuoteQty) <= units('500') && units(sell.cummulativeQuoteQty) > units('499'))
    })

    it('insufficient balance is -2010 and changes nothing', async () => {
      refused(await order({ side: 'BUY', type: 'MARKET', quantity: '50' }), -2010, 'Account has insufficient balance for requested action.')
      refused(await order({ side: 'SELL', type: 'MARKET', quantity: '3' }), -2010, 'Account has insufficient balance for requested action.')
      refused(await order({ side: 'BUY', type: 'MARKET', quoteOrderQty: '100001' }), -2010, 'Account has insufficient balance for requested action.')
      assert.deepStrictEqual(bal('USDT'), { free: '100000.00000000', locked: '0.00000000' })
      assert.deepStrictEqual((await signed(sim, 'GET', '/api/v3/allOrders', { symbol: 'BTCUSDT' })).body, [])
    })
  })

  describe('limit orders', function () {
    it('LIMIT GTC below the market rests, locks price x qty, and fills as maker when the price comes down', async () => {
      const o = (await order({ side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price: '59000.5' })).body
      assert.strictEqual(o.status, 'NEW')
      assert.deepStrictEqual(o.fills, [])
      assert.strictEqual(o.price, '59000.50000000')
      assert.deepStrictEqual(bal('USDT'), { free: '99409.99500000', locked: '590.00500000' })
      const q = await status(o.orderId)
      assert.deepStrictEqual(Object.keys(q), QUERY_KEYS)
      assert.strictEqual(q.isWorking, true)
      assert.strictEqual(q.stopPrice, '0.00000000')
      const open = (await signed(sim, 'GET', '/api/v3/openOrders', { symbol: 'BTCUSDT' })).body
      assert.deepStrictEqual(open.map((x) => x.orderId), [o.orderId])
      sim.setPrice('BTCUSDT', '59500.00')
      assert.strictEqual((await status(o.orderId)).status, 'NEW')
      sim.setPrice('BTCUSDT', '58999.00')
      const filled = await status(o.orderId)
      assert.strictEqual(filled.status, 'FILLED')
      assert.strictEqual(filled.cummulativeQuoteQty, '590.00500000')
      assert.deepStrictEqual(bal('USDT'), { free: '99409.99500000', locked: '0.00000000' })
      assert.strictEqual(bal('BTC').free, '2.00999000')
      const trades = (await signed(sim, 'GET', '/api/v3/myTrades', { symbol: 'BTCUSDT' })).body
      assert.strictEqual(trades.length, 1)
      assert.deepStrictEqual(Object.keys(trades[0]), ['symbol', 'id', 'orderId', 'orderListId', 'price', 'qty', 'quoteQty', 'commission', 'commissionAsset', 'time', 'isBuyer', 'isMaker', 'isBestMatch'])
      assert.deepStrictEqual({ ...trades[0], id: 0, time: 0 }, {
        symbol: 'BTCUSDT', id: 0, orderId: o.orderId, orderListId: -1, price: '59000.50000000', qty: '0.01000000', quoteQty: '590.00500000',
        commission: '0.00001000', commissionAsset: 'BTC', time: 0, isBuyer: true, isMaker: true, isBestMatch: true
      })
    })

    it('a resting SELL fills when the price walk (step) reaches it', async () => {
      sim.setPrice('ETHUSDT', '3000.00')
      const o = (await order({ symbol: 'ETHUSDT', side: 'SELL', type: 'LIMIT', timeInForce: 'GTC', quantity: '1', price: '3000.05' })).body
      assert.strictEqual(o.status, 'NEW')
      assert.deepStrictEqual(bal('ETH'), { free: '9.00000000', locked: '1.00000000' })
      let steps = 0
      while ((await status(o.orderId, 'ETHUSDT')).status === 'NEW' && steps < 2000) {
        sim.step(20)
        steps += 20
      }
      assert.strictEqual((await status(o.orderId, 'ETHUSDT')).status, 'FILLED', `after ${steps} steps at ${sim.price('ETHUSDT')}`)
      assert.deepStrictEqual(bal('ETH'), { free: '9.00000000', locked: '0.00000000' })
      assert.strictEqual(bal('USDT').free, '102997.04995000', '3000.05 less 0.1%')
    })

    it('a crossing LIMIT takes at once, at or better than its price', async () => {
      const o = (await order({ side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.2', price: '60100' })).body
      assert.strictEqual(o.status, 'FILLED')
      assert.ok(o.fills.every((f) => units(f.price) <= units('60100')))
      assert.strictEqual(bal('USDT').locked, '0.00000000')
      assert.strictEqual(bal('USDT').free, fmt(units('100000') - units(o.cummulativeQuoteQty)))
    })

    it('IOC keeps what it could take and expires the rest; FOK all or nothing; neither rests', async () => {
      const depth = (await fetch(`${sim.url}/api/v3/depth?symbol=BTCUSDT&limit=1`).then((r) => r.json()))
      const [askPrice, askQty] = depth.asks[0]
      const ioc = (await order({ side: 'BUY', type: 'LIMIT', timeInForce: 'IOC', quantity: '1.5', price: askPrice })).body
      assert.strictEqual(ioc.status, 'EXPIRED', JSON.stringify(ioc))
      assert.strictEqual(ioc.executedQty, askQty)
      const fok = (await order({ side: 'BUY', type: 'LIMIT', timeInForce: 'FOK', quantity: '1.2', price: askPrice })).body
      assert.strictEqual(fok.status, 'EXPIRED', JSON.stringify(fok))
      assert.strictEqual(fok.executedQty, '0.00000000')
      const away = (await order({ side: 'BUY', type: 'LIMIT', timeInForce: 'IOC', quantity: '0.01', price: '50000', newOrderRespType: 'RESULT' })).body
      assert.strictEqual(away.status, 'EXPIRED')
      assert.strictEqual(away.expiryReason, 'UNFILLED_IOC_QUANTITY_EXPIRED')
      assert.strictEqual((await status(fok.orderId)).expiryReason, 'UNFILLED_FOK_ORDER_EXPIRED')
      assert.strictEqual(bal('USDT').locked, '0.00000000')
      assert.deepStrictEqual((await signed(sim, 'GET', '/api/v3/openOrders', {})).body, [])
    })

    it('LIMIT_MAKER rests (ACK by default) or is refused if it would take', async () => {
      refused(await order({ side: 'BUY', type: 'LIMIT_MAKER', quantity: '0.01', price: '60000.01' }), -2010, 'Order would immediately match and take.')
      refused(await order({ side: 'SELL', type: 'LIMIT_MAKER', quantity: '0.01', price: '60000' }), -2010, 'Order would immediately match and take.')
      const o = (await order({ side: 'SELL', type: 'LIMIT_MAKER', quantity: '0.01', price: '60000.01' })).body
      assert.deepStrictEqual(Object.keys(o), ['symbol', 'orderId', 'orderListId', 'clientOrderId', 'transactTime'])
      assert.strictEqual((await status(o.orderId)).status, 'NEW')
    })

    it('iceberg quantity is echoed and checked against ICEBERG_PARTS', async () => {
      const o = (await order({ side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price: '59000', icebergQty: '0.002', newOrderRespType: 'RESULT' })).body
      assert.strictEqual(o.icebergQty, '0.00200000')
      assert.strictEqual((await order({ side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price: '59000', icebergQty: '0.0001' })).status, 200, '100 parts are allowed')
      refused(await order({ side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price: '59000', icebergQty: '0.00009' }), -1013, 'Filter failure: ICEBERG_PARTS')
      refused(await order({ side: 'BUY', type: 'LIMIT', timeInForce: 'IOC', quantity: '0.01', price: '59000', icebergQty: '0.002' }), -2010, 'Unsupported order combination')
    })
  })

  describe('stop and take-profit orders', function () {
    it('STOP_LOSS SELL: refused if it would trigger now, otherwise waits and sells when the price falls through', async () => {
      refused(await order({ side: 'SELL', type: 'STOP_LOSS', quantity: '0.1', stopPrice: '60500' }), -2010, 'Order would trigger immediately.')
      const o = (await order({ side: 'SELL', type: 'STOP_LOSS', quantity: '0.1', stopPrice: '59000', newOrderRespType: 'RESULT' })).body
      assert.strictEqual(o.status, 'NEW')
      assert.strictEqual(o.stopPrice, '59000.00000000')
      assert.strictEqual(o.workingTime, -1)
      assert.deepStrictEqual(bal('BTC'), { free: '1.90000000', locked: '0.10000000' })
      sim.setPrice('BTCUSDT', '59500.00')
      assert.strictEqual((await status(o.orderId)).isWorking, false)
      sim.setPrice('BTCUSDT', '58000.00')
      const done = await status(o.orderId)
      assert.strictEqual(done.status, 'FILLED')
      assert.strictEqual(done.isWorking, true)
      assert.ok(done.workingTime > 0)
      const avg = Number(done.cummulativeQuoteQty) / 0.1
      assert.ok(avg <= 58000 && avg > 57900, `a gap through the stop fills at the market it gapped to, got ${avg}`)
      assert.strictEqual(bal('BTC').locked, '0.00000000')
    })

    it('STOP_LOSS_LIMIT BUY and TAKE_PROFIT_LIMIT SELL trigger into limit orders', async () => {
      const stop = (await order({ side: 'BUY', type: 'STOP_LOSS_LIMIT', timeInForce: 'GTC', quantity: '0.1', price: '61100', stopPrice: '61000' })).body
      const tp = (await order({ side: 'SELL', type: 'TAKE_PROFIT_LIMIT', timeInForce: 'GTC', quantity: '0.1', price: '62000', stopPrice: '61500' })).body
      assert.deepStrictEqual(bal('USDT'), { free: '93890.00000000', locked: '6110.00000000' })
      sim.setPrice('BTCUSDT', '61200.00')
      const resting = await status(stop.orderId)
      assert.deepStrictEqual([resting.status, resting.isWorking], ['NEW', true], 'a buy at 61100 rests once the market gapped to 61200 through its stop')
      assert.ok(resting.workingTime > 0)
      const waiting = await status(tp.orderId)
      assert.strictEqual(waiting.status, 'NEW')
      assert.strictEqual(waiting.isWorking, false)
      sim.setPrice('BTCUSDT', '61600.00')
      const working = await status(tp.orderId)
      assert.strictEqual(working.status, 'NEW', 'a sell at 62000 rests once triggered at 61500')
      assert.strictEqual(working.isWorking, true)
      sim.setPrice('BTCUSDT', '62000.00')
      assert.strictEqual((await status(tp.orderId)).status, 'FILLED')
      sim.setPrice('BTCUSDT', '61050.00')
      const bought = await status(stop.orderId)
      assert.deepStrictEqual([bought.status, bought.cummulativeQuoteQty], ['FILLED', '6110.00000000'], 'filled at its limit when the price came back through it')
      assert.strictEqual(bal('USDT').locked, '0.00000000')
      assert.strictEqual(bal('BTC').locked, '0.00000000')
    })

    it('TAKE_PROFIT BUY fires when the price falls to its stop', async () => {
      refused(await order({ side: 'BUY', type: 'TAKE_PROFIT', quantity: '0.1', stopPrice: '60500' }), -2010, 'Order would trigger immediately.')
      const o = (await order({ side: 'BUY', type: 'TAKE_PROFIT', quantity: '0.1', stopPrice: '59000' })).body
      sim.setPrice('BTCUSDT', '58990.00')
      assert.strictEqual((await status(o.orderId)).status, 'FILLED')
    })

    it('trailing STOP_LOSS SELL tracks the highest price and fires trailingDelta BIPS below it', async () => {
      const o = (await order({ side: 'SELL', type: 'STOP_LOSS', quantity: '0.1', trailingDelta: 100, newOrderRespType: 'RESULT' })).body
      assert.strictEqual(o.trailingDelta, 100)
      assert.ok(o.trailingTime > 0, 'tracking starts at once without stopPrice')
      sim.setPrice('BTCUSDT', '62000.00')
      sim.setPrice('BTCUSDT', '61400.00')
      assert.strictEqual((await status(o.orderId)).status, 'NEW', '0.97% below the high')
      sim.setPrice('BTCUSDT', '61300.00')
      const done = await status(o.orderId)
      assert.strictEqual(done.status, 'FILLED')
      assert.strictEqual(done.trailingDelta, 100)
    })

    it('trailing TAKE_PROFIT BUY with a stopPrice starts tracking only once the stop is reached', async () => {
      const o = (await order({ side: 'BUY', type: 'TAKE_PROFIT', quantity: '0.1', stopPrice: '59000', trailingDelta: 200, newOrderRespType: 'RESULT' })).body
      assert.strictEqual(o.trailingTime, -1)
      sim.setPrice('BTCUSDT', '58000.00')
      const tracking = await status(o.orderId)
      assert.ok(tracking.trailingTime > 0)
      assert.strictEqual(tracking.status, 'NEW')
      sim.setPrice('BTCUSDT', '59100.00')
      assert.strictEqual((await status(o.orderId)).status, 'NEW', '1.9% above the low')
      sim.setPrice('BTCUSDT', '59200.00')
      assert.strictEqual((await status(o.orderId)).status, 'FILLED')
    })

    it('TRAILING_DELTA and MAX_NUM_ALGO_ORDERS filters', async () => {
      refused(await order({ side: 'SELL', type: 'STOP_LOSS', quantity: '0.01', trailingDelta: 5 }), -1013, 'Filter failure: TRAILING_DELTA')
      refused(await order({ side: 'SELL', type: 'STOP_LOSS', quantity: '0.01', trailingDelta: 2001 }), -1013, 'Filter failure: TRAILING_DELTA')
      for (let i = 0; i < 5; i++) assert.strictEqual((await order({ side: 'SELL', type: 'STOP_LOSS', quantity: '0.01', stopPrice: String(50000 + i) })).status, 200)
      refused(await order({ side: 'SELL', type: 'STOP_LOSS', quantity: '0.01', stopPrice: '50010' }), -1013, 'Filter failure: MAX_NUM_ALGO_ORDERS')
    })
  })

  describe('client order ids, response types and test orders', function () {
    it('newClientOrderId is echoed, a duplicate of an open order is refused, and freed once it is done', async () => {
      const params = { side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price: '59000', newClientOrderId: 'mine-1' }
      const o = (await order(params)).body
      assert.strictEqual(o.clientOrderId, 'mine-1')
      refused(await order(params), -2010, 'Duplicate order sent.')
      assert.strictEqual((await signed(sim, 'GET', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'mine-1' })).body.orderId, o.orderId)
      await signed(sim, 'DELETE', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'mine-1' })
      assert.strictEqual((await order(params)).status, 200)
      const bad = await order({ ...params, newClientOrderId: 'has space' })
      assert.strictEqual(bad.body.code, -1100)
    })

    it('newOrderRespType ACK, RESULT and FULL shapes', async () => {
      const base = { side: 'BUY', type: 'MARKET', quantity: '0.001' }
      assert.deepStrictEqual(Object.keys((await order({ ...base, newOrderRespType: 'ACK' })).body), ['symbol', 'orderId', 'orderListId', 'clientOrderId', 'transactTime'])
      const result = (await order({ ...base, newOrderRespType: 'RESULT' })).body
      assert.deepStrictEqual(Object.keys(result), FULL_KEYS.filter((k) => k !== 'fills'))
      assert.deepStrictEqual(Object.keys((await order(base)).body), FULL_KEYS)
      refused(await order({ ...base, newOrderRespType: 'ALL' }), -1130, "Data sent for parameter 'newOrderRespType' is not valid.")
    })

    it('order/test validates like an order, answers {} (or commission rates) and changes nothing', async () => {
      const test = (params) => signed(sim, 'POST', '/api/v3/order/test', { symbol: 'BTCUSDT', ...params })
      assert.deepStrictEqual((await test({ side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price: '59000' })).body, {})
      const rates = (await test({ side: 'BUY', type: 'MARKET', quantity: '0.01', computeCommissionRates: 'true' })).body
      assert.deepStrictEqual(rates, {
        standardCommissionForOrder: { maker: '0.00100000', taker: '0.00100000' },
        specialCommissionForOrder: { maker: '0.00000000', taker: '0.00000000' },
        taxCommissionForOrder: { maker: '0.00000000', taker: '0.00000000' },
        discount: { enabledForAccount: false, enabledForSymbol: true, discountAsset: 'BNB', discount: '0.25000000' }
      })
      refused(await test({ side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price: '59000.001' }), -1013, 'Filter failure: PRICE_FILTER')
      refused(await test({ side: 'BUY', type: 'MARKET', quantity: '50' }), -2010, 'Account has insufficient balance for requested action.')
      assert.deepStrictEqual(bal('USDT'), { free: '100000.00000000', locked: '0.00000000' })
      assert.deepStrictEqual((await signed(sim, 'GET', '/api/v3/allOrders', { symbol: 'BTCUSDT' })).body, [])
    })
  })

  describe('queries and cancels', function () {
    it('GET and DELETE /order: lookup errors', async () => {
      refused(await signed(sim, 'GET', '/api/v3/order', { symbol: 'BTCUSDT', orderId: 999 }), -2013, 'Order does not exist.')
      refused(await signed(sim, 'GET', '/api/v3/order', { symbol: 'BTCUSDT' }), -1102, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!")
      refused(await signed(sim, 'GET', '/api/v3/order', { symbol: 'NOPE', orderId: 1 }), -1121, 'Invalid symbol.')
      refused(await signed(sim, 'DELETE', '/api/v3/order', { symbol: 'BTCUSDT', orderId: 999 }), -2011, 'Unknown order sent.')
      const filled = (await order({ side: 'BUY', type: 'MARKET', quantity: '0.001' })).body
      refused(await signed(sim, 'DELETE', '/api/v3/order', { symbol: 'BTCUSDT', orderId: filled.orderId }), -2011, 'Unknown order sent.')
      const o = (await order({ side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price: '59000', newClientOrderId: 'abc' })).body
      refused(await signed(sim, 'GET', '/api/v3/order', { symbol: 'BTCUSDT', orderId: o.orderId, origClientOrderId: 'xyz' }), -2039, 'Client order ID is not correct for this order ID.')
      refused(await signed(sim, 'DELETE', '/api/v3/order', { symbol: 'BTCUSDT', orderId: o.orderId, cancelRestrictions: 'SOMETIMES' }), -1145, 'Invalid cancelRestrictions')
    })

    it('DELETE /order answers Binance\'s cancel shape and releases the locked funds', async () => {
      const o = (await order({ side: 'SELL', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.3', price: '61000', newClientOrderId: 'sell-1' })).body
      assert.strictEqual(bal('BTC').locked, '0.30000000')
      const res = await signed(sim, 'DELETE', '/api/v3/order', { symbol: 'BTCUSDT', orderId: o.orderId, newClientOrderId: 'cancel-1' })
      assert.deepStrictEqual(Object.keys(res.body), ['symbol', 'origClientOrderId', 'orderId', 'orderListId', 'clientOrderId', 'transactTime', 'price', 'origQty',
        'executedQty', 'origQuoteOrderQty', 'cummulativeQuoteQty', 'status', 'timeInForce', 'type', 'side', 'selfTradePreventionMode'])
      assert.strictEqual(res.body.origClientOrderId, 'sell-1')
      assert.strictEqual(res.body.clientOrderId, 'cancel-1')
      assert.strictEqual(res.body.status, 'CANCELED')
      assert.deepStrictEqual(bal('BTC'), { free: '2.00000000', locked: '0.00000000' })
      assert.strictEqual((await status(o.orderId)).status, 'CANCELED')
      refused(await signed(sim, 'DELETE', '/api/v3/order', { symbol: 'BTCUSDT', orderId: o.orderId }), -2011, 'Unknown order sent.')
    })

    it('DELETE /openOrders cancels every open order of the symbol, or -2011 if there is none', async () => {
      await order({ side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price: '59000' })
      await order({ side: 'SELL', type: 'STOP_LOSS', quantity: '0.01', stopPrice: '58000' })
      sim.setPrice('ETHUSDT', '3000.00')
      const eth = (await order({ symbol: 'ETHUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '1', price: '2900' })).body
      const cancelled = (await signed(sim, 'DELETE', '/api/v3/openOrders', { symbol: 'BTCUSDT' })).body
      assert.deepStrictEqual(cancelled.map((c) => [c.type, c.status]), [['LIMIT', 'CANCELED'], ['STOP_LOSS', 'CANCELED']])
      assert.deepStrictEqual((await signed(sim, 'GET', '/api/v3/openOrders', {})).body.map((o) => o.orderId), [eth.orderId])
      refused(await signed(sim, 'DELETE', '/api/v3/openOrders', { symbol: 'BTCUSDT' }), -2011, 'Unknown order sent.')
      assert.strictEqual(bal('BTC').locked, '0.00000000')
      assert.strictEqual(bal('USDT').locked, '2900.00000000')
    })

    it('allOrders and myTrades: paging by id, time windows, limits and refused combinations', async () => {
      const ids = []
      for (let i = 0; i < 4; i++) ids.push((await order({ side: 'BUY', type: 'MARKET', quantity: '0.001' })).body.orderId)
      const all = (await signed(sim, 'GET', '/api/v3/allOrders', { symbol: 'BTCUSDT' })).body
      assert.deepStrictEqual(all.map((o) => o.orderId), ids)
      assert.deepStrictEqual((await signed(sim, 'GET', '/api/v3/allOrders', { symbol: 'BTCUSDT', orderId: ids[1], limit: 2 })).body.map((o) => o.orderId), ids.slice(1, 3))
      assert.deepStrictEqual((await signed(sim, 'GET', '/api/v3/allOrders', { symbol: 'BTCUSDT', limit: 2 })).body.map((o) => o.orderId), ids.slice(2))
      assert.strictEqual((await signed(sim, 'GET', '/api/v3/allOrders', { symbol: 'BTCUSDT', startTime: Date.now() + 60000 })).body.length, 0)
      refused(await signed(sim, 'GET', '/api/v3/allOrders', { symbol: 'BTCUSDT', startTime: 1, endTime: 86400002 }), -1127, 'More than 24 hours between startTime and endTime.')
      const trades = (await signed(sim, 'GET', '/api/v3/myTrades', { symbol: 'BTCUSDT' })).body
      assert.ok(trades.length >= 4)
      const from = (await signed(sim, 'GET', '/api/v3/myTrades', { symbol: 'BTCUSDT', fromId: trades[1].id, limit: 2 })).body
      assert.deepStrictEqual(from.map((t) => t.id), [trades[1].id, trades[2].id])
      const ofOrder = (await signed(sim, 'GET', '/api/v3/myTrades', { symbol: 'BTCUSDT', orderId: ids[3] })).body
      assert.ok(ofOrder.length >= 1 && ofOrder.every((t) => t.orderId === ids[3]))
      refused(await signed(sim, 'GET', '/api/v3/myTrades', { symbol: 'BTCUSDT', fromId: 1, startTime: 1 }), -1128, 'Combination of optional parameters invalid.')
    })
  })

  describe('OCO order lists', function () {
    const oco = (params) => signed(sim, 'POST', '/api/v3/orderList/oco', { symbol: 'BTCUSDT', ...params })
    const SELL_OCO = { side: 'SELL', quantity: '0.2', aboveType: 'LIMIT_MAKER', abovePrice: '63000', belowType: 'STOP_LOSS_LIMIT', belowStopPrice: '57000', belowPrice: '56900', belowTimeInForce: 'GTC' }

    it('SELL OCO: Binance\'s list shape, quantity locked once, listed as open', async () => {
      const res = await oco({ ...SELL_OCO, newOrderRespType: 'RESULT', listClientOrderId: 'list-1' })
      assert.strictEqual(res.status, 200, JSON.stringify(res.body))
      const list = res.body
      assert.deepStrictEqual(Object.keys(list), ['orderListId', 'contingencyType', 'listStatusType', 'listOrderStatus', 'listClientOrderId', 'transactionTime', 'symbol', 'orders', 'orderReports'])
      assert.deepStrictEqual([list.contingencyType, list.listStatusType, list.listOrderStatus, list.listClientOrderId], ['OCO', 'EXEC_STARTED', 'EXECUTING', 'list-1'])
      // Binance lists the stop-loss order of the pair first (rest-api.md's OCO examples).
      assert.deepStrictEqual(list.orderReports.map((r) => [r.type, r.status, r.orderListId]), [['STOP_LOSS_LIMIT', 'NEW', list.orderListId], ['LIMIT_MAKER', 'NEW', list.orderListId]])
      assert.deepStrictEqual(list.orders.map((o) => Object.keys(o)), [['symbol', 'orderId', 'clientOrderId'], ['symbol', 'orderId', 'clientOrderId']])
      const [stop, maker] = list.orderReports
      assert.strictEqual(maker.workingTime, list.transactionTime)
      assert.strictEqual(stop.workingTime, -1)
      assert.strictEqual(stop.stopPrice, '57000.00000000')
      assert.deepStrictEqual(bal('BTC'), { free: '1.80000000', locked: '0.20000000' })
      const open = (await signed(sim, 'GET', '/api/v3/openOrderList')).body
      assert.deepStrictEqual(open.map((l) => l.orderListId), [list.orderListId])
      assert.ok(!('orderReports' in open[0]))
      assert.strictEqual((await signed(sim, 'GET', '/api/v3/openOrders', { symbol: 'BTCUSDT' })).body.length, 2)
      assert.strictEqual((await signed(sim, 'GET', '/api/v3/orderList', { orderListId: list.orderListId })).body.listClientOrderId, 'list-1')
    })

    it('when the limit leg fills the stop leg expires, and the list is done', async () => {
      const list = (await oco(SELL_OCO)).body
      assert.deepStrictEqual(Object.keys(list.orderReports[0]), ['symbol', 'orderId', 'orderListId', 'clientOrderId', 'transactTime'], 'ACK reports by default')
      sim.setPrice('BTCUSDT', '63100.00')
      const [stop, maker] = list.orders
      assert.strictEqual((await status(maker.orderId)).status, 'FILLED')
      const expired = await status(stop.orderId)
      assert.strictEqual(expired.status, 'EXPIRED')
      assert.deepStrictEqual(bal('BTC'), { free: '1.80000000', locked: '0.00000000' })
      assert.strictEqual(bal('USDT').free, fmt(units('100000') + units('12600') - units('12.6')))
      const done = (await signed(sim, 'GET', '/api/v3/orderList', { orderListId: list.orderListId })).body
      assert.deepStrictEqual([done.listStatusType, done.listOrderStatus], ['ALL_DONE', 'ALL_DONE'])
      assert.deepStrictEqual((await signed(sim, 'GET', '/api/v3/openOrderList')).body, [])
    })

    it('when the stop leg triggers the limit leg expires', async () => {
      const list = (await oco(SELL_OCO)).body
      sim.setPrice('BTCUSDT', '56800.00')
      const [stop, maker] = list.orders
      assert.strictEqual((await status(maker.orderId)).status, 'EXPIRED')
      assert.deepStrictEqual([(await status(stop.orderId)).status, bal('BTC').locked], ['NEW', '0.20000000'], 'its limit at 56900 rests above the market it gapped to')
      sim.setPrice('BTCUSDT', '56950.00')
      assert.strictEqual((await status(stop.orderId)).status, 'FILLED')
      assert.strictEqual(bal('BTC').locked, '0.00000000')
    })

    it('BUY OCO with a stop above and a limit below; cancelling one leg cancels the list', async () => {
      const list = (await oco({ side: 'BUY', quantity: '0.1', aboveType: 'STOP_LOSS', aboveStopPrice: '61000', belowType: 'LIMIT_MAKER', belowPrice: '59000', newOrderRespType: 'FULL' })).body
      assert.deepStrictEqual(list.orderReports.map((r) => r.type), ['STOP_LOSS', 'LIMIT_MAKER'])
      assert.deepStrictEqual(list.orderReports[1].fills, [])
      assert.strictEqual(bal('USDT').locked, '6100.00000000', 'the larger of the two legs')
      const res = await signed(sim, 'DELETE', '/api/v3/order', { symbol: 'BTCUSDT', orderId: list.orders[1].orderId })
      assert.strictEqual(res.body.listStatusType, 'ALL_DONE')
      assert.deepStrictEqual(res.body.orderReports.map((r) => r.status), ['CANCELED', 'CANCELED'])
      assert.strictEqual(bal('USDT').locked, '0.00000000')
    })

    it('DELETE /orderList by id or client id', async () => {
      const a = (await oco({ ...SELL_OCO, listClientOrderId: 'a' })).body
      const b = (await oco({ ...SELL_OCO, listClientOrderId: 'b' })).body
      const byId = (await signed(sim, 'DELETE', '/api/v3/orderList', { symbol: 'BTCUSDT', orderListId: a.orderListId })).body
      assert.deepStrictEqual([byId.listStatusType, byId.orderReports.map((r) => r.status).join()], ['ALL_DONE', 'CANCELED,CANCELED'])
      const byClient = (await signed(sim, 'DELETE', '/api/v3/orderList', { symbol: 'BTCUSDT', listClientOrderId: 'b' })).body
      assert.strictEqual(byClient.orderListId, b.orderListId)
      refused(await signed(sim, 'DELETE', '/api/v3/orderList', { symbol: 'BTCUSDT', orderListId: a.orderListId }), -2011, 'Unknown order sent.')
      refused(await signed(sim, 'DELETE', '/api/v3/orderList', { symbol: 'BTCUSDT' }), -1102, "Param 'orderListId' or 'listClientOrderId' must be sent, but both were empty/null!")
      assert.strictEqual(bal('BTC').locked, '0.00000000')
    })

    it('refuses legs of the wrong kind or on the wrong side of the price', async () => {
      refused(await oco({ ...SELL_OCO, abovePrice: '59000' }), -2010, 'The relationship of the prices for the orders is not correct.')
      refused(await oco({ ...SELL_OCO, belowType: 'STOP_LOSS', belowTimeInForce: undefined }), -1106, "Parameter 'belowPrice' sent when not required.")
      refused(await oco({ side: 'SELL', quantity: '0.2', aboveType: 'STOP_LOSS', aboveStopPrice: '63000', belowType: 'STOP_LOSS', belowStopPrice: '57000' }), -1197, 'A stop loss order in a sell OCO must be below.')
      refused(await oco({ side: 'BUY', quantity: '0.2', aboveType: 'LIMIT_MAKER', abovePrice: '63000', belowType: 'LIMIT_MAKER', belowPrice: '57000' }), -1168, 'At least one OCO order must be contingent.')
      refused(await oco({ side: 'BUY', quantity: '0.2', aboveType: 'LIMIT_MAKER', abovePrice: '63000', belowType: 'STOP_LOSS', belowStopPrice: '57000' }), -1165, 'A limit order in a buy OCO must be below.')
      refused(await oco({ ...SELL_OCO, belowTimeInForce: undefined }), -1102, "Mandatory parameter 'belowTimeInForce' was not sent, was empty/null, or malformed.")
      refused(await oco({ ...SELL_OCO, aboveType: 'MARKET' }), -1158, 'Order type not supported in OCO.')
      refused(await oco({ ...SELL_OCO, quantity: '3' }), -2010, 'Account has insufficient balance for requested action.')
    })
  })

  describe('parameter validation and filters', function () {
    const cases = [
      [{ side: 'BUY', type: 'MARKET', quantity: '0.01', price: '60000' }, -1106, "Parameter 'price' sent when not required."],
      [{ side: 'BUY', type: 'MARKET', quantity: '0.01', timeInForce: 'GTC' }, -1114, 'TimeInForce parameter sent when not required.'],
      [{ side: 'BUY', type: 'MARKET' }, -1102, "Param 'quantity' or 'quoteOrderQty' must be sent, but both were empty/null!"],
      [{ side: 'BUY', type: 'MARKET', quantity: '0.01', quoteOrderQty: '10' }, -1106, "Parameter 'quoteOrderQty' sent when not required."],
      [{ side: 'BUY', type: 'LIMIT', quantity: '0.01', price: '59000' }, -1102, "Mandatory parameter 'timeInForce' was not sent, was empty/null, or malformed."],
      [{ side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01' }, -1102, "Mandatory parameter 'price' was not sent, was empty/null, or malformed."],
      [{ side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price: '59000', stopPrice: '1' }, -1106, "Parameter 'stopPrice' sent when not required."],
      [{ side: 'BUY', type: 'LIMIT', timeInForce: 'GTD', quantity: '0.01', price: '59000' }, -1115, 'Invalid timeInForce.'],
      [{ side: 'SELL', type: 'STOP_LOSS', quantity: '0.01' }, -1102, "Param 'stopPrice' or 'trailingDelta' must be sent, but both were empty/null!"],
      [{ side: 'HOLD', type: 'MARKET', quantity: '0.01' }, -1117, 'Invalid side.'],
      [{ side: 'BUY', type: 'YOLO', quantity: '0.01' }, -1116, 'Invalid orderType.'],
      [{ type: 'MARKET', quantity: '0.01' }, -1102, "Mandatory parameter 'side' was not sent, was empty/null, or malformed."],
      [{ side: 'BUY', type: 'MARKET', quantity: '0.000000001' }, -1111, "Parameter 'quantity' has too much precision."],
      [{ side: 'BUY', type: 'MARKET', quantity: '-1' }, -1100, "Illegal characters found in parameter 'quantity'; legal range is '^([0-9]{1,20})(\\.[0-9]{1,20})?$'."],
      [{ side: 'BUY', type: 'MARKET', quantity: '0.01', foo: 'bar' }, -1104, "Not all sent parameters were read; read '6' parameter(s) but was sent '7'."],
      [{ symbol: 'NOPEUSDT', side: 'BUY', type: 'MARKET', quantity: '0.01' }, -1121, 'Invalid symbol.'],
      [{ side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price: '59000.000000001' }, -1111, "Parameter 'price' has too much precision."],
      [{ side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price: '59000.005' }, -1013, 'Filter failure: PRICE_FILTER'],
      [{ side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.000015', price: '59000' }, -1013, 'Filter failure: LOT_SIZE'],
      [{ side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '9001', price: '59000' }, -1013, 'Filter failure: LOT_SIZE'],
      [{ side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.00005', price: '59000' }, -1013, 'Filter failure: NOTIONAL'],
      [{ side: 'BUY', type: 'MARKET', quoteOrderQty: '4.99' }, -1013, 'Filter failure: NOTIONAL'],
      [{ side: 'BUY', type: 'MARKET', quantity: '121' }, -1013, 'Filter failure: MARKET_LOT_SIZE'],
      [{ side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price: '400000' }, -1013, 'Filter failure: PERCENT_PRICE_BY_SIDE'],
      [{ side: 'SELL', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price: '11000' }, -1013, 'Filter failure: PERCENT_PRICE_BY_SIDE']
    ]
    for (const [params, code, msg] of cases) {
      it(`${JSON.stringify(params)} → ${code}`, async () => refused(await order(params), code, msg))
    }

    it('the ORDERS limit: 100 new orders per 10 seconds, counted in X-MBX-ORDER-COUNT-10S', async function () {
      const intoWindow = 10000 - (Date.now() % 10000)
      if (intoWindow < 4000) await new Promise((resolve) => setTimeout(resolve, intoWindow + 50))
      let last
      for (let i = 1; i <= 100; i++) {
        last = await order({ side: 'BUY', type: 'MARKET', quantity: '0.0001' })
        assert.strictEqual(last.status, 200)
      }
      assert.strictEqual(last.headers.get('x-mbx-order-count-10s'), '100')
      const over = await order({ side: 'BUY', type: 'MARKET', quantity: '0.0001' })
      assert.strictEqual(over.status, 429)
      assert.deepStrictEqual(over.body, { code: -1015, msg: 'Too many new orders; current limit is 100 orders per 10 SECOND.' })
      assert.ok(Number(over.headers.get('retry-after')) >= 1)
      const usage = (await signed(sim, 'GET', '/api/v3/rateLimit/order')).body
      assert.deepStrictEqual(usage[0], { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 100, count: 100 })
    })
  })

  it('balances stay exact through a mix of trades: free + locked + spent always add up', async () => {
    const start = { USDT: units('100000'), BTC: units('2') }
    const fills = []
    const place = async (params) => {
      const o = (await order({ newOrderRespType: 'FULL', ...params })).body
      fills.push(...(o.fills || []).map((f) => ({ ...f, side: params.side })))
      return o
    }
    await place({ side: 'BUY', type: 'MARKET', quantity: '0.12345' })
    await place({ side: 'SELL', type: 'MARKET', quoteOrderQty: '777.77' })
    await place({ side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.0333', price: '60000.07' })
    const resting = await place({ side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01111', price: '59876.54' })
    await place({ side: 'SELL', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.02222', price: '60123.45' })
    let usdt = start.USDT
    let btc = start.BTC
    for (const f of fills) {
      const quote = (units(f.price) * units(f.qty)) / 100000000n
      if (f.side === 'BUY') { usdt -= quote; btc += units(f.qty) - units(f.commission) } else { usdt += quote - units(f.commission); btc -= units(f.qty) }
    }
    const lockedUsdt = (units('59876.54') * units('0.01111') + 99999999n) / 100000000n
    assert.strictEqual(units(bal('USDT').locked), lockedUsdt)
    assert.strictEqual(units(bal('USDT').free), usdt - lockedUsdt)
    assert.strictEqual(units(bal('BTC').locked), units('0.02222'))
    assert.strictEqual(units(bal('BTC').free), btc - units('0.02222'))
    await signed(sim, 'DELETE', '/api/v3/order', { symbol: 'BTCUSDT', orderId: resting.orderId })
    assert.strictEqual(units(bal('USDT').free), usdt)
  })
})

