'use strict'
const assert = require('assert')
const { helper, startTestSimulator, accountNode, load, call, callFails } = require('./support/harness')

const TRADER = { apiKey: 'trader-key-01', apiSecret: 'trader-secret-01', balances: { USDT: '100000', BTC: '1', ETH: '10', BNB: '50' } }
const creds = { acc: { apiKey: TRADER.apiKey, apiSecret: TRADER.apiSecret } }

const orderPosts = (sim) => sim.requests.filter((r) => r.method === 'POST' && /^\/api\/v3\/(order|orderList\/oco)$/.test(r.path))

function node (id, type, extra = {}) {
  return { id, type, account: 'acc', ...extra }
}

const BUY = (id, extra) => node(id, 'binance-spot-buy', { orderType: 'MARKET', symbol: 'BTCUSDT', amountType: 'quantity', amount: '', price: '', stopPrice: '', stopLimitPrice: '', trailingDelta: '', timeInForce: '', clientOrderId: '', testOnly: false, roundToFilters: false, ...extra })
const SELL = (id, extra) => ({ ...BUY(id, extra), type: 'binance-spot-sell' })

function flow (sim) {
  return [
    accountNode('acc', sim),
    BUY('buy', { orderType: '' }),
    BUY('buyAny', { orderType: '', symbol: '' }),
    SELL('sell', { orderType: '' }),
    BUY('buyRound', { orderType: 'LIMIT', roundToFilters: true }),
    SELL('sellRound', { orderType: 'LIMIT', roundToFilters: true }),
    BUY('buyTest', { orderType: '', testOnly: true }),
    SELL('sellOco', { orderType: 'OCO' }),
    BUY('buyPercent', { orderType: 'MARKET', amountType: 'percent' }),
    SELL('sellPercent', { orderType: 'MARKET', amountType: 'percent' }),
    node('cancel', 'binance-spot-cancel', { target: 'one', symbol: '', orderId: '', clientOrderId: '' }),
    node('cancelAll', 'binance-spot-cancel', { target: 'all', symbol: '', orderId: '', clientOrderId: '' }),
    node('status', 'binance-spot-order-status', { symbol: '', orderId: '', clientOrderId: '' }),
    node('open', 'binance-spot-open-orders', { symbol: '' }),
    node('orders', 'binance-spot-history', { kind: 'orders', symbol: '', limit: '' }),
    node('trades', 'binance-spot-history', { kind: 'trades', symbol: '', limit: '' })
  ]
}
const PROBED = ['buy', 'buyAny', 'sell', 'buyRound', 'sellRound', 'buyTest', 'sellOco', 'buyPercent', 'sellPercent', 'cancel', 'cancelAll', 'status', 'open', 'orders', 'trades']

describe('trading: buy, sell, cancel, status, open orders, history', function () {
  let sim
  beforeEach(async () => {
    sim = await startTestSimulator({ accounts: [TRADER] })
    sim.setPrice('BTCUSDT', '60000.00')
    sim.setPrice('ETHUSDT', '3000.00')
    await load(flow(sim), PROBED, creds)
  })
  afterEach(async () => { await helper.unload(); await sim.close() })

  const free = (asset) => sim.balances(TRADER.apiKey)[asset].free
  const locked = (asset) => sim.balances(TRADER.apiKey)[asset].locked

  it('MARKET buy by base quantity fills with fills and commission, and moves balances', async () => {
    const usdtBefore = Number(free('USDT'))
    const m = await call('buy', { orderType: 'MARKET', quantity: '0.01', topic: 'keep' })
    const o = m.payload
    assert.strictEqual(m.topic, 'keep')
    assert.strictEqual(o.symbol, 'BTCUSDT')
    assert.strictEqual(o.side, 'BUY')
    assert.strictEqual(o.type, 'MARKET')
    assert.strictEqual(o.status, 'FILLED')
    assert.strictEqual(Number(o.executedQty), 0.01)
    assert.strictEqual(typeof o.orderId, 'number')
    assert.match(o.clientOrderId, /^nr-[0-9a-f]{24}$/)
    assert.ok(o.fills.length >= 1)
    for (const f of o.fills) for (const k of ['price', 'qty', 'commission']) assert.strictEqual(typeof f[k], 'string')
    assert.ok(Number(free('BTC')) > 1)
    assert.ok(Math.abs(usdtBefore - Number(free('USDT')) - Number(o.cummulativeQuoteQty)) < 1e-6)
  })

  it('MARKET buy by quote quantity spends at most that much', async () => {
    const o = (await call('buy', { orderType: 'MARKET', quoteQuantity: 50 })).payload
    assert.strictEqual(o.status, 'FILLED')
    assert.ok(Number(o.cummulativeQuoteQty) <= 50 && Number(o.cummulativeQuoteQty) > 49)
    const sent = orderPosts(sim).pop()
    assert.match(sent.query, /quoteOrderQty=50(&|$)/)
  })

  it('MARKET sell of a percentage of the free balance, rounded down to the step', async () => {
    const o = (await call('sellPercent', { amount: undefined, percent: 25 })).payload
    assert.strictEqual(o.status, 'FILLED')
    assert.strictEqual(o.executedQty.replace(/0+$/, ''), '0.25')
    assert.strictEqual(Number(free('BTC')), 0.75)
  })

  it('MARKET buy of a percentage of the free quote balance', async () => {
    const o = (await call('buyPercent', { percent: '10' })).payload
    assert.strictEqual(o.status, 'FILLED')
    const spent = Number(o.cummulativeQuoteQty)
    assert.ok(spent <= 10000 && spent > 9900, `spent ${spent}`)
  })

  it('LIMIT GTC rests, locks funds, shows in status and open orders, and cancels by orderId', async () => {
    const o = (await call('buy', { orderType: 'LIMIT', quantity: 0.01, price: '50000' })).payload
    assert.strictEqual(o.status, 'NEW')
    assert.strictEqual(o.timeInForce, 'GTC')
    assert.strictEqual(Number(locked('USDT')), 500)
    const s = (await call('status', { symbol: 'BTCUSDT', orderId: o.orderId })).payload
    assert.strictEqual(s.status, 'NEW')
    assert.strictEqual(s.clientOrderId, o.clientOrderId)
    const open = (await call('open', { symbol: 'BTCUSDT' })).payload
    assert.deepStrictEqual(open.map((x) => x.orderId), [o.orderId])
    const all = (await call('open', {})).payload
    assert.strictEqual(all.length, 1)
    const c = (await call('cancel', { symbol: 'BTCUSDT', orderId: String(o.orderId) })).payload
    assert.strictEqual(c.status, 'CANCELED')
    assert.strictEqual(Number(locked('USDT')), 0)
  })

  it('a resting LIMIT order fills when the price walks through it', async () => {
    const o = (await call('sell', { orderType: 'LIMIT', quantity: '0.1', price: '61000' })).payload
    assert.strictEqual(o.status, 'NEW')
    sim.setPrice('BTCUSDT', '61500.00')
    const s = (await call('status', { symbol: 'BTCUSDT', orderId: o.orderId })).payload
    assert.strictEqual(s.status, 'FILLED')
    const trades = (await call('trades', { symbol: 'BTCUSDT' })).payload
    assert.ok(trades.some((t) => t.orderId === o.orderId && t.isMaker === true))
  })

  it('LIMIT IOC and FOK away from the market expire instead of resting', async () => {
    const ioc = (await call('buy', { orderType: 'LIMIT', quantity: '0.01', price: '50000', timeInForce: 'IOC' })).payload
    assert.strictEqual(ioc.status, 'EXPIRED')
    const fok = (await call('buy', { orderType: 'LIMIT', quantity: '0.01', price: '50000', timeInForce: 'fok' })).payload
    assert.strictEqual(fok.status, 'EXPIRED')
    assert.strictEqual(Number(locked('USDT')), 0)
  })

  it('LIMIT_MAKER that would take is refused by the exchange with -2010', async () => {
    const err = await callFails('buy', { orderType: 'LIMIT_MAKER', quantity: '0.01', price: '65000' })
    assert.strictEqual(err.code, 'ErrExchange')
    assert.strictEqual(err.cause.binanceCode, -2010)
    assert.match(err.cause.binanceMessage, /immediately match/)
    const ok = (await call('buy', { orderType: 'LIMIT_MAKER', quantity: '0.01', price: '55000' })).payload
    assert.strictEqual(ok.status, 'NEW')
  })

  it('STOP_LOSS_LIMIT and TAKE_PROFIT (trailing) orders wait, then trigger', async () => {
    const stop = (await call('sell', { orderType: 'STOP_LOSS_LIMIT', quantity: '0.1', price: '58900', stopPrice: '59000' })).payload
    assert.strictEqual(stop.status, 'NEW')
    assert.strictEqual(stop.type, 'STOP_LOSS_LIMIT')
    const tp = (await call('sell', { orderType: 'TAKE_PROFIT', quantity: '0.1', stopPrice: '62000' })).payload
    assert.strictEqual(tp.status, 'NEW')
    const trailing = (await call('sell', { orderType: 'STOP_LOSS', quantity: '0.1', trailingDelta: 100 })).payload
    assert.strictEqual(trailing.status, 'NEW')
    sim.setPrice('BTCUSDT', '58800.00')
    const s = (await call('status', { symbol: 'BTCUSDT', orderId: stop.orderId })).payload
    assert.deepStrictEqual([s.status, s.isWorking], ['NEW', true], 'triggered, its limit rests above the market it gapped to')
    sim.setPrice('BTCUSDT', '58950.00')
    assert.strictEqual((await call('status', { symbol: 'BTCUSDT', orderId: stop.orderId })).payload.status, 'FILLED')
    sim.setPrice('BTCUSDT', '62100.00')
    assert.strictEqual((await call('status', { symbol: 'BTCUSDT', orderId: tp.orderId })).payload.status, 'FILLED')
  })

  it('OCO after a market buy: two legs; when one fills the other is cancelled', async () => {
    await call('buy', { orderType: 'MARKET', quantity: '0.2' })
    const list = (await call('sellOco', { quantity: '0.2', price: '63000', stopPrice: '57000', stopLimitPrice: '56900' })).payload
    assert.strictEqual(list.contingencyType, 'OCO')
    assert.strictEqual(list.orders.length, 2)
    assert.strictEqual(list.orderReports.length, 2)
    assert.deepStrictEqual(list.orderReports.map((r) => r.type).sort(), ['LIMIT_MAKER', 'STOP_LOSS_LIMIT'])
    sim.setPrice('BTCUSDT', '63100.00')
    const maker = list.orderReports.find((r) => r.type === 'LIMIT_MAKER')
    const stopLeg = list.orderReports.find((r) => r.type !== 'LIMIT_MAKER')
    assert.strictEqual((await call('status', { symbol: 'BTCUSDT', orderId: maker.orderId })).payload.status, 'FILLED')
    assert.strictEqual((await call('status', { symbol: 'BTCUSDT', orderId: stopLeg.orderId })).payload.status, 'EXPIRED')
  })

  it('clientOrderId is used when given, and cancel and status work by it', async () => {
    const o = (await call('buy', { orderType: 'LIMIT', quantity: '0.01', price: '50000', clientOrderId: 'my-order-1' })).payload
    assert.strictEqual(o.clientOrderId, 'my-order-1')
    assert.strictEqual((await call('status', { symbol: 'btcusdt', clientOrderId: 'my-order-1' })).payload.orderId, o.orderId)
    const c = (await call('cancel', { symbol: 'BTCUSDT', clientOrderId: 'my-order-1' })).payload
    assert.strictEqual(c.status, 'CANCELED')
  })

  it('cancel all open orders of a symbol', async () => {
    await call('buy', { orderType: 'LIMIT', quantity: '0.01', price: '50000' })
    await call('buy', { orderType: 'LIMIT', quantity: '0.01', price: '51000' })
    const cancelled = (await call('cancelAll', { symbol: 'BTCUSDT' })).payload
    assert.strictEqual(cancelled.length, 2)
    assert.ok(cancelled.every((c) => c.status === 'CANCELED'))
    assert.deepStrictEqual((await call('open', { symbol: 'BTCUSDT' })).payload, [])
  })

  it('test-only orders validate and answer {test, order} without changing any balance', async () => {
    const before = JSON.stringify(sim.balances(TRADER.apiKey))
    const m = (await call('buyTest', { orderType: 'LIMIT', quantity: '0.01', price: '50000' })).payload
    assert.strictEqual(m.test, true)
    assert.deepStrictEqual({ symbol: m.order.symbol, side: m.order.side, type: m.order.type, quantity: m.order.quantity, price: m.order.price },
      { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', quantity: '0.01', price: '50000' })
    assert.strictEqual(JSON.stringify(sim.balances(TRADER.apiKey)), before)
    assert.strictEqual(orderPosts(sim).length, 0)
    assert.ok(sim.requests.some((r) => r.path === '/api/v3/order/test'))
    const failing = await callFails('buyTest', { orderType: 'MARKET', quantity: '100' })
    assert.strictEqual(failing.code, 'ErrExchange')
    assert.strictEqual(failing.cause.binanceCode, -2010)
  })

  it('history: past orders and own trades, with limit and paging by id', async () => {
    for (let i = 0; i < 3; i++) await call('buy', { orderType: 'MARKET', quantity: '0.01' })
    const orders = (await call('orders', { symbol: 'BTCUSDT' })).payload
    assert.strictEqual(orders.length, 3)
    const page = (await call('orders', { symbol: 'BTCUSDT', orderId: orders[1].orderId, limit: 5 })).payload
    assert.deepStrictEqual(page.map((o) => o.orderId), [orders[1].orderId, orders[2].orderId])
    const trades = (await call('trades', { symbol: 'BTCUSDT', limit: '2' })).payload
    assert.strictEqual(trades.length, 2)
    const all = (await call('trades', { symbol: 'BTCUSDT' })).payload
    const from = (await call('trades', { symbol: 'BTCUSDT', fromId: all[1].id })).payload
    assert.strictEqual(from[0].id, all[1].id)
    assert.strictEqual((await callFails('trades', { symbol: 'BTCUSDT', fromId: 1, startTime: Date.now() - 1000 })).code, 'ErrInvalidArg')
  })

  it('unknown orders and insufficient balance are ErrExchange with Binance\'s code in cause', async () => {
    const status = await callFails('status', { symbol: 'BTCUSDT', orderId: 987654 })
    assert.strictEqual(status.code, 'ErrExchange')
    assert.strictEqual(status.cause.binanceCode, -2013)
    const cancel = await callFails('cancel', { symbol: 'BTCUSDT', orderId: 987654 })
    assert.strictEqual(cancel.cause.binanceCode, -2011)
    const broke = await callFails('buy', { orderType: 'MARKET', quantity: '50' })
    assert.strictEqual(broke.code, 'ErrExchange')
    assert.strictEqual(broke.cause.binanceCode, -2010)
    assert.match(broke.cause.binanceMessage, /insufficient balance/)
  })

  it('the status shows the last order\'s state', async () => {
    await call('buy', { orderType: 'MARKET', quantity: '0.01' })
    const calls = helper.getNode('buy').status.getCalls().filter((c) => c.thisValue === helper.getNode('buy'))
    assert.match(calls[calls.length - 1].args[0].text, /FILLED/)
  })
})

describe('local filter checks and exact decimals', function () {
  let sim
  before(async () => {
    sim = await startTestSimulator({ accounts: [TRADER] })
    sim.setPrice('BTCUSDT', '60000.00')
  })
  after(async () => { await sim.close() })
  beforeEach(() => load(flow(sim), PROBED, creds))
  afterEach(() => helper.unload())

  const violations = [
    ['PRICE_FILTER', { orderType: 'LIMIT', quantity: '0.01', price: '60000.005' }, /tick size/],
    ['LOT_SIZE', { orderType: 'LIMIT', quantity: '0.000015', price: '60000' }, /step size/],
    ['LOT_SIZE', { orderType: 'LIMIT', quantity: '100000', price: '60000' }, /maximum/],
    ['NOTIONAL', { orderType: 'LIMIT', quantity: '0.00001', price: '60000' }, /minimum/],
    ['NOTIONAL', { orderType: 'MARKET', quoteQuantity: '1' }, /minimum/],
    ['PERCENT_PRICE_BY_SIDE', { orderType: 'LIMIT', quantity: '0.01', price: '600000' }, /average price/],
    ['PERCENT_PRICE_BY_SIDE', { orderType: 'LIMIT', quantity: '1', price: '600' }, /average price/]
  ]
  for (const [filter, msg, says] of violations) {
    it(`${filter} violation (${JSON.stringify(msg)}) is refused locally, naming the filter`, async () => {
      const before = orderPosts(sim).length
      const err = await callFails('buy', msg)
      assert.strictEqual(err.code, 'ErrInvalidArg')
      assert.ok(err.message.includes(filter), err.message)
      assert.match(err.message, says)
      assert.strictEqual(orderPosts(sim).length, before, 'no order request reached the exchange')
      assert.ok(!sim.requests.some((r) => r.path === '/api/v3/order/test'))
    })
  }

  it('the rounding option rounds quantity down, a buy price down and a sell price up', async () => {
    const b = (await call('buyRound', { quantity: '0.0123456', price: '50000.129' })).payload
    assert.strictEqual(b.origQty, '0.01234000')
    assert.strictEqual(b.price, '50000.12000000')
    const s = (await call('sellRound', { quantity: '0.0123456', price: '70000.121' })).payload
    assert.strictEqual(s.price, '70000.13000000')
  })

  it('numbers go out as plain decimal strings, never in exponent form', async () => {
    await call('buy', { orderType: 'LIMIT', quantity: 1e-4 * 2, price: 5e4 })
    const sent = orderPosts(sim).pop().query
    assert.match(sent, /quantity=0\.0002(&|$)/)
    assert.match(sent, /price=50000(&|$)/)
    assert.ok(!/e-|e\+/i.test(sent))
  })

  const bad = [
    ['negative quantity', { orderType: 'MARKET', quantity: '-1' }],
    ['zero quantity', { orderType: 'MARKET', quantity: 0 }],
    ['NaN quantity', { orderType: 'MARKET', quantity: NaN }],
    ['Infinity quantity', { orderType: 'MARKET', quantity: Infinity }],
    ['huge quantity', { orderType: 'MARKET', quantity: 1e300 }],
    ['quantity with too many decimals', { orderType: 'MARKET', quantity: 0.1 + 0.2 }],
    ['non-numeric quantity', { orderType: 'MARKET', quantity: 'lots' }],
    ['quantity as an object', { orderType: 'MARKET', quantity: { q: 1 } }],
    ['a price on a MARKET order', { orderType: 'MARKET', quantity: '0.01', price: '60000' }],
    ['a stop price on a LIMIT order', { orderType: 'LIMIT', quantity: '0.01', price: '60000', stopPrice: '59000' }],
    ['a LIMIT order without price', { orderType: 'LIMIT', quantity: '0.01' }],
    ['a quote quantity on a LIMIT order', { orderType: 'LIMIT', quoteQuantity: '100', price: '60000' }],
    ['a time in force on a MARKET order', { orderType: 'MARKET', quantity: '0.01', timeInForce: 'GTC' }],
    ['a STOP_LOSS order without stop price or trailing delta', { orderType: 'STOP_LOSS', quantity: '0.01' }],
    ['an unknown order type', { orderType: 'YOLO', quantity: '0.01' }],
    ['no order type', { quantity: '0.01' }],
    ['an unknown time in force', { orderType: 'LIMIT', quantity: '0.01', price: '60000', timeInForce: 'GTD' }],
    ['two amounts at once', { orderType: 'MARKET', quantity: '0.01', quoteQuantity: '10' }],
    ['no amount', { orderType: 'MARKET' }],
    ['a percentage above 100', { orderType: 'MARKET', percent: 150 }],
    ['a clientOrderId with spaces', { orderType: 'MARKET', quantity: '0.01', clientOrderId: 'my order' }],
    ['a garbage symbol', { orderType: 'MARKET', quantity: '0.01', symbol: 'BTC USDT' }],
    ['a trailing delta out of range', { orderType: 'STOP_LOSS', quantity: '0.01', trailingDelta: 5 }],
    ['a SELL-side OCO with its prices the wrong way round', { orderType: 'OCO', quantity: '0.01', price: '50000', stopPrice: '55000' }]
  ]
  for (const [what, msg] of bad) {
    it(`${what} is ErrInvalidArg and sends nothing`, async () => {
      const target = what.startsWith('a SELL-side') ? 'sell' : what.includes('symbol') ? 'buyAny' : 'buy'
      const before = orderPosts(sim).length
      const err = await callFails(target, msg)
      assert.strictEqual(err.code, 'ErrInvalidArg', err.message)
      assert.strictEqual(orderPosts(sim).length, before)
    })
  }

  it('an unknown symbol is refused locally', async () => {
    const err = await callFails('buyAny', { orderType: 'MARKET', quantity: '1', symbol: 'NOSUCHPAIR' })
    assert.strictEqual(err.code, 'ErrInvalidArg')
  })
})

/** The simulator behind a proxy that changes what exchangeInfo says of every symbol. */
function rulesProxy (sim, change) {
  const http = require('http')
  const server = http.createServer(async (req, res) => {
    const chunks = []
    for await (const chunk of req) chunks.push(chunk)
    const headers = {}
    for (const name of ['x-mbx-apikey', 'content-type']) if (req.headers[name]) headers[name] = req.headers[name]
    const answer = await fetch(`${sim.url}${req.url}`, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined })
    let body = await answer.text()
    if (req.url.startsWith('/api/v3/exchangeInfo') && answer.ok) {
      const info = JSON.parse(body)
      info.symbols.forEach(change)
      body = JSON.stringify(info)
    }
    res.writeHead(answer.status, { 'Content-Type': answer.headers.get('content-type') || 'application/json' }).end(body)
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(r) })
  })))
}

describe('trading: what a symbol does not allow', function () {
  let sim, proxy
  before(async () => {
    sim = await startTestSimulator({ accounts: [TRADER] })
    proxy = await rulesProxy(sim, (s) => { s.quoteOrderQtyMarketAllowed = false })
  })
  after(async () => { await proxy.close(); await sim.close() })
  afterEach(() => helper.unload())

  it('a MARKET buy of a percentage, which goes as a quote quantity, is refused where Binance does not take one', async () => {
    await load([
      accountNode('acc', proxy),
      BUY('buyPercent', { orderType: 'MARKET', amountType: 'percent' }),
      BUY('buyQuote', { orderType: 'MARKET', amountType: 'quoteQuantity' }),
      SELL('sellPercent', { orderType: 'MARKET', amountType: 'percent' })
    ], ['buyPercent', 'buyQuote', 'sellPercent'], creds)
    const posts = orderPosts(sim).length
    for (const [id, msg] of [['buyPercent', { percent: '10' }], ['buyQuote', { quoteQuantity: '100' }]]) {
      const err = await callFails(id, msg)
      assert.strictEqual(err.code, 'ErrInvalidArg', id)
      assert.match(err.message, /BTCUSDT does not allow MARKET orders by quote quantity/)
    }
    assert.strictEqual(orderPosts(sim).length, posts, 'nothing sent')
    // A sell of a percentage is a base quantity: it is not concerned.
    assert.strictEqual((await call('sellPercent', { percent: '10' })).payload.status, 'FILLED')
  })
})
