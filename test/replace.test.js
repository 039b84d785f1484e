'use strict'
// The replace node: cancel-replace an open order (with Binance's partial
// failures said exactly) or lower its quantity keeping its place in the queue.
// Real nodes, the real connector, the simulator's book and exact balances.
const assert = require('assert')
const { helper, startTestSimulator, accountNode, load, call, callFails, lastStatus } = require('./support/harness')
const { get, signer, units, fmt } = require('./support/binance')
const { secretChecks } = require('./support/secrets')

const KEY = 'REPLACE-KEY-4b9d2e6f13'
const SECRET = 'REPLACE-SECRET-8a1c5e7d29'
const TRADER = { apiKey: KEY, apiSecret: SECRET, balances: { USDT: '100000', BTC: '1' } }
const creds = { acc: { apiKey: KEY, apiSecret: SECRET } }

const REPLACE_FIELDS = {
  symbol: 'BTCUSDT', orderId: '', clientOrderId: '', side: '', orderType: '', amountType: 'quantity', amount: '', price: '', stopPrice: '', trailingDelta: '',
  timeInForce: '', newClientOrderId: '', cancelReplaceMode: '', newQty: '', testOnly: false, roundToFilters: false
}
const ORDER_FIELDS = { symbol: 'BTCUSDT', amountType: 'quantity', amount: '', price: '', stopPrice: '', stopLimitPrice: '', trailingDelta: '', timeInForce: '', clientOrderId: '', testOnly: false, roundToFilters: false }

function flow (sim, accountExtra = {}) {
  return [
    accountNode('acc', sim, accountExtra),
    { id: 'buy', type: 'binance-spot-buy', account: 'acc', orderType: 'LIMIT', ...ORDER_FIELDS },
    { id: 'sell', type: 'binance-spot-sell', account: 'acc', orderType: 'LIMIT', ...ORDER_FIELDS },
    { id: 'replace', type: 'binance-spot-replace', account: 'acc', mode: 'cancelReplace', ...REPLACE_FIELDS },
    { id: 'amend', type: 'binance-spot-replace', account: 'acc', mode: 'amend', ...REPLACE_FIELDS },
    { id: 'noMode', type: 'binance-spot-replace', account: 'acc', mode: '', ...REPLACE_FIELDS },
    // As the help suggests: the order id read from the answer of the buy or sell node before it.
    { id: 'chained', type: 'binance-spot-replace', account: 'acc', mode: 'amend', ...REPLACE_FIELDS, orderId: 'payload.orderId', orderIdType: 'msg', newQty: '0.1', newQtyType: 'num' },
    { id: 'status', type: 'binance-spot-order-status', account: 'acc', symbol: 'BTCUSDT', orderId: '', clientOrderId: '' }
  ]
}
const PROBED = ['buy', 'sell', 'replace', 'amend', 'noMode', 'chained', 'status']

const replacePosts = (sim) => sim.requests.filter((r) => r.method === 'POST' && r.path === '/api/v3/order/cancelReplace')
const amendPuts = (sim) => sim.requests.filter((r) => r.method === 'PUT' && r.path === '/api/v3/order/amend/keepPriority')
const trades = (sim) => sim.requests.filter((r) => ['POST', 'PUT', 'DELETE'].includes(r.method))

/** A signed GET straight to the simulator: what the exchange really holds. */
async function exchangeHolds (sim, path, params) {
  const answer = await signer(sim, TRADER)('GET', path, params)
  assert.strictEqual(answer.status, 200, `${path}: ${JSON.stringify(answer.body)}`)
  return answer.body
}

const secrets = secretChecks(TRADER)
const assertNothingLeaked = (...values) => secrets.assertNothingLeaked(PROBED, values)

describe('replace node: cancel-replace', function () {
  let sim
  beforeEach(async () => {
    sim = await startTestSimulator({ accounts: [TRADER] })
    sim.setPrice('BTCUSDT', '60000.00')
    await load(flow(sim), PROBED, creds)
  })
  afterEach(async () => { await helper.unload(); await sim.close() })

  const bal = (asset) => sim.balances(KEY)[asset]
  const resting = async (extra = {}) => (await call('sell', { quantity: '0.5', price: '61000', ...extra })).payload

  it('moves a resting order: the old one cancelled, the new one placed, in one request', async () => {
    const old = await resting()
    const m = await call('replace', { orderId: old.orderId, side: 'SELL', orderType: 'LIMIT', quantity: '0.4', price: '61500', topic: 'kept' })
    const r = m.payload
    assert.strictEqual(m.topic, 'kept')
    assert.deepStrictEqual([r.cancelResult, r.newOrderResult], ['SUCCESS', 'SUCCESS'])
    assert.deepStrictEqual([r.cancelResponse.orderId, r.cancelResponse.status], [old.orderId, 'CANCELED'])
    assert.deepStrictEqual([r.newOrderResponse.status, r.newOrderResponse.price, r.newOrderResponse.origQty, r.newOrderResponse.timeInForce], ['NEW', '61500.00000000', '0.40000000', 'GTC'])
    assert.match(r.newOrderResponse.clientOrderId, /^nr-[0-9a-f]{24}$/)
    assert.ok(Array.isArray(r.newOrderResponse.fills), 'the new order answered FULL')
    assert.deepStrictEqual(bal('BTC'), { free: '0.60000000', locked: '0.40000000' })
    const sent = replacePosts(sim)
    assert.strictEqual(sent.length, 1)
    assert.match(sent[0].query, /cancelReplaceMode=STOP_ON_FAILURE/)
    assert.match(sent[0].query, new RegExp(`cancelOrderId=${old.orderId}(&|$)`))
    assert.match(lastStatus('replace').text, /replaced: NEW BTCUSDT/)
    assert.deepStrictEqual(lastStatus('sell'), { fill: 'grey', shape: 'ring', text: 'CANCELED BTCUSDT' }, 'the sell node showing the old order learns it was cancelled')
  })

  it('keeps the client order id when asked, and fills as a MARKET order by quote quantity', async () => {
    const old = await resting({ clientOrderId: 'grid-5' })
    const r = (await call('replace', { clientOrderId: 'grid-5', newClientOrderId: 'grid-5', side: 'SELL', orderType: 'LIMIT', quantity: '0.5', price: '61200' })).payload
    assert.strictEqual(r.newOrderResponse.clientOrderId, 'grid-5')
    assert.notStrictEqual(r.newOrderResponse.orderId, old.orderId)
    assert.match(replacePosts(sim)[0].query, new RegExp(`cancelOrderId=${old.orderId}&cancelOrigClientOrderId=grid-5`), 'the old order named by its id too')
    const usdt = units(bal('USDT').free)
    const market = (await call('replace', { clientOrderId: 'grid-5', side: 'BUY', orderType: 'MARKET', quoteQuantity: '100' })).payload
    assert.deepStrictEqual([market.cancelResponse.status, market.newOrderResponse.status], ['CANCELED', 'FILLED'])
    assert.strictEqual(fmt(usdt - units(bal('USDT').free)), fmt(units(market.newOrderResponse.cummulativeQuoteQty)))
    assert.strictEqual(bal('BTC').locked, '0.00000000')
  })

  it('STOP_ON_FAILURE: a cancel that fails (-2022) sends no new order, and says so', async () => {
    const err = await callFails('replace', { orderId: 987654, side: 'SELL', orderType: 'LIMIT', quantity: '0.1', price: '61500', newClientOrderId: 'never-sent-1' })
    assert.strictEqual(err.code, 'ErrExchange')
    assert.deepStrictEqual([err.cause.httpStatus, err.cause.binanceCode, err.cause.cancelResult, err.cause.newOrderResult], [400, -2022, 'FAILURE', 'NOT_ATTEMPTED'])
    assert.deepStrictEqual([err.cause.cancelResponse, err.cause.newOrderResponse], [{ code: -2011, msg: 'Unknown order sent.' }, null])
    assert.strictEqual(err.message, 'ErrExchange: the order orderId 987654 was not cancelled (-2011 Unknown order sent.), so the new order never-sent-1 was not sent')
    assert.deepStrictEqual(sim.openOrders(KEY), [])
    assertNothingLeaked(err)
  })

  it('-2021: the old order cancelled but the new one refused is reported as such, with both halves in the cause', async () => {
    const old = await resting()
    const err = await callFails('replace', { orderId: old.orderId, side: 'SELL', orderType: 'LIMIT_MAKER', quantity: '0.5', price: '59000' })
    assert.strictEqual(err.code, 'ErrExchange')
    assert.deepStrictEqual([err.cause.httpStatus, err.cause.binanceCode, err.cause.cancelResult, err.cause.newOrderResult], [409, -2021, 'SUCCESS', 'FAILURE'])
    assert.deepStrictEqual([err.cause.cancelResponse.orderId, err.cause.cancelResponse.status], [old.orderId, 'CANCELED'])
    assert.deepStrictEqual(err.cause.newOrderResponse, { code: -2010, msg: 'Order would immediately match and take.' })
    assert.match(err.message, new RegExp(`the order orderId ${old.orderId} was cancelled, but the new order nr-\\w+ was refused \\(-2010 Order would immediately match and take\\.\\): no order stands in its place`))
    assert.deepStrictEqual(bal('BTC'), { free: '1.00000000', locked: '0.00000000' })
    assertNothingLeaked(err)
  })

  it('ALLOW_FAILURE -2021: a cancel that fails with a new order placed is an error naming the placed order, never "not placed"', async () => {
    const err = await callFails('replace', { orderId: 987654, cancelReplaceMode: 'ALLOW_FAILURE', side: 'SELL', orderType: 'LIMIT', quantity: '0.1', price: '61500', newClientOrderId: 'placed-anyway-1' })
    assert.deepStrictEqual([err.code, err.cause.binanceCode, err.cause.cancelResult, err.cause.newOrderResult], ['ErrExchange', -2021, 'FAILURE', 'SUCCESS'])
    const placed = err.cause.newOrderResponse
    assert.strictEqual(placed.clientOrderId, 'placed-anyway-1')
    assert.match(err.message, new RegExp(`was not cancelled \\(-2011 Unknown order sent\\.\\), but the new order placed-anyway-1 was placed as orderId ${placed.orderId}`))
    assert.ok(!/not placed/.test(err.message))
    assert.strictEqual((await call('status', { orderId: placed.orderId })).payload.status, 'NEW')
    assert.strictEqual(bal('BTC').locked, '0.10000000')
  })

  it('ALLOW_FAILURE -2022: both halves failing says both reasons', async () => {
    const err = await callFails('replace', { orderId: 987654, cancelReplaceMode: 'ALLOW_FAILURE', side: 'SELL', orderType: 'LIMIT_MAKER', quantity: '0.1', price: '59000' })
    assert.deepStrictEqual([err.cause.binanceCode, err.cause.cancelResult, err.cause.newOrderResult], [-2022, 'FAILURE', 'FAILURE'])
    assert.match(err.message, /was not cancelled \(-2011 Unknown order sent\.\) and the new order nr-\w+ was refused \(-2010 Order would immediately match and take\.\)/)
  })

  it('test only validates the new order with order/test and reads the old one; nothing is cancelled or placed', async () => {
    const old = await resting()
    const before = trades(sim).length
    const r = (await call('replace', { orderId: old.orderId, side: 'SELL', orderType: 'LIMIT', quantity: '0.4', price: '61500', testOnly: true })).payload
    assert.strictEqual(r.test, true)
    assert.deepStrictEqual([r.order.cancelOrderId, r.order.cancelReplaceMode, r.order.type, r.order.price], [old.orderId, 'STOP_ON_FAILURE', 'LIMIT', '61500'])
    assert.deepStrictEqual(trades(sim).slice(before).map((t) => t.path), ['/api/v3/order/test'])
    assert.strictEqual((await call('status', { orderId: old.orderId })).payload.status, 'NEW')
  })

  describe('checked locally, nothing sent', function () {
    const bad = [
      ['a node without a mode (never read from msg)', 'noMode', { mode: 'amend', orderId: 1, newQty: '0.1' }, /mode must be one of cancelReplace, amend/],
      ['no order to replace', 'replace', { side: 'SELL', orderType: 'LIMIT', quantity: '0.1', price: '61500' }, /orderId or clientOrderId is required/],
      ['no side', 'replace', { orderId: 1, orderType: 'LIMIT', quantity: '0.1', price: '61500' }, /side is required/],
      ['an OCO as the new order', 'replace', { orderId: 1, side: 'SELL', orderType: 'OCO', quantity: '0.1', price: '61500', stopPrice: '59000' }, /orderType must be one of MARKET, LIMIT/],
      ['an OTO as the new order', 'replace', { orderId: 1, side: 'SELL', orderType: 'OTO', quantity: '0.1', price: '61500' }, /orderType must be one of/],
      ['a percentage as the amount', 'replace', { orderId: 1, side: 'SELL', orderType: 'MARKET', percent: 10 }, /percent cannot be used here/],
      ['a LIMIT order without price', 'replace', { orderId: 1, side: 'SELL', orderType: 'LIMIT', quantity: '0.1' }, /price is required/],
      ['a price off the tick size', 'replace', { orderId: 1, side: 'SELL', orderType: 'LIMIT', quantity: '0.1', price: '61500.001' }, /PRICE_FILTER/],
      ['a quantity off the step size', 'replace', { orderId: 1, side: 'SELL', orderType: 'LIMIT', quantity: '0.100001', price: '61500' }, /LOT_SIZE/],
      ['an unknown cancel-replace mode', 'replace', { orderId: 1, side: 'SELL', orderType: 'LIMIT', quantity: '0.1', price: '61500', cancelReplaceMode: 'YOLO' }, /cancelReplaceMode must be one of STOP_ON_FAILURE, ALLOW_FAILURE/],
      ['a bad new client order id', 'replace', { orderId: 1, side: 'SELL', orderType: 'LIMIT', quantity: '0.1', price: '61500', newClientOrderId: 'no spaces' }, /newClientOrderId must be/],
      ['newQty with cancel-replace', 'replace', { orderId: 1, side: 'SELL', orderType: 'LIMIT', quantity: '0.1', price: '61500', newQty: '0.05' }, /newQty is not used in cancelReplace mode/]
    ]
    for (const [what, id, msg, says] of bad) {
      it(`${what} is ErrInvalidArg`, async () => {
        const err = await callFails(id, msg)
        assert.strictEqual(err.code, 'ErrInvalidArg', err.message)
        assert.match(err.message, says)
        assert.deepStrictEqual(trades(sim), [])
      })
    }
  })
})

describe('replace node: fields of other orders', function () {
  let sim
  before(async () => { sim = await startTestSimulator({ accounts: [TRADER] }) })
  after(async () => { await sim.close() })
  beforeEach(() => load(flow(sim), PROBED, creds))
  afterEach(() => helper.unload())

  const newOrder = { orderId: 1, side: 'SELL', orderType: 'LIMIT', quantity: '0.1', price: '61500' }
  const bad = [
    ['amend', { newQty: '0.1', stopLimitPrice: '59000' }, 'stopLimitPrice is not used in amend mode'],
    ['amend', { newQty: '0.1', workingType: 'LIMIT_MAKER' }, 'workingType is not used in amend mode'],
    ['amend', { newQty: '0.1', pendingPrice: '59000' }, 'pendingPrice is not used in amend mode'],
    ['amend', { newQty: '0.1', pendingSide: 'BUY' }, 'pendingSide is not used in amend mode'],
    ['amend', { newQty: '0.1', pendingQuantity: '0.1' }, 'pendingQuantity is not used in amend mode'],
    ['replace', { ...newOrder, pendingPrice: '59000' }, 'pendingPrice is not used by LIMIT orders'],
    ['replace', { ...newOrder, pendingType: 'LIMIT' }, 'pendingType is not used by LIMIT orders'],
    ['replace', { ...newOrder, orderType: 'MARKET', price: '', pendingTimeInForce: 'GTC' }, 'pendingTimeInForce is not used by MARKET orders']
  ]
  for (const [id, msg, says] of bad) {
    it(`${id}: ${says}, and nothing is sent`, async () => {
      const err = await callFails(id, { orderId: 1, ...msg })
      assert.strictEqual(err.code, 'ErrInvalidArg', err.message)
      assert.strictEqual(err.message, `ErrInvalidArg: ${says}: leave it empty`)
      assert.deepStrictEqual(trades(sim), [])
    })
  }
})

describe('replace node: amend keeping priority', function () {
  let sim
  beforeEach(async () => {
    sim = await startTestSimulator({ accounts: [TRADER] })
    sim.setPrice('BTCUSDT', '60000.00')
    await load(flow(sim), PROBED, creds)
  })
  afterEach(async () => { await helper.unload(); await sim.close() })

  const bal = (asset) => sim.balances(KEY)[asset]

  it('the amended order keeps its place: it still fills before a later order at the same price', async () => {
    const [[price, ahead]] = (await get(sim, '/api/v3/depth', { symbol: 'BTCUSDT', limit: 1 })).body.bids
    const mine = (await call('buy', { quantity: '0.5', price, clientOrderId: 'mine' })).payload
    const later = (await call('buy', { quantity: '0.1', price })).payload
    const r = (await call('amend', { clientOrderId: 'mine', newQty: '0.3' })).payload
    assert.deepStrictEqual(Object.keys(r), ['transactTime', 'executionId', 'amendedOrder'])
    assert.deepStrictEqual([r.amendedOrder.orderId, r.amendedOrder.origClientOrderId, r.amendedOrder.qty, r.amendedOrder.status], [mine.orderId, 'mine', '0.30000000', 'NEW'])
    assert.match(r.amendedOrder.clientOrderId, /^nr-[0-9a-f]{24}$/)
    assert.match(lastStatus('amend').text, /amended to 0.30000000 BTCUSDT/)
    assert.strictEqual(bal('USDT').locked, fmt((units(price) * units('0.4')) / 100000000n))

    sim.trade('BTCUSDT', 'SELL', fmt(units(ahead) + units('0.3')))
    assert.strictEqual((await call('status', { orderId: mine.orderId })).payload.status, 'FILLED', 'ahead of the later order')
    assert.strictEqual((await call('status', { orderId: later.orderId })).payload.status, 'NEW')
    assert.deepStrictEqual(bal('BTC'), { free: fmt(units('1.3') - (units('0.3') + 999n) / 1000n), locked: '0.00000000' })
    assert.strictEqual(bal('USDT').locked, fmt((units(price) * units('0.1')) / 100000000n))
    const amendments = await exchangeHolds(sim, '/api/v3/order/amendments', { symbol: 'BTCUSDT', orderId: mine.orderId })
    assert.deepStrictEqual(amendments.map((a) => [a.origQty, a.newQty, a.newClientOrderId]), [['0.50000000', '0.30000000', r.amendedOrder.clientOrderId]])
  })

  it('keeps the client order id when asked', async () => {
    const mine = (await call('sell', { quantity: '0.5', price: '61000', clientOrderId: 'keep-me' })).payload
    const r = (await call('amend', { orderId: mine.orderId, newQty: '0.25', newClientOrderId: 'keep-me' })).payload
    assert.deepStrictEqual([r.amendedOrder.clientOrderId, r.amendedOrder.qty], ['keep-me', '0.25000000'])
    assert.deepStrictEqual(bal('BTC'), { free: '0.75000000', locked: '0.25000000' })
  })

  it('reads its fields through TypedInput: the order id from the answer of the node before it', async () => {
    const m = await call('sell', { quantity: '0.5', price: '61000' })
    const r = (await call('chained', { payload: m.payload })).payload
    assert.deepStrictEqual([r.amendedOrder.orderId, r.amendedOrder.qty], [m.payload.orderId, '0.10000000'])
  })

  it('refuses locally a larger or equal quantity, a quantity off the step size, a closed order and one amend too many', async () => {
    const mine = (await call('sell', { quantity: '0.5', price: '61000' })).payload
    const refused = async (msg, says) => {
      const before = amendPuts(sim).length
      const err = await callFails('amend', { orderId: mine.orderId, ...msg })
      assert.strictEqual(err.code, 'ErrInvalidArg', err.message)
      assert.match(err.message, says)
      assert.strictEqual(amendPuts(sim).length, before, 'nothing sent')
    }
    await refused({ newQty: '0.6' }, /newQty 0.6 must be lower than the order's quantity 0.5/)
    await refused({ newQty: '0.5' }, /must be lower/)
    await refused({ newQty: '0.100001' }, /LOT_SIZE/)
    for (let i = 1; i <= 10; i++) await call('amend', { orderId: mine.orderId, newQty: fmt(units('0.5') - BigInt(i) * 1000n) })
    await refused({ newQty: '0.4' }, /MAX_NUM_ORDER_AMENDS: the order was amended 10 times already/)
    sim.setPrice('BTCUSDT', '61100.00')
    await refused({ newQty: '0.1' }, /is FILLED, not open/)
  })

  const bad = [
    ['no newQty', {}, /newQty is required/],
    ['a price', { newQty: '0.1', price: '61000' }, /price is not used in amend mode/],
    ['a quantity', { newQty: '0.1', quantity: '0.1' }, /quantity is not used in amend mode/],
    ['a side in the msg', { newQty: '0.1', side: 'SELL' }, /side is not used in amend mode/],
    ['a newQty that is not a decimal', { newQty: 'half' }, /newQty/],
    ['a negative newQty', { newQty: '-0.1' }, /newQty must be more than 0/]
  ]
  for (const [what, msg, says] of bad) {
    it(`${what} is ErrInvalidArg and sends nothing`, async () => {
      const err = await callFails('amend', { orderId: 1, ...msg })
      assert.strictEqual(err.code, 'ErrInvalidArg', err.message)
      assert.match(err.message, says)
      assert.deepStrictEqual(trades(sim), [])
    })
  }

  it('test only checks the amend locally and sends nothing', async () => {
    const mine = (await call('sell', { quantity: '0.5', price: '61000' })).payload
    const before = trades(sim).length
    const r = (await call('amend', { orderId: mine.orderId, newQty: '0.2', testOnly: true })).payload
    assert.deepStrictEqual([r.test, r.order.orderId, r.order.newQty], [true, mine.orderId, '0.2'])
    assert.strictEqual(trades(sim).length, before)
    assert.strictEqual(bal('BTC').locked, '0.50000000')
  })
})

describe('replace node: lost answers', function () {
  let sim
  beforeEach(async () => {
    sim = await startTestSimulator({ accounts: [TRADER] })
    sim.setPrice('BTCUSDT', '60000.00')
    await load(flow(sim, { timeout: 300, recvWindow: 1000 }), PROBED, creds)
  })
  afterEach(async () => { await helper.unload(); await sim.close() })

  const ordersWith = async (clientOrderId) => (await exchangeHolds(sim, '/api/v3/allOrders', { symbol: 'BTCUSDT' })).filter((o) => o.clientOrderId === clientOrderId)
  const resting = async (extra = {}) => (await call('sell', { quantity: '0.5', price: '61000', ...extra })).payload

  it('cancel-replace whose answer broke off: the new order is found once, with the old one as it now is', async () => {
    const old = await resting()
    sim.fault({ method: 'POST', path: '/api/v3/order/cancelReplace', when: 'afterHandling', kind: 'halfBodyReset' })
    const r = (await call('replace', { orderId: old.orderId, side: 'SELL', orderType: 'LIMIT', quantity: '0.4', price: '61500', newClientOrderId: 'moved-1' })).payload
    assert.deepStrictEqual([r.cancelResult, r.newOrderResult, r.cancelResponse.status, r.newOrderResponse.clientOrderId, r.newOrderResponse.status], ['SUCCESS', 'SUCCESS', 'CANCELED', 'moved-1', 'NEW'])
    assert.deepStrictEqual(r.newOrderResponse.fills, [])
    assert.strictEqual((await ordersWith('moved-1')).length, 1)
    assert.strictEqual(replacePosts(sim).length, 1, 'sent once')
  })

  it('cancel-replace keeping the client order id, whose answer was not Binance\'s: the new order, not the old one, is found', async () => {
    const old = await resting({ clientOrderId: 'grid-7' })
    sim.fault({ method: 'POST', path: '/api/v3/order/cancelReplace', when: 'afterHandling', kind: 'malformed', body: '{"cancelResult":"SUCCESS"}' })
    const r = (await call('replace', { clientOrderId: 'grid-7', newClientOrderId: 'grid-7', side: 'SELL', orderType: 'MARKET', quantity: '0.5' })).payload
    assert.notStrictEqual(r.newOrderResponse.orderId, old.orderId)
    assert.deepStrictEqual([r.newOrderResponse.status, r.cancelResponse.orderId, r.cancelResponse.status], ['FILLED', old.orderId, 'CANCELED'])
    assert.ok(r.newOrderResponse.fills.length > 0, 'the fills rebuilt from the trades')
    assert.strictEqual((await ordersWith('grid-7')).length, 2, 'the old order and one new one')
  })

  it('cancel-replace that never reached the engine: the new order is not placed, and the old one is said to be still open', async () => {
    const old = await resting()
    sim.fault({ method: 'POST', path: '/api/v3/order/cancelReplace', when: 'beforeHandling', kind: 'reset' })
    const started = Date.now()
    const err = await callFails('replace', { orderId: old.orderId, side: 'SELL', orderType: 'LIMIT', quantity: '0.4', price: '61500', newClientOrderId: 'never-1' })
    assert.strictEqual(err.code, 'ErrNetwork')
    assert.match(err.message, new RegExp(`the new order never-1 was not placed, and the order orderId ${old.orderId} is NEW$`))
    assert.ok(Date.now() - started >= 1000, 'only once its recvWindow had passed')
    assert.strictEqual((await ordersWith('never-1')).length, 0)
    assertNothingLeaked(err)
  })

  it('amend whose answer broke off is settled from the order\'s amendments, once', async () => {
    const mine = await resting()
    sim.fault({ method: 'PUT', path: '/api/v3/order/amend/keepPriority', when: 'afterHandling', kind: 'halfBodyReset' })
    const r = (await call('amend', { orderId: mine.orderId, newQty: '0.2' })).payload
    assert.deepStrictEqual([r.amendedOrder.orderId, r.amendedOrder.qty, r.amendedOrder.origClientOrderId, r.amendedOrder.status], [mine.orderId, '0.20000000', mine.clientOrderId, 'NEW'])
    assert.strictEqual(typeof r.executionId, 'number')
    const amendments = await exchangeHolds(sim, '/api/v3/order/amendments', { symbol: 'BTCUSDT', orderId: mine.orderId })
    assert.deepStrictEqual(amendments.map((a) => [a.executionId, a.newQty]), [[r.executionId, '0.20000000']])
    assert.strictEqual(amendPuts(sim).length, 1, 'sent once')
  })

  it('amend that never reached the engine is reported not done, after its recvWindow, the order unchanged', async () => {
    const mine = await resting()
    sim.fault({ method: 'PUT', path: '/api/v3/order/amend/keepPriority', when: 'beforeHandling', kind: 'headersThenStall' })
    const err = await callFails('amend', { orderId: mine.orderId, newQty: '0.2' })
    assert.strictEqual(err.code, 'ErrTimeout')
    assert.match(err.message, new RegExp(`the order orderId ${mine.orderId} was not amended to 0.2$`))
    assert.strictEqual((await call('status', { orderId: mine.orderId })).payload.origQty, '0.50000000')
    assertNothingLeaked(err)
  })
})
