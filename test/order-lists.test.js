'use strict'
// OTO and OTOCO as order types of the buy and sell nodes: the node's order is the
// working order, the pending one(s) go on the book once it has filled. Real
// nodes, the real connector, the simulator's book and exact balances.
const assert = require('assert')
const { helper, startTestSimulator, accountNode, load, call, callFails } = require('./support/harness')
const { signer, units, fmt } = require('./support/binance')
const { secretChecks } = require('./support/secrets')

const KEY = 'LISTS-KEY-7d3e1b5a90'
const SECRET = 'LISTS-SECRET-2c8f6a4e17'
const TRADER = { apiKey: KEY, apiSecret: SECRET, balances: { USDT: '100000', BTC: '1' } }
const creds = { acc: { apiKey: KEY, apiSecret: SECRET } }

const listPosts = (sim) => sim.requests.filter((r) => r.method === 'POST' && /^\/api\/v3\/(order|orderList\/\w+)$/.test(r.path))
const tests = (sim) => sim.requests.filter((r) => r.path === '/api/v3/order/test')

const FIELDS = {
  symbol: 'BTCUSDT', amountType: 'quantity', amount: '', price: '', stopPrice: '', stopLimitPrice: '', trailingDelta: '', timeInForce: '', clientOrderId: '', testOnly: false, roundToFilters: false,
  workingType: '', pendingSide: '', pendingType: '', pendingPrice: '', pendingStopPrice: '', pendingStopLimitPrice: '', pendingTrailingDelta: '', pendingTimeInForce: '', pendingQuantity: ''
}
const order = (id, type, extra = {}) => ({ id, type, account: 'acc', ...FIELDS, ...extra })

function flow (sim, accountExtra = {}) {
  return [
    accountNode('acc', sim, accountExtra),
    // As the editor saves them: a working and a pending type chosen, each time in force GTC.
    order('buyOto', 'binance-spot-buy', { orderType: 'OTO', workingType: 'LIMIT', pendingType: 'LIMIT', timeInForce: 'GTC', pendingTimeInForce: 'GTC' }),
    order('sellOto', 'binance-spot-sell', { orderType: 'OTO' }),
    order('buyOtoco', 'binance-spot-buy', { orderType: 'OTOCO' }),
    order('sellOtoco', 'binance-spot-sell', { orderType: 'OTOCO' }),
    order('buyAny', 'binance-spot-buy', { orderType: '' }),
    order('buyTest', 'binance-spot-buy', { orderType: '', testOnly: true }),
    { id: 'status', type: 'binance-spot-order-status', account: 'acc', symbol: 'BTCUSDT', orderId: '', clientOrderId: '' }
  ]
}
const PROBED = ['buyOto', 'sellOto', 'buyOtoco', 'sellOtoco', 'buyAny', 'buyTest', 'status']

describe('OTO and OTOCO order lists through the buy and sell nodes', function () {
  let sim
  beforeEach(async () => {
    sim = await startTestSimulator({ accounts: [TRADER] })
    sim.setPrice('BTCUSDT', '60000.00')
    await load(flow(sim), PROBED, creds)
  })
  afterEach(async () => { await helper.unload(); await sim.close() })

  const bal = (asset) => sim.balances(KEY)[asset]
  const statusOf = async (orderId) => (await call('status', { orderId })).payload
  // The maker fee of 0.1 %, in the asset received, exact to 1e-8 (Binance rounds it up).
  const fee = (amount) => (amount + 999n) / 1000n

  it('OTO buy: a working LIMIT buy; once it fills, its pending LIMIT sell goes on the book and fills in turn', async () => {
    const m = await call('buyOto', { price: '59000', quantity: '0.1', pendingPrice: '61000', pendingQuantity: '0.0999', topic: 'kept' })
    const list = m.payload
    assert.strictEqual(m.topic, 'kept')
    assert.deepStrictEqual([list.contingencyType, list.listOrderStatus, list.symbol], ['OTO', 'EXECUTING', 'BTCUSDT'])
    assert.match(list.listClientOrderId, /^nr-[0-9a-f]{24}$/)
    const [working, pending] = list.orderReports
    assert.deepStrictEqual([working.side, working.type, working.status, working.price, working.origQty, working.timeInForce], ['BUY', 'LIMIT', 'NEW', '59000.00000000', '0.10000000', 'GTC'])
    assert.deepStrictEqual([pending.side, pending.type, pending.status, pending.price, pending.origQty], ['SELL', 'LIMIT', 'PENDING_NEW', '61000.00000000', '0.09990000'])
    const sent = listPosts(sim).pop()
    assert.strictEqual(sent.path, '/api/v3/orderList/oto')
    assert.match(sent.query, /newOrderRespType=FULL/)
    assert.deepStrictEqual(bal('USDT'), { free: '94100.00000000', locked: '5900.00000000' })

    sim.setPrice('BTCUSDT', '58900.00')
    assert.strictEqual((await statusOf(working.orderId)).status, 'FILLED')
    assert.strictEqual((await statusOf(pending.orderId)).status, 'NEW')
    const received = units('0.1') - fee(units('0.1'))
    assert.deepStrictEqual(bal('BTC'), { free: fmt(units('1') + received - units('0.0999')), locked: '0.09990000' })
    assert.deepStrictEqual(bal('USDT'), { free: '94100.00000000', locked: '0.00000000' })

    sim.setPrice('BTCUSDT', '61100.00')
    assert.strictEqual((await statusOf(pending.orderId)).status, 'FILLED')
    const proceeds = units('6093.9')
    assert.deepStrictEqual(bal('USDT'), { free: fmt(units('94100') + proceeds - fee(proceeds)), locked: '0.00000000' })
    assert.deepStrictEqual(bal('BTC'), { free: fmt(units('1') + received - units('0.0999')), locked: '0.00000000' })
  })

  it('OTO sell: a working LIMIT_MAKER sell above the market; once it fills, a pending STOP_LOSS_LIMIT buy waits for its stop', async () => {
    const list = (await call('sellOto', { workingType: 'LIMIT_MAKER', price: '60100', quantity: '0.2', pendingType: 'STOP_LOSS_LIMIT', pendingPrice: '60600', pendingStopPrice: '60500' })).payload
    const [working, pending] = list.orderReports
    assert.deepStrictEqual([working.side, working.type, pending.side, pending.type, pending.stopPrice], ['SELL', 'LIMIT_MAKER', 'BUY', 'STOP_LOSS_LIMIT', '60500.00000000'])
    assert.deepStrictEqual(bal('BTC'), { free: '0.80000000', locked: '0.20000000' })
    sim.setPrice('BTCUSDT', '60200.00')
    assert.strictEqual((await statusOf(working.orderId)).status, 'FILLED')
    const waiting = await statusOf(pending.orderId)
    assert.deepStrictEqual([waiting.status, waiting.isWorking], ['NEW', false], 'placed, waiting for its stop')
    const proceeds = units('12020')
    assert.deepStrictEqual(bal('USDT'), { free: fmt(units('100000') + proceeds - fee(proceeds) - units('12120')), locked: '12120.00000000' })
    sim.setPrice('BTCUSDT', '60550.00')
    assert.strictEqual((await statusOf(pending.orderId)).status, 'FILLED')
    assert.strictEqual(bal('BTC').free, fmt(units('0.8') + units('0.2') - fee(units('0.2'))))
    assert.strictEqual(bal('USDT').locked, '0.00000000')
  })

  it('OTOCO buy: once the working buy fills, a take-profit and a stop-loss sell work as an OCO pair', async () => {
    const list = (await call('buyOtoco', { price: '59990', quantity: '0.1', pendingPrice: '62000', pendingStopPrice: '59000', pendingStopLimitPrice: '58900', pendingQuantity: '0.0999' })).payload
    assert.strictEqual(list.orderReports.length, 3)
    const [working, ...pair] = list.orderReports
    assert.deepStrictEqual(pair.map((r) => [r.side, r.type, r.status]).sort(), [['SELL', 'LIMIT_MAKER', 'PENDING_NEW'], ['SELL', 'STOP_LOSS_LIMIT', 'PENDING_NEW']])
    const sent = listPosts(sim).pop()
    assert.strictEqual(sent.path, '/api/v3/orderList/otoco')
    assert.match(sent.query, /pendingAboveType=LIMIT_MAKER&pendingAbovePrice=62000&pendingBelowType=STOP_LOSS_LIMIT&pendingBelowPrice=58900&pendingBelowStopPrice=59000&pendingBelowTimeInForce=GTC/)
    sim.setPrice('BTCUSDT', '59980.00')
    assert.strictEqual((await statusOf(working.orderId)).status, 'FILLED')
    for (const r of pair) assert.strictEqual((await statusOf(r.orderId)).status, 'NEW')
    assert.strictEqual(bal('BTC').locked, '0.09990000', 'the pair holds one quantity')
    sim.setPrice('BTCUSDT', '62100.00')
    const maker = pair.find((r) => r.type === 'LIMIT_MAKER')
    const stop = pair.find((r) => r.type !== 'LIMIT_MAKER')
    assert.strictEqual((await statusOf(maker.orderId)).status, 'FILLED')
    assert.deepStrictEqual([(await statusOf(stop.orderId)).status, (await statusOf(stop.orderId)).expiryReason], ['EXPIRED', 'OCO_TRIGGER'])
    const proceeds = units('6193.8')
    assert.deepStrictEqual(bal('USDT'), { free: fmt(units('100000') - units('5999') + proceeds - fee(proceeds)), locked: '0.00000000' })
    assert.deepStrictEqual(bal('BTC'), { free: fmt(units('1') + units('0.1') - fee(units('0.1')) - units('0.0999')), locked: '0.00000000' })
  })

  it('OTOCO sell: once the working sell fills, a take-profit buy below and a stop-loss buy above wait; the stop wins', async () => {
    const list = (await call('sellOtoco', { price: '60010', quantity: '0.1', pendingPrice: '58000', pendingStopPrice: '61000' })).payload
    const [working, ...pair] = list.orderReports
    assert.deepStrictEqual(pair.map((r) => [r.side, r.type]).sort(), [['BUY', 'LIMIT_MAKER'], ['BUY', 'STOP_LOSS']])
    sim.setPrice('BTCUSDT', '60100.00')
    assert.strictEqual((await statusOf(working.orderId)).status, 'FILLED')
    sim.setPrice('BTCUSDT', '61100.00')
    const stop = pair.find((r) => r.type === 'STOP_LOSS')
    const maker = pair.find((r) => r.type === 'LIMIT_MAKER')
    const stopped = await statusOf(stop.orderId)
    assert.strictEqual(stopped.status, 'FILLED')
    assert.strictEqual((await statusOf(maker.orderId)).status, 'EXPIRED')
    const proceeds = units('6001')
    assert.deepStrictEqual(bal('USDT'), { free: fmt(units('100000') + proceeds - fee(proceeds) - units(stopped.cummulativeQuoteQty)), locked: '0.00000000' })
    assert.deepStrictEqual(bal('BTC'), { free: fmt(units('1') - units('0.1') + units('0.1') - fee(units('0.1'))), locked: '0.00000000' })
  })

  it('from msg: the order type, the working type and the pending side and type', async () => {
    const list = (await call('buyAny', { orderType: 'OTO', workingType: 'LIMIT_MAKER', price: '59000', quantity: '0.01', pendingSide: 'BUY', pendingType: 'TAKE_PROFIT', pendingStopPrice: '58000', clientOrderId: 'my-list-1' })).payload
    assert.strictEqual(list.listClientOrderId, 'my-list-1')
    assert.deepStrictEqual(list.orderReports.map((r) => [r.side, r.type]), [['BUY', 'LIMIT_MAKER'], ['BUY', 'TAKE_PROFIT']])
  })

  it('test only validates each leg with order/test and places nothing', async () => {
    const before = JSON.stringify(sim.balances(KEY))
    const oto = (await call('buyTest', { orderType: 'OTO', price: '59000', quantity: '0.01', pendingType: 'MARKET' })).payload
    assert.strictEqual(oto.test, true)
    assert.deepStrictEqual([oto.order.workingType, oto.order.workingSide, oto.order.workingPrice, oto.order.pendingType, oto.order.pendingSide, oto.order.pendingQuantity], ['LIMIT', 'BUY', '59000', 'MARKET', 'SELL', '0.01'])
    assert.strictEqual(tests(sim).length, 2)
    const otoco = (await call('buyTest', { orderType: 'OTOCO', price: '59000', quantity: '0.01', pendingPrice: '62000', pendingStopPrice: '58000' })).payload
    assert.deepStrictEqual([otoco.order.pendingAboveType, otoco.order.pendingBelowType], ['LIMIT_MAKER', 'STOP_LOSS'])
    assert.strictEqual(tests(sim).length, 5)
    assert.strictEqual(listPosts(sim).length, 0)
    assert.strictEqual(JSON.stringify(sim.balances(KEY)), before)
    const refused = await callFails('buyTest', { orderType: 'OTO', price: '59000', quantity: '0.01', pendingType: 'LIMIT_MAKER', pendingPrice: '59500' })
    assert.deepStrictEqual([refused.code, refused.cause.binanceCode], ['ErrExchange', -2010], 'the pending leg is validated as if placed now')
  })

  it('rounding to the filters rounds each leg by its own side: the buy down, the pending sell up, quantities down', async () => {
    const list = (await call('buyOto', { price: '59000.009', quantity: '0.0100009', pendingPrice: '61000.001', pendingQuantity: '0.0099999', roundToFilters: true })).payload
    const [working, pending] = list.orderReports
    assert.deepStrictEqual([working.price, working.origQty, pending.price, pending.origQty], ['59000.00000000', '0.01000000', '61000.01000000', '0.00999000'])
  })

  it('MAX_NUM_ORDER_LISTS: the list that would pass the symbol\'s limit of open lists is refused locally', async () => {
    for (let i = 0; i < 20; i++) await call('buyOto', { price: '59000', quantity: '0.0001', pendingPrice: '61000' })
    const before = listPosts(sim).length
    const err = await callFails('buyOto', { price: '59000', quantity: '0.0001', pendingPrice: '61000' })
    assert.strictEqual(err.code, 'ErrInvalidArg')
    assert.match(err.message, /MAX_NUM_ORDER_LISTS: 21 open order lists would pass the maximum of 20 for BTCUSDT/)
    assert.strictEqual(listPosts(sim).length, before)
  })

  describe('checked locally, nothing sent', function () {
    const refused = [
      ['the working price off the tick size', 'buyOto', { price: '59000.005', quantity: '0.01', pendingPrice: '61000' }, /PRICE_FILTER.*price 59000\.005/],
      ['the pending price off the tick size', 'buyOto', { price: '59000', quantity: '0.01', pendingPrice: '61000.001' }, /PRICE_FILTER.*pendingPrice/],
      ['the pending stop price off the tick size', 'buyOtoco', { price: '59000', quantity: '0.01', pendingPrice: '61000', pendingStopPrice: '58000.001' }, /PRICE_FILTER.*pendingStopPrice/],
      ['the pending stop-limit price outside the price band', 'buyOtoco', { price: '59000', quantity: '0.01', pendingPrice: '61000', pendingStopPrice: '58000', pendingStopLimitPrice: '600000' }, /PERCENT_PRICE_BY_SIDE.*pendingStopLimitPrice/],
      ['the pending quantity off the step size', 'buyOto', { price: '59000', quantity: '0.01', pendingPrice: '61000', pendingQuantity: '0.009999' }, /LOT_SIZE/],
      ['the pending order below the minimum notional', 'buyOto', { price: '59000', quantity: '0.01', pendingPrice: '61000', pendingQuantity: '0.00005' }, /NOTIONAL/],
      ['the working order below the minimum notional', 'sellOto', { price: '61000', quantity: '0.00005', pendingType: 'LIMIT', pendingPrice: '59000', pendingQuantity: '0.01' }, /NOTIONAL/],
      ['a pending MARKET order above the market lot size', 'buyAny', { orderType: 'OTO', price: '59000', quantity: '0.01', pendingType: 'MARKET', pendingQuantity: '121' }, /MARKET_LOT_SIZE/]
    ]
    for (const [what, id, msg, says] of refused) {
      it(`${what}: ErrInvalidArg naming the filter`, async () => {
        const err = await callFails(id, msg)
        assert.strictEqual(err.code, 'ErrInvalidArg', err.message)
        assert.match(err.message, says)
        assert.strictEqual(listPosts(sim).length + tests(sim).length, 0)
      })
    }

    const bad = [
      ['OTO without a pending type', 'sellOto', { price: '61000', quantity: '0.01', pendingPrice: '59000' }, /pendingType is required/],
      ['OTO without its pending LIMIT price', 'buyOto', { price: '59000', quantity: '0.01' }, /pendingPrice is required for OTO pending LIMIT/],
      ['OTO pending stop order without stop price or trailing delta', 'sellOto', { price: '61000', quantity: '0.01', pendingType: 'STOP_LOSS' }, /need a pendingStopPrice or a pendingTrailingDelta/],
      ['a pending price on a pending MARKET order', 'sellOto', { price: '61000', quantity: '0.01', pendingType: 'MARKET', pendingPrice: '59000' }, /pendingPrice is not used by OTO pending MARKET/],
      ['a pending stop-limit price on an OTO', 'buyOto', { price: '59000', quantity: '0.01', pendingPrice: '61000', pendingStopLimitPrice: '60000' }, /pendingStopLimitPrice is not used/],
      ['a pending time in force on a pending MARKET order', 'sellOto', { price: '61000', quantity: '0.01', pendingType: 'MARKET', pendingTimeInForce: 'GTC' }, /pendingTimeInForce is not used/],
      ['an unknown pending type', 'sellOto', { price: '61000', quantity: '0.01', pendingType: 'OCO' }, /pendingType must be one of/],
      ['a pending type on an OTOCO', 'buyOtoco', { price: '59000', quantity: '0.01', pendingPrice: '62000', pendingStopPrice: '58000', pendingType: 'LIMIT' }, /pendingType is not used by OTOCO/],
      ['a pending trailing delta on an OTOCO', 'buyOtoco', { price: '59000', quantity: '0.01', pendingPrice: '62000', pendingStopPrice: '58000', pendingTrailingDelta: 100 }, /pendingTrailingDelta is not used by OTOCO/],
      ['a pending time in force on an OTOCO without a stop-limit price', 'buyOtoco', { price: '59000', quantity: '0.01', pendingPrice: '62000', pendingStopPrice: '58000', pendingTimeInForce: 'IOC' }, /pendingTimeInForce is not used/],
      ['an OTOCO without its stop price', 'buyOtoco', { price: '59000', quantity: '0.01', pendingPrice: '62000' }, /pendingStopPrice is required/],
      ['a selling OTOCO pair with its prices the wrong way round', 'buyOtoco', { price: '59000', quantity: '0.01', pendingPrice: '58000', pendingStopPrice: '62000' }, /SELL pending pair/],
      ['a buying OTOCO pair with its prices the wrong way round', 'sellOtoco', { price: '61000', quantity: '0.01', pendingPrice: '62000', pendingStopPrice: '58000' }, /BUY pending pair/],
      ['a working order without price', 'buyOto', { quantity: '0.01', pendingPrice: '61000' }, /price is required for OTO LIMIT/],
      ['an unknown working type', 'sellOto', { workingType: 'MARKET', price: '61000', quantity: '0.01', pendingType: 'LIMIT', pendingPrice: '59000' }, /workingType must be one of LIMIT, LIMIT_MAKER/],
      ['a time in force on a LIMIT_MAKER working order', 'sellOto', { workingType: 'LIMIT_MAKER', timeInForce: 'GTC', price: '61000', quantity: '0.01', pendingType: 'LIMIT', pendingPrice: '59000' }, /timeInForce is not used by OTO LIMIT_MAKER/],
      ['a stop price on an OTO', 'buyOto', { price: '59000', stopPrice: '58000', quantity: '0.01', pendingPrice: '61000' }, /stopPrice is not used by OTO LIMIT/],
      ['a quote quantity on an OTO', 'buyOto', { price: '59000', quoteQuantity: '100', pendingPrice: '61000' }, /quote quantity can only be used with MARKET/],
      ['a pending price on a LIMIT order', 'buyAny', { orderType: 'LIMIT', price: '59000', quantity: '0.01', pendingPrice: '61000' }, /pendingPrice is not used by LIMIT/],
      ['a pending type sent with a MARKET order', 'buyAny', { orderType: 'MARKET', quantity: '0.01', pendingType: 'LIMIT' }, /pendingType is not used by MARKET/],
      ['a working type sent with a LIMIT order', 'buyAny', { orderType: 'LIMIT', price: '59000', quantity: '0.01', workingType: 'LIMIT' }, /workingType is not used by LIMIT/],
      ['a pending quantity beyond 8 decimals', 'buyOto', { price: '59000', quantity: '0.01', pendingPrice: '61000', pendingQuantity: 1e-9 }, /pendingQuantity .* more than 8 decimal places/],
      ['a pending side that is no side', 'buyOto', { price: '59000', quantity: '0.01', pendingPrice: '61000', pendingSide: 'LONG' }, /pendingSide must be one of OPPOSITE, BUY, SELL/]
    ]
    for (const [what, id, msg, says] of bad) {
      it(`${what} is ErrInvalidArg`, async () => {
        const err = await callFails(id, msg)
        assert.strictEqual(err.code, 'ErrInvalidArg', err.message)
        assert.match(err.message, says)
        assert.strictEqual(listPosts(sim).length + tests(sim).length, 0)
      })
    }
  })
})

describe('OTO and OTOCO whose answer is lost', function () {
  let sim
  beforeEach(async () => {
    sim = await startTestSimulator({ accounts: [TRADER] })
    sim.setPrice('BTCUSDT', '60000.00')
    await load(flow(sim, { timeout: 300, recvWindow: 1000 }), PROBED, creds)
    // The clock synced and the symbol's rules loaded before any answer goes wrong.
    await call('buyTest', { orderType: 'LIMIT', price: '59000', quantity: '0.01' })
  })
  afterEach(async () => { await helper.unload(); await sim.close() })

  /** A signed GET straight to the simulator: what the exchange really holds. */
  async function listsWith (listClientOrderId) {
    const answer = await signer(sim, TRADER)('GET', '/api/v3/allOrderList', {})
    assert.strictEqual(answer.status, 200, JSON.stringify(answer.body))
    return answer.body.filter((l) => l.listClientOrderId === listClientOrderId)
  }

  it('an OTO whose answer broke off is found by its list client order id, with its order reports, once', async () => {
    sim.fault({ method: 'POST', path: '/api/v3/orderList/oto', when: 'afterHandling', kind: 'halfBodyReset' })
    const list = (await call('buyOto', { clientOrderId: 'lost-oto-1', price: '59000', quantity: '0.01', pendingPrice: '61000' })).payload
    assert.deepStrictEqual([list.listClientOrderId, list.contingencyType, list.orders.length], ['lost-oto-1', 'OTO', 2])
    assert.deepStrictEqual(list.orderReports.map((r) => [r.side, r.type, r.status]), [['BUY', 'LIMIT', 'NEW'], ['SELL', 'LIMIT', 'PENDING_NEW']])
    assert.strictEqual((await listsWith('lost-oto-1')).length, 1)
    assert.strictEqual(listPosts(sim).filter((r) => r.query.includes('lost-oto-1')).length, 1, 'sent once')
  })

  it('an OTOCO whose answer was not Binance\'s is found, once', async () => {
    sim.fault({ method: 'POST', path: '/api/v3/orderList/otoco', when: 'afterHandling', kind: 'malformed', body: '{"orderListId":"x"}' })
    const list = (await call('sellOtoco', { clientOrderId: 'lost-otoco-1', price: '61000', quantity: '0.01', pendingPrice: '58000', pendingStopPrice: '62000' })).payload
    assert.deepStrictEqual([list.listClientOrderId, list.orderReports.length], ['lost-otoco-1', 3])
    assert.strictEqual((await listsWith('lost-otoco-1')).length, 1)
  })

  it('an OTO that never reached the engine is reported not placed, after its recvWindow', async () => {
    sim.fault({ method: 'POST', path: '/api/v3/orderList/oto', when: 'beforeHandling', kind: 'reset' })
    const started = Date.now()
    const err = await callFails('buyOto', { clientOrderId: 'never-oto-1', price: '59000', quantity: '0.01', pendingPrice: '61000' })
    assert.strictEqual(err.code, 'ErrNetwork')
    assert.match(err.message, /never-oto-1 was not placed/)
    assert.ok(Date.now() - started >= 1000)
    assert.strictEqual((await listsWith('never-oto-1')).length, 0)
    secretChecks(TRADER).assertNothingLeaked(PROBED, [err])
  })
})
