'use strict'
// The error contract: a message that starts with the code and reads as one sentence, a
// status with the code and a short reason, at most 100 characters of the user's input,
// odd values refused as ErrInvalidArg, the exchange's text stripped of anything secret,
// and a missing account that never turns into a request to live Binance.
const assert = require('assert')
const path = require('path')
const { helper, ALICE, startTestSimulator, accountNode, credentialsOf, load, call, callFails, lastStatus, dist } = require('./support/harness')

describe('error messages and odd input', function () {
  let sim
  const unhandled = []
  const onUnhandled = (reason) => unhandled.push(reason)
  before(async () => {
    sim = await startTestSimulator()
    process.on('unhandledRejection', onUnhandled)
  })
  after(async () => {
    process.removeListener('unhandledRejection', onUnhandled)
    await sim.close()
    assert.deepStrictEqual(unhandled, [])
  })
  afterEach(() => helper.unload())

  const nodes = () => [
    accountNode('alice', sim),
    { id: 'market', type: 'binance-spot-market', account: 'alice', mode: 'depth', symbol: '' },
    { id: 'history', type: 'binance-spot-history', account: 'alice', kind: 'orders', symbol: 'BTCUSDT' },
    { id: 'status', type: 'binance-spot-order-status', account: 'alice', symbol: 'BTCUSDT' },
    { id: 'cancel', type: 'binance-spot-cancel', account: 'alice', target: 'one', symbol: 'BTCUSDT' }
  ]
  const probed = ['market', 'history', 'status', 'cancel']

  it('the message starts with the code; the red status shows the code and a short reason', async () => {
    await load(nodes(), probed, { alice: credentialsOf(ALICE) })
    const err = await callFails('market', { symbol: 'BTC USDT!' })
    assert.strictEqual(err.code, 'ErrInvalidArg')
    assert.strictEqual(err.message, 'ErrInvalidArg: symbol "BTC USDT!" is not a valid symbol (letters and digits, like BTCUSDT)')
    const status = lastStatus('market')
    assert.strictEqual(status.fill, 'red')
    assert.match(status.text, /^ErrInvalidArg: symbol "BTC USDT!" is not a valid/)
    assert.ok(status.text.length <= 70, status.text)
  })

  it('a 1 MB symbol or client order id is refused locally, quoting at most 100 characters', async () => {
    await load(nodes(), probed, { alice: credentialsOf(ALICE) })
    const huge = 'A'.repeat(1 << 20)
    const before = sim.requests.length
    for (const [node, msg] of [['market', { symbol: huge }], ['status', { clientOrderId: huge }], ['cancel', { clientOrderId: huge }], ['status', { clientOrderId: 'x'.repeat(37) }]]) {
      const err = await callFails(node, msg)
      assert.strictEqual(err.code, 'ErrInvalidArg', node)
      assert.ok(err.message.length < 250, `${node}: ${err.message.length} characters`)
      assert.ok(!err.message.includes('A'.repeat(101)))
    }
    assert.strictEqual(sim.requests.length, before, 'nothing was sent')
  })

  it('a BigInt, a circular object, a function or a Symbol in a number field is ErrInvalidArg', async () => {
    await load(nodes(), probed, { alice: credentialsOf(ALICE) })
    const circular = {}
    circular.self = circular
    for (const value of [10n, circular, () => 1, Symbol('x'), [1, 2]]) {
      for (const [node, field] of [['history', 'limit'], ['history', 'orderId'], ['history', 'startTime'], ['history', 'endTime'], ['market', 'limit']]) {
        const err = await callFails(node, { symbol: 'BTCUSDT', [field]: value })
        assert.strictEqual(err.code, 'ErrInvalidArg', `${node}.${field} = ${typeof value}`)
        assert.match(err.message, new RegExp(`^ErrInvalidArg: ${field} cannot be`))
      }
    }
  })

  it('a node whose account is missing fails with ErrNotConnected naming it and never asks live Binance', async () => {
    await load([
      { id: 'price', type: 'binance-spot-price', account: 'gone-account', mode: 'price', symbol: 'BTCUSDT' },
      { id: 'balance', type: 'binance-spot-balance', account: 'gone-account', asset: 'BTC' }
    ], ['price', 'balance'])
    for (const node of ['price', 'balance']) {
      const err = await callFails(node, {})
      assert.strictEqual(err.code, 'ErrNotConnected')
      assert.match(err.message, /gone-account/)
    }
  })

  it('a result that cannot be passed on ends the msg with ErrInternal saying the request went through, never an unhandled rejection', async () => {
    await load([...nodes(), { id: 'connect', type: 'binance-spot-connect', account: 'alice', checkKeys: false }], ['history', 'connect'], { alice: credentialsOf(ALICE) })
    // A msg whose property cannot be set, as a flow may hand one on.
    const stubborn = (name) => Object.defineProperty({}, name, { get () { return undefined }, set () { throw new Error('read only') }, enumerable: true })
    for (const [id, name] of [['history', 'payload'], ['connect', 'clientId']]) {
      const err = await callFails(id, stubborn(name))
      assert.strictEqual(err.code, 'ErrInternal', id)
      assert.match(err.message, /^ErrInternal: the request was carried out, but its result could not be passed on/)
      assert.strictEqual(lastStatus(id).fill, 'red')
    }
  })

  it('a public node without account or session says so in its status', async () => {
    await load([{ id: 'price', type: 'binance-spot-price', mode: 'price', symbol: 'BTCUSDT' }], [])
    assert.deepStrictEqual(lastStatus('price'), { fill: 'grey', shape: 'ring', text: 'no account: public data from live Binance' })
  })
})

describe('the exchange\'s text, made safe', function () {
  const { sanitiseExchangeText, quote } = require(path.join(dist, 'lib', 'errors'))
  const KEY = 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A'

  it('removes signed queries, key headers, PEM blocks, long tokens and the account\'s own secrets', () => {
    const echoed = `Bad request: symbol=BTCUSDT&side=BUY&timestamp=1700000000000&signature=c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71 X-MBX-APIKEY: ${KEY} key ${KEY} secret short-secret-1 -----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIP\n-----END PRIVATE KEY-----`
    const safe = sanitiseExchangeText(echoed, ['short-secret-1'])
    for (const secret of [KEY, 'c8db56825ae71d6d', 'timestamp=', 'signature', 'short-secret-1', 'MC4CAQAw', 'BEGIN PRIVATE']) {
      assert.ok(!safe.includes(secret), `${secret} in ${safe}`)
    }
    assert.match(safe, /^Bad request:/)
  })

  it('keeps Binance\'s ordinary messages as they are', () => {
    for (const text of ['Filter failure: LOT_SIZE', 'Account has insufficient balance for requested action.', "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed."]) {
      assert.strictEqual(sanitiseExchangeText(text), text)
    }
  })

  it('quotes at most 100 characters and never converts objects', () => {
    assert.strictEqual(quote('x'.repeat(500)), JSON.stringify('x'.repeat(100) + '…'))
    assert.deepStrictEqual(quote({ secret: 'no' }), { key: 'common.errors.types.object' })
    assert.strictEqual(quote(12n), '12')
  })
})
