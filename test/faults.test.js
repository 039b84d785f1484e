'use strict'
// Issue 6: the faults a real network and the gateways in front of Binance produce,
// injected in the simulator. For orders: exactly one order on the exchange, never
// reported as refused or as not placed unless that is established; for every msg:
// the contract's code, an answer within timeout + recvWindow + 1 s, no secret
// anywhere and no unhandled rejection.
const assert = require('assert')
const { helper, startTestSimulator, accountNode, load, call } = require('./support/harness')
const { signer } = require('./support/binance')
const { captureOutput } = require('./support/output')
const { secretChecks } = require('./support/secrets')

const KEY = 'FAULTS-KEY-5e1f0a77c3'
const SECRET = 'FAULTS-SECRET-9b2d4c6e81'
const TRADER = { apiKey: KEY, apiSecret: SECRET, balances: { USDT: '100000', BTC: '1' } }
const TIMEOUT = 300
const RECV_WINDOW = 1000
const BUDGET = TIMEOUT + RECV_WINDOW + 1000

const BUY = { id: 'buy', type: 'binance-spot-buy', account: 'acc', orderType: 'MARKET', symbol: 'BTCUSDT', amountType: 'quantity', amount: '0.01', timeInForce: '' }
const BUY_ANY = { ...BUY, id: 'buyAny', symbol: '', amount: '' }
const OCO = { id: 'oco', type: 'binance-spot-sell', account: 'acc', orderType: 'OCO', symbol: 'BTCUSDT', amountType: 'quantity', amount: '0.01', timeInForce: '' }
const PRICE = { id: 'price', type: 'binance-spot-price', account: 'acc', mode: 'price', symbol: 'BTCUSDT' }
const BALANCE = { id: 'balance', type: 'binance-spot-balance', account: 'acc', asset: 'BTC' }
const PROBED = ['buy', 'buyAny', 'oco', 'price', 'balance']

/** A signed GET straight to the simulator: what the exchange really holds. */
async function exchangeHolds (sim, path, params) {
  const answer = await signer(sim, TRADER)('GET', path, params)
  assert.strictEqual(answer.status, 200, `${path}: ${JSON.stringify(answer.body)}`)
  return answer.body
}

const ordersWith = async (sim, clientOrderId) =>
  (await exchangeHolds(sim, '/api/v3/allOrders', { symbol: 'BTCUSDT' })).filter((o) => o.clientOrderId === clientOrderId)

const secrets = secretChecks(TRADER)

describe('faults between the nodes and the exchange (issue 6)', function () {
  let sim
  const unhandled = []
  const onUnhandled = (reason) => unhandled.push(reason)
  let output

  before(() => { process.on('unhandledRejection', onUnhandled) })
  after(() => {
    process.removeListener('unhandledRejection', onUnhandled)
    assert.deepStrictEqual(unhandled, [])
  })

  beforeEach(async () => {
    sim = await startTestSimulator({ accounts: [TRADER] })
    sim.setPrice('BTCUSDT', '60000.00')
    await load([accountNode('acc', sim, { timeout: TIMEOUT, recvWindow: RECV_WINDOW }), BUY, BUY_ANY, OCO, PRICE, BALANCE], PROBED, { acc: { apiKey: KEY, apiSecret: SECRET } })
    // The clock synced and the symbol's rules loaded before any answer goes wrong.
    await call('buy', { testOnly: true })
    output = captureOutput()
  })
  afterEach(async () => {
    // A beforeEach that failed before the capture started leaves nothing to restore.
    if (output) output.restore()
    output = undefined
    await helper.unload()
    if (sim) await sim.close()
    sim = undefined
  })

  const assertNothingLeaked = (...values) => secrets.assertNothingLeaked(PROBED, values, output.text())

  /** Runs a msg through a node: its outcome, how long it took, and the msg or error. */
  async function timed (id, msg) {
    const started = Date.now()
    try {
      const out = await call(id, msg, BUDGET + 2000)
      return { ok: true, out, ms: Date.now() - started }
    } catch (e) {
      if (!e.msg) throw e
      return { ok: false, error: e.msg.error, ms: Date.now() - started }
    }
  }

  function assertInTime (result) {
    assert.ok(result.ms <= BUDGET, `answered after ${result.ms} ms, more than timeout + recvWindow + 1 s = ${BUDGET} ms`)
  }

  describe('an order whose answer is spoiled after it was placed is found, once', function () {
    const cases = [
      ['half a body, then a reset', { kind: 'halfBodyReset' }],
      ['headers, then a stall', { kind: 'headersThenStall' }],
      ['a body that trickles past the deadline', { kind: 'trickle', intervalMs: 50 }],
      ['a 200 whose body is a string', { kind: 'malformed', body: '"OK"' }],
      ['a 200 whose body is not JSON', { kind: 'malformed', body: '<html>OK</html>' }],
      ['a 200 whose body lacks the order\'s fields', { kind: 'malformed', body: '{"symbol":"BTCUSDT","status":"FILLED"}' }],
      ['a reset with no answer at all', { kind: 'reset' }],
      ['a proxy\'s 502 page after forwarding it', { kind: 'htmlGateway' }]
    ]
    cases.forEach(([what, fault], i) => {
      it(what, async () => {
        const clientOrderId = `spoiled-after-${i}`
        sim.fault({ method: 'POST', path: '/api/v3/order', when: 'afterHandling', ...fault })
        const result = await timed('buy', { clientOrderId })
        assert.ok(result.ok, `reported ${result.error && result.error.message}`)
        assert.strictEqual(result.out.payload.clientOrderId, clientOrderId)
        assert.strictEqual(result.out.payload.status, 'FILLED')
        assert.ok(Array.isArray(result.out.payload.fills) && result.out.payload.fills.length > 0)
        assert.strictEqual((await ordersWith(sim, clientOrderId)).length, 1, 'exactly one order on the exchange')
        assertInTime(result)
        assertNothingLeaked(result.out)
      })
    })

    it('an OCO list whose answer broke off is found by its list client order id', async () => {
      sim.fault({ method: 'POST', path: '/api/v3/orderList/oco', when: 'afterHandling', kind: 'halfBodyReset' })
      const result = await timed('oco', { clientOrderId: 'spoiled-list-1', price: '63000', stopPrice: '57000' })
      assert.ok(result.ok, `reported ${result.error && result.error.message}`)
      assert.strictEqual(result.out.payload.listClientOrderId, 'spoiled-list-1')
      assert.strictEqual(result.out.payload.orders.length, 2)
      const lists = await exchangeHolds(sim, '/api/v3/allOrderList', {})
      assert.strictEqual(lists.filter((l) => l.listClientOrderId === 'spoiled-list-1').length, 1, 'exactly one list')
      assertInTime(result)
      assertNothingLeaked(result.out)
    })
  })

  describe('an order whose request never reached the engine is reported not placed, after its recvWindow', function () {
    // The code is the one the same answer gets on any request (see the price and balance cases below).
    const cases = [
      ['a 200 whose body is a string', { kind: 'malformed', body: '"OK"' }, 'ErrExchange'],
      ['half a body, then a reset', { kind: 'halfBodyReset' }, 'ErrNetwork'],
      ['headers, then a stall', { kind: 'headersThenStall' }, 'ErrTimeout'],
      ['a proxy\'s 502 page echoing the request and the key', { kind: 'htmlGateway' }, 'ErrExchange'],
      ['a gateway\'s plain-text 503 echoing the request and the key', { kind: 'textGateway' }, 'ErrExchange']
    ]
    cases.forEach(([what, fault, code], i) => {
      it(`${what} → ${code}`, async () => {
        const clientOrderId = `never-handled-${i}`
        sim.fault({ method: 'POST', path: '/api/v3/order', when: 'beforeHandling', ...fault })
        const result = await timed('buy', { clientOrderId })
        assert.ok(!result.ok, 'no order, no payload')
        assert.strictEqual(result.error.code, code)
        assert.match(result.error.message, new RegExp(`${clientOrderId} was not placed`))
        assert.ok(result.ms >= RECV_WINDOW, `reported not placed after ${result.ms} ms, before the recvWindow had passed`)
        assert.strictEqual((await ordersWith(sim, clientOrderId)).length, 0)
        assertInTime(result)
        assertNothingLeaked(result.error)
      })
    })

    it('a gateway that refuses with Binance\'s error JSON echoing the signed query: refused, nothing of it shown', async () => {
      sim.fault({ method: 'POST', path: '/api/v3/order', when: 'beforeHandling', kind: 'echoQuery' })
      const result = await timed('buy', { clientOrderId: 'echoed-1' })
      assert.strictEqual(result.error.code, 'ErrExchange')
      assert.strictEqual(result.error.cause.binanceCode, -1100)
      assert.match(result.error.cause.binanceMessage, /^Illegal characters found in a parameter: POST \/api\/v3\/order/)
      assert.match(result.error.cause.binanceMessage, /\[redacted\]/)
      assert.strictEqual((await ordersWith(sim, 'echoed-1')).length, 0)
      assertInTime(result)
      assertNothingLeaked(result.error)
    })
  })

  describe('the clock', function () {
    it('after a -1021 and a resync, the wait follows the re-stamped copy, which executes late', async () => {
      // The exchange's clock runs ahead: the first stamp is refused (-1021), the client resyncs and
      // sends the order again; that copy reaches the engine late but inside its own recvWindow.
      sim.setServerTimeOffset(2500)
      sim.fault({ method: 'POST', path: '/api/v3/order', when: 'beforeHandling', kind: 'late', ms: 800, skip: 1, times: 1 })
      const result = await timed('buy', { clientOrderId: 'restamped-1' })
      assert.ok(result.ok, `reported ${result.error && result.error.message}`)
      assert.strictEqual(result.out.payload.clientOrderId, 'restamped-1')
      assert.strictEqual((await ordersWith(sim, 'restamped-1')).length, 1)
      const posts = sim.requests.filter((r) => r.method === 'POST' && r.path === '/api/v3/order' && r.query.includes('restamped-1'))
      assert.strictEqual(posts.length, 2, 'sent once, refused, sent once more newly stamped')
      assertInTime(result)
      assertNothingLeaked(result.out)
    })

    it('when the exchange\'s clock jumps back while the answer is lost, "not placed" waits for the exchange\'s own clock', async () => {
      // Less than Binance's 1 s tolerance for stamps ahead of its clock, so no -1021 tells the client.
      sim.fault({ method: 'POST', path: '/api/v3/order', when: 'beforeHandling', kind: 'late', ms: 1650, times: 1 })
      setTimeout(() => sim.setServerTimeOffset(-800), 100)
      const result = await timed('buy', { clientOrderId: 'clock-jump-1' })
      // The copy arrived 1.65 s after it was sent but only 0.85 s after its timestamp by the exchange's clock: it executed.
      assert.ok(result.ok, `reported ${result.error && result.error.message}`)
      assert.strictEqual(result.out.payload.clientOrderId, 'clock-jump-1')
      assert.strictEqual((await ordersWith(sim, 'clock-jump-1')).length, 1)
      assertInTime(result)
    })

    it('when nothing can be established in time, ErrUnknownStatus names the order, within the bound', async () => {
      sim.fault({ method: 'POST', path: '/api/v3/order', when: 'afterHandling', kind: 'headersThenStall' })
      sim.fault({ method: 'GET', path: '/api/v3/order', kind: 'headersThenStall' })
      const result = await timed('buy', { clientOrderId: 'unknowable-1' })
      assert.strictEqual(result.error.code, 'ErrUnknownStatus')
      assert.match(result.error.message, /unknowable-1/)
      sim.clearFaults()
      assert.strictEqual((await ordersWith(sim, 'unknowable-1')).length, 1, 'placed once, never sent again')
      assertInTime(result)
      assertNothingLeaked(result.error)
    })
  })

  describe('reads: a spoiled answer is an error, never a payload', function () {
    const cases = [
      ['price: a 200 whose body is a string', 'price', { kind: 'malformed', body: '"garbage"' }, 'ErrExchange'],
      ['price: a 200 without the price', 'price', { kind: 'malformed', body: '{"symbol":"BTCUSDT"}' }, 'ErrExchange'],
      ['price: a 200 whose price is not a decimal', 'price', { kind: 'malformed', body: '{"symbol":"BTCUSDT","price":"<b>1</b>"}' }, 'ErrExchange'],
      ['price: half a body, then a reset', 'price', { kind: 'halfBodyReset' }, 'ErrNetwork'],
      ['price: headers, then a stall', 'price', { kind: 'headersThenStall' }, 'ErrTimeout'],
      ['price: a trickling body', 'price', { kind: 'trickle', intervalMs: 50 }, 'ErrTimeout'],
      ['balance: a 200 that is not an account', 'balance', { kind: 'malformed', body: '{"balances":"none"}' }, 'ErrExchange'],
      ['balance: a trickling body', 'balance', { kind: 'trickle', intervalMs: 20 }, 'ErrTimeout']
    ]
    for (const [what, node, fault, code] of cases) {
      it(`${what} → ${code}`, async () => {
        const path = node === 'price' ? '/api/v3/ticker/price' : '/api/v3/account'
        sim.fault({ method: 'GET', path, ...fault })
        const result = await timed(node, {})
        assert.ok(!result.ok, `passed on ${JSON.stringify(result.out && result.out.payload)}`)
        assert.strictEqual(result.error.code, code)
        assert.ok(result.ms <= TIMEOUT + 500, `answered after ${result.ms} ms`)
        assertNothingLeaked(result.error)
      })
    }

    for (const kind of ['htmlGateway', 'textGateway', 'echoQuery']) {
      it(`balance: ${kind} echoing the signed query and the key header → ErrExchange, with the gateway's words made safe`, async () => {
        sim.fault({ method: 'GET', path: '/api/v3/account', kind, when: 'beforeHandling' })
        const result = await timed('balance', {})
        assert.strictEqual(result.error.code, 'ErrExchange')
        assert.ok(result.error.cause.httpStatus >= 400)
        assert.match(result.error.cause.binanceMessage, /GET \/api\/v3\/account/)
        assert.match(result.error.cause.binanceMessage, /\[redacted\]/)
        assert.ok(result.error.cause.binanceMessage.length <= 301)
        assertNothingLeaked(result.error)
      })
    }
  })

  describe('input sizes and odd types are refused locally', function () {
    it('a 1 MB client order id, symbol or quantity never leaves; a BigInt or a circular object is ErrInvalidArg', async () => {
      const huge = 'x'.repeat(1 << 20)
      const circular = {}
      circular.self = circular
      const before = sim.requests.length
      for (const [id, msg] of [['buy', { clientOrderId: huge }], ['buyAny', { symbol: huge, quantity: '1' }], ['buyAny', { symbol: 'BTCUSDT', quantity: huge }],
        ['buyAny', { symbol: 'BTCUSDT', quantity: 10n }], ['buyAny', { symbol: 'BTCUSDT', quantity: circular }], ['buy', { clientOrderId: circular }]]) {
        const result = await timed(id, msg)
        assert.strictEqual(result.error.code, 'ErrInvalidArg', JSON.stringify(Object.keys(msg)))
        assert.ok(result.error.message.length < 250, `${result.error.message.length} characters`)
      }
      assert.strictEqual(sim.requests.length, before, 'nothing was sent')
    })
  })
})
