'use strict'
// Order lists (OTO, OTOCO, OPO, OPOCO, the deprecated OCO), cancel-replace and
// amend keeping priority, over HTTP on a manual clock.
const assert = require('assert')
const { startSimulator } = require('../dist/simulator')
const { signer, get, units, fmt, record } = require('./support/binance')

const START = Date.UTC(2026, 0, 5, 12)
const TRADER = { apiKey: 'lister', apiSecret: 'lister-secret', balances: { USDT: '100000', BTC: '2' } }

describe('simulator order lists, replace and amend', function () {
  let sim
  let call
  beforeEach(async () => {
    sim = await startSimulator({ clock: 'manual', startTime: START, tickMs: 0, accounts: [TRADER] })
    sim.setPrice('BTCUSDT', '60000.00')
    call = signer(sim, TRADER)
  })
  afterEach(async () => { await sim.close() })

  const bal = (asset) => sim.balances(TRADER.apiKey)[asset]
  const status = (orderId) => call('GET', '/api/v3/order', { symbol: 'BTCUSDT', orderId }).then((r) => r.body)
  const openOrders = () => call('GET', '/api/v3/openOrders', { symbol: 'BTCUSDT' }).then((r) => r.body)
  const WORKING_BUY = { symbol: 'BTCUSDT', workingType: 'LIMIT', workingSide: 'BUY', workingPrice: '59990', workingQuantity: '0.1', workingTimeInForce: 'GTC' }

  describe('OTO and OTOCO', function () {
    it('OTO: only the working order goes on the book; the pending one is placed when it has filled', async () => {
      const seen = record(sim)
      const res = await call('POST', '/api/v3/orderList/oto', { ...WORKING_BUY, pendingType: 'LIMIT', pendingSide: 'SELL', pendingPrice: '61000', pendingQuantity: '0.1', pendingTimeInForce: 'GTC', newOrderRespType: 'RESULT' })
      assert.strictEqual(res.status, 200, JSON.stringify(res.body))
      const list = res.body
      assert.deepStrictEqual([list.contingencyType, list.listStatusType, list.listOrderStatus], ['OTO', 'EXEC_STARTED', 'EXECUTING'])
      const [working, pending] = list.orderReports
      assert.deepStrictEqual([working.status, working.type, pending.status, pending.workingTime], ['NEW', 'LIMIT', 'PENDING_NEW', -1])
      assert.deepStrictEqual((await openOrders()).map((o) => [o.orderId, o.status]), [[working.orderId, 'NEW'], [pending.orderId, 'PENDING_NEW']])
      assert.deepStrictEqual(bal('USDT').locked, '5999.00000000', 'only the working order holds funds')
      assert.deepStrictEqual(bal('BTC').locked, '0.00000000')

      sim.setPrice('BTCUSDT', '59980.00')
      assert.strictEqual((await status(working.orderId)).status, 'FILLED')
      const placed = await status(pending.orderId)
      assert.deepStrictEqual([placed.status, placed.isWorking], ['NEW', true])
      assert.deepStrictEqual(bal('BTC'), { free: '1.99990000', locked: '0.10000000' }, '0.0999 received, 0.1 held for the sell')
      const statuses = seen.of(TRADER.apiKey, 'listStatus').map((e) => [e.l, e.L])
      assert.deepStrictEqual(statuses, [['EXEC_STARTED', 'EXECUTING'], ['EXEC_STARTED', 'EXECUTING']])
      const pendingReports = seen.of(TRADER.apiKey, 'executionReport').filter((e) => e.i === pending.orderId).map((e) => [e.x, e.X, e.w])
      assert.deepStrictEqual(pendingReports, [['NEW', 'PENDING_NEW', false], ['NEW', 'NEW', true]])
    })

    it('OTO: cancelling the pending order cancels the working one too; a working order that expires takes the pending one with it', async () => {
      const list = (await call('POST', '/api/v3/orderList/oto', { ...WORKING_BUY, pendingType: 'MARKET', pendingSide: 'SELL', pendingQuantity: '0.1' })).body
      const cancel = (await call('DELETE', '/api/v3/order', { symbol: 'BTCUSDT', orderId: list.orders[1].orderId })).body
      assert.deepStrictEqual([cancel.listStatusType, cancel.orderReports.map((r) => r.status)], ['ALL_DONE', ['CANCELED', 'CANCELED']])
      assert.strictEqual(bal('USDT').locked, '0.00000000')

      const ioc = (await call('POST', '/api/v3/orderList/oto', { ...WORKING_BUY, workingTimeInForce: 'IOC', pendingType: 'MARKET', pendingSide: 'SELL', pendingQuantity: '0.1' })).body
      const pending = await status(ioc.orders[1].orderId)
      assert.deepStrictEqual([pending.status, pending.expiryReason], ['EXPIRED', 'OTO_PHASE_ONE_EXPIRED'])
    })

    it('OTOCO: once the working order fills, the pending pair works as an OCO', async () => {
      const list = (await call('POST', '/api/v3/orderList/otoco', {
        ...WORKING_BUY, pendingSide: 'SELL', pendingQuantity: '0.1', pendingAboveType: 'LIMIT_MAKER', pendingAbovePrice: '62000', pendingBelowType: 'STOP_LOSS', pendingBelowStopPrice: '59000', newOrderRespType: 'RESULT'
      })).body
      assert.deepStrictEqual(list.orderReports.map((r) => [r.type, r.status]), [['LIMIT', 'NEW'], ['STOP_LOSS', 'PENDING_NEW'], ['LIMIT_MAKER', 'PENDING_NEW']])
      sim.setPrice('BTCUSDT', '59980.00')
      assert.deepStrictEqual((await openOrders()).map((o) => [o.type, o.status]), [['STOP_LOSS', 'NEW'], ['LIMIT_MAKER', 'NEW']])
      assert.deepStrictEqual(bal('BTC').locked, '0.10000000', 'the pair holds one quantity')
      sim.setPrice('BTCUSDT', '58990.00')
      const [, stop, maker] = list.orderReports
      assert.strictEqual((await status(stop.orderId)).status, 'FILLED')
      assert.deepStrictEqual([(await status(maker.orderId)).status, (await status(maker.orderId)).expiryReason], ['EXPIRED', 'OCO_TRIGGER'])
      const done = (await call('GET', '/api/v3/orderList', { orderListId: list.orderListId })).body
      assert.deepStrictEqual([done.listStatusType, done.listOrderStatus], ['ALL_DONE', 'ALL_DONE'])
      assert.strictEqual(bal('BTC').locked, '0.00000000')
    })

    it('a pending order that cannot be paid for when its turn comes expires as REJECTED', async () => {
      const list = (await call('POST', '/api/v3/orderList/oto', { ...WORKING_BUY, pendingType: 'LIMIT', pendingSide: 'SELL', pendingPrice: '61000', pendingQuantity: '5', pendingTimeInForce: 'GTC' })).body
      sim.setPrice('BTCUSDT', '59980.00')
      const pending = await status(list.orders[1].orderId)
      assert.deepStrictEqual([pending.status, pending.expiryReason], ['EXPIRED', 'REJECTED'])
    })
  })

  describe('OPO and OPOCO', function () {
    it('OPO: what the working order receives becomes the quantity of the pending one, held for it', async () => {
      const res = await call('POST', '/api/v3/orderList/opo', { ...WORKING_BUY, pendingType: 'LIMIT', pendingSide: 'SELL', pendingPrice: '61000', pendingTimeInForce: 'GTC', newOrderRespType: 'RESULT' })
      assert.strictEqual(res.status, 200, JSON.stringify(res.body))
      const pending = res.body.orderReports[1]
      assert.ok(!('origQty' in pending), 'no quantity before the working order fills')
      sim.setPrice('BTCUSDT', '59980.00')
      const placed = await status(pending.orderId)
      assert.deepStrictEqual([placed.status, placed.origQty], ['NEW', '0.10000000'], 'the whole 0.1: the commission came from other free BTC')
      assert.deepStrictEqual(bal('BTC'), { free: '1.99990000', locked: '0.10000000' })
    })

    it('OPO refuses a selling working order and buying pending orders; OPOCO places a selling pair', async () => {
      const sell = await call('POST', '/api/v3/orderList/opo', { ...WORKING_BUY, workingSide: 'SELL', workingPrice: '60010', pendingType: 'MARKET', pendingSide: 'BUY' })
      assert.deepStrictEqual([sell.status, sell.body], [400, { code: -1222, msg: 'Working order in an OPO list must be a bid.' }])
      const buy = await call('POST', '/api/v3/orderList/opo', { ...WORKING_BUY, pendingType: 'MARKET', pendingSide: 'BUY' })
      assert.deepStrictEqual(buy.body, { code: -1223, msg: 'Pending orders in an OPO list must be asks.' })
      const qty = await call('POST', '/api/v3/orderList/opo', { ...WORKING_BUY, pendingType: 'MARKET', pendingSide: 'SELL', pendingQuantity: '0.1' })
      assert.strictEqual(qty.body.code, -1104, 'an OPO pending order takes no quantity')
      const list = (await call('POST', '/api/v3/orderList/opoco', {
        ...WORKING_BUY, pendingSide: 'SELL', pendingAboveType: 'LIMIT_MAKER', pendingAbovePrice: '62000', pendingBelowType: 'STOP_LOSS_LIMIT', pendingBelowStopPrice: '59000', pendingBelowPrice: '58900', pendingBelowTimeInForce: 'GTC'
      })).body
      sim.setPrice('BTCUSDT', '59980.00')
      const placed = await openOrders()
      assert.deepStrictEqual(placed.map((o) => [o.orderListId, o.type, o.origQty]), [[list.orderListId, 'STOP_LOSS_LIMIT', '0.10000000'], [list.orderListId, 'LIMIT_MAKER', '0.10000000']])
      assert.deepStrictEqual(bal('BTC').locked, '0.10000000')
      await call('DELETE', '/api/v3/orderList', { symbol: 'BTCUSDT', orderListId: list.orderListId })
      assert.deepStrictEqual(bal('BTC'), { free: '2.09990000', locked: '0.00000000' })
    })
  })

  it('the deprecated POST /order/oco places the same pair as orderList/oco', async () => {
    const res = await call('POST', '/api/v3/order/oco', { symbol: 'BTCUSDT', side: 'SELL', quantity: '0.2', price: '63000', stopPrice: '57000', stopLimitPrice: '56900', stopLimitTimeInForce: 'GTC' })
    assert.strictEqual(res.status, 200, JSON.stringify(res.body))
    assert.deepStrictEqual(res.body.orderReports.map((r) => r.orderId).length, 2)
    assert.deepStrictEqual((await openOrders()).map((o) => o.type), ['STOP_LOSS_LIMIT', 'LIMIT_MAKER'])
    assert.deepStrictEqual(bal('BTC').locked, '0.20000000')
    const missing = await call('POST', '/api/v3/order/oco', { symbol: 'BTCUSDT', side: 'SELL', quantity: '0.2', price: '63000', stopPrice: '57000', stopLimitPrice: '56900' })
    assert.deepStrictEqual(missing.body, { code: -1102, msg: "Mandatory parameter 'stopLimitTimeInForce' was not sent, was empty/null, or malformed." })
  })

  describe('cancelReplace', function () {
    const replace = (params) => call('POST', '/api/v3/order/cancelReplace', { symbol: 'BTCUSDT', side: 'SELL', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.4', price: '60100', cancelReplaceMode: 'STOP_ON_FAILURE', ...params })

    it('cancels and places in one request; the new order loses its place in the queue', async () => {
      const old = (await call('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'SELL', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.5', price: '60100', newClientOrderId: 'first' })).body
      const res = await replace({ cancelOrigClientOrderId: 'first', newClientOrderId: 'first', cancelNewClientOrderId: 'undo-1' })
      assert.strictEqual(res.status, 200, JSON.stringify(res.body))
      assert.deepStrictEqual(Object.keys(res.body), ['cancelResult', 'newOrderResult', 'cancelResponse', 'newOrderResponse'])
      assert.deepStrictEqual([res.body.cancelResult, res.body.newOrderResult], ['SUCCESS', 'SUCCESS'])
      assert.deepStrictEqual([res.body.cancelResponse.orderId, res.body.cancelResponse.status, res.body.cancelResponse.clientOrderId], [old.orderId, 'CANCELED', 'undo-1'])
      assert.deepStrictEqual([res.body.newOrderResponse.clientOrderId, res.body.newOrderResponse.status], ['first', 'NEW'])
      assert.deepStrictEqual(bal('BTC'), { free: '1.60000000', locked: '0.40000000' })
    })

    it('STOP_ON_FAILURE answers -2022 when the cancel fails; a failed new order after a cancel is -2021 with HTTP 409', async () => {
      const failed = await replace({ cancelOrderId: 999 })
      assert.strictEqual(failed.status, 400)
      assert.deepStrictEqual(failed.body, {
        code: -2022,
        msg: 'Order cancel-replace failed.',
        data: { cancelResult: 'FAILURE', newOrderResult: 'NOT_ATTEMPTED', cancelResponse: { code: -2011, msg: 'Unknown order sent.' }, newOrderResponse: null }
      })
      const old = (await call('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'SELL', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.5', price: '60100' })).body
      const half = await replace({ cancelOrderId: old.orderId, type: 'LIMIT_MAKER', timeInForce: undefined, price: '59000' })
      assert.strictEqual(half.status, 409)
      assert.deepStrictEqual([half.body.code, half.body.msg, half.body.data.cancelResult, half.body.data.newOrderResult], [-2021, 'Order cancel-replace partially failed.', 'SUCCESS', 'FAILURE'])
      assert.deepStrictEqual(half.body.data.newOrderResponse, { code: -2010, msg: 'Order would immediately match and take.' })
      assert.deepStrictEqual(bal('BTC').locked, '0.00000000')
    })

    it('ALLOW_FAILURE places the new order even when the cancel fails; filters are checked before anything happens', async () => {
      const res = await replace({ cancelReplaceMode: 'ALLOW_FAILURE', cancelOrderId: 999 })
      assert.strictEqual(res.status, 409)
      assert.deepStrictEqual([res.body.code, res.body.data.cancelResult, res.body.data.newOrderResult, res.body.data.newOrderResponse.status], [-2021, 'FAILURE', 'SUCCESS', 'NEW'])
      const both = await replace({ cancelReplaceMode: 'ALLOW_FAILURE', cancelOrderId: 999, type: 'LIMIT_MAKER', timeInForce: undefined, price: '59000' })
      assert.deepStrictEqual([both.status, both.body.code, both.body.data.newOrderResponse.code], [400, -2022, -2010])
      const old = (await openOrders())[0]
      const filter = await replace({ cancelOrderId: old.orderId, price: '60100.000000001' })
      assert.deepStrictEqual(filter.body, { code: -1111, msg: "Parameter 'price' has too much precision." })
      const tick = await replace({ cancelOrderId: old.orderId, price: '60100.005' })
      assert.deepStrictEqual(tick.body, { code: -1013, msg: 'Filter failure: PRICE_FILTER' })
      assert.strictEqual((await status(old.orderId)).status, 'NEW', 'nothing was cancelled')
    })
  })

  describe('amend keeping priority', function () {
    it('lowers the quantity where the order stands, with a new client id, a REPLACED report and an amendment record', async () => {
      const [[price, ahead]] = (await get(sim, '/api/v3/depth', { symbol: 'BTCUSDT', limit: 1 })).body.bids
      const first = (await call('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.5', price, newClientOrderId: 'mine' })).body
      const second = (await call('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.1', price })).body
      const seen = record(sim)
      const res = await call('PUT', '/api/v3/order/amend/keepPriority', { symbol: 'BTCUSDT', origClientOrderId: 'mine', newQty: '0.3', newClientOrderId: 'mine-2' })
      assert.strictEqual(res.status, 200, JSON.stringify(res.body))
      assert.deepStrictEqual(Object.keys(res.body), ['transactTime', 'executionId', 'amendedOrder'])
      assert.deepStrictEqual([res.body.amendedOrder.origClientOrderId, res.body.amendedOrder.clientOrderId, res.body.amendedOrder.qty, res.body.amendedOrder.status], ['mine', 'mine-2', '0.30000000', 'NEW'])
      assert.deepStrictEqual(bal('USDT').locked, fmt((units(price) * units('0.4')) / 100000000n))
      const [report] = seen.of(TRADER.apiKey, 'executionReport')
      assert.deepStrictEqual([report.x, report.X, report.c, report.C, report.q, report.I], ['REPLACED', 'NEW', 'mine-2', 'mine', '0.30000000', res.body.executionId])

      sim.trade('BTCUSDT', 'SELL', fmt(units(ahead) + units('0.3')))
      assert.strictEqual((await status(first.orderId)).status, 'FILLED', 'it kept its place ahead of the later order')
      assert.strictEqual((await status(second.orderId)).status, 'NEW')
      const amendments = (await call('GET', '/api/v3/order/amendments', { symbol: 'BTCUSDT', orderId: first.orderId })).body
      assert.deepStrictEqual(amendments, [{ symbol: 'BTCUSDT', orderId: first.orderId, executionId: res.body.executionId, origClientOrderId: 'mine', newClientOrderId: 'mine-2', origQty: '0.50000000', newQty: '0.30000000', time: START }])
    })

    it('refuses increases, no-ops and the eleventh amend; both orders of an OCO take the new quantity', async () => {
      const o = (await call('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'SELL', type: 'LIMIT', timeInForce: 'GTC', quantity: '1', price: '61000' })).body
      const amend = (newQty) => call('PUT', '/api/v3/order/amend/keepPriority', { symbol: 'BTCUSDT', orderId: o.orderId, newQty })
      assert.deepStrictEqual((await amend('2')).body, { code: -2038, msg: 'Order amend (quantity increase) is not supported.' })
      assert.deepStrictEqual((await amend('1')).body, { code: -2038, msg: 'The requested action would change no state; rejecting' })
      for (let i = 1; i <= 10; i++) assert.strictEqual((await amend(fmt(units('1') - BigInt(i) * 1000000n))).status, 200)
      assert.deepStrictEqual((await amend('0.5')).body, { code: -1013, msg: 'Filter failure: MAX_NUM_ORDER_AMENDS' })
      assert.deepStrictEqual(bal('BTC').locked, '0.90000000')

      const list = (await call('POST', '/api/v3/orderList/oco', { symbol: 'BTCUSDT', side: 'SELL', quantity: '0.5', aboveType: 'LIMIT_MAKER', abovePrice: '63000', belowType: 'STOP_LOSS', belowStopPrice: '57000' })).body
      const res = await call('PUT', '/api/v3/order/amend/keepPriority', { symbol: 'BTCUSDT', orderId: list.orders[1].orderId, newQty: '0.2' })
      assert.strictEqual(res.body.listStatus.orderListId, list.orderListId)
      const legs = (await openOrders()).filter((x) => x.orderListId === list.orderListId)
      assert.deepStrictEqual(legs.map((x) => x.origQty), ['0.20000000', '0.20000000'])
      assert.deepStrictEqual(bal('BTC').locked, '1.10000000')
    })

    it('costs its weight unless it expires the order', async () => {
      const o = (await call('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.2', price: '59000' })).body
      const weight = async (fn) => {
        const before = Number((await get(sim, '/api/v3/ping')).headers.get('x-mbx-used-weight-1m'))
        const res = await fn()
        return Number(res.headers.get('x-mbx-used-weight-1m')) - before
      }
      assert.strictEqual(await weight(() => call('PUT', '/api/v3/order/amend/keepPriority', { symbol: 'BTCUSDT', orderId: o.orderId, newQty: '0.1' })), 4)
      const [[bid, qty]] = (await get(sim, '/api/v3/depth', { symbol: 'BTCUSDT', limit: 1 })).body.bids
      sim.trade('BTCUSDT', 'SELL', qty)
      const partly = (await call('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.2', price: bid })).body
      sim.trade('BTCUSDT', 'SELL', '0.05')
      assert.strictEqual(await weight(() => call('PUT', '/api/v3/order/amend/keepPriority', { symbol: 'BTCUSDT', orderId: partly.orderId, newQty: '0.05' })), 0)
      assert.deepStrictEqual([(await status(partly.orderId)).status, bal('USDT').locked], ['EXPIRED', fmt((units('59000') * units('0.1')) / 100000000n)])
    })
  })
})
