'use strict'
const assert = require('assert')
const crypto = require('crypto')
const net = require('net')
const path = require('path')
const { helper, ALICE, startTestSimulator, accountNode, credentialsOf, load, call, callFails, dist } = require('./support/harness')

function closedPort () {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

describe('client adapter: timeouts, network, rate limits, clock, keys', function () {
  let sim
  beforeEach(async () => { sim = await startTestSimulator() })
  afterEach(async () => { await helper.unload(); await sim.close() })

  it('no answer within the account timeout is ErrTimeout, not a hang', async () => {
    await load([accountNode('alice', sim, { timeout: 300 }), { id: 'price', type: 'binance-spot-price', account: 'alice', mode: 'price', symbol: 'BTCUSDT' }], ['price'], { alice: credentialsOf(ALICE) })
    sim.setDelay(2000)
    const err = await callFails('price', {})
    assert.strictEqual(err.code, 'ErrTimeout')
  })

  it('a refused connection is ErrNetwork', async () => {
    const port = await closedPort()
    await load([{ id: 'acc', type: 'binance-spot-account', environment: 'custom', restUrl: `http://127.0.0.1:${port}`, timeout: 2000 },
      { id: 'price', type: 'binance-spot-price', account: 'acc', mode: 'price', symbol: 'BTCUSDT' }], ['price'])
    const err = await callFails('price', {})
    assert.strictEqual(err.code, 'ErrNetwork')
  })

  it('a bad custom URL or a zero timeout is ErrInvalidArg', async () => {
    await load([{ id: 'acc', type: 'binance-spot-account', environment: 'custom', restUrl: 'ftp://nowhere', timeout: 1000 },
      { id: 'acc0', type: 'binance-spot-account', environment: 'custom', restUrl: sim.url, timeout: 0 },
      { id: 'price', type: 'binance-spot-price', account: 'acc', mode: 'price', symbol: 'BTCUSDT' },
      { id: 'price0', type: 'binance-spot-price', account: 'acc0', mode: 'price', symbol: 'BTCUSDT' }], ['price', 'price0'])
    assert.strictEqual((await callFails('price', {})).code, 'ErrInvalidArg')
    // 0 would mean "wait forever" to the HTTP client; it is refused instead.
    assert.strictEqual((await callFails('price0', {})).code, 'ErrInvalidArg')
  })

  it('a 429 is ErrRateLimited with Retry-After, and later requests wait locally instead of hitting Binance', async () => {
    await sim.close()
    sim = await startTestSimulator({ weightLimit: 30 })
    await load([accountNode('alice', sim), { id: 'stats', type: 'binance-spot-price', account: 'alice', mode: '24hr', symbol: '' }], ['stats'], { alice: credentialsOf(ALICE) })
    const seen = []
    for (let i = 0; i < 4 && seen.length === 0; i++) {
      try { await call('stats', {}) } catch (e) { seen.push(e.msg.error) }
    }
    assert.strictEqual(seen.length, 1, 'the limit should have been reached')
    assert.strictEqual(seen[0].code, 'ErrRateLimited')
    assert.ok(seen[0].cause.retryAfterMs > 0)
    assert.ok([429, undefined].includes(seen[0].cause.httpStatus))
    const before = sim.requests.length
    const again = await callFails('stats', {})
    assert.strictEqual(again.code, 'ErrRateLimited')
    assert.strictEqual(sim.requests.length, before, 'nothing may be sent while the back-off is in force')
  })

  it('signed requests use the server time, so a local clock that is off still works', async () => {
    sim.setServerTimeOffset(-8000)
    await load([accountNode('alice', sim), { id: 'balance', type: 'binance-spot-balance', account: 'alice', asset: 'BTC' }], ['balance'], { alice: credentialsOf(ALICE) })
    const m = await call('balance', {})
    assert.strictEqual(m.payload.free, '0.10000000')
    assert.ok(sim.requests.some((r) => r.path === '/api/v3/time'))
  })

  it('an Ed25519 private key signs instead of HMAC, even pasted without line breaks', async () => {
    const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519')
    const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' })
    const oneLine = privateKey.export({ type: 'pkcs8', format: 'pem' }).replace(/\n/g, ' ')
    sim.addAccount({ apiKey: 'ed-key', publicKeyPem, balances: { BNB: '3' } })
    await load([accountNode('ed', sim), { id: 'balance', type: 'binance-spot-balance', account: 'ed', asset: 'BNB' }], ['balance'],
      { ed: { apiKey: 'ed-key', privateKey: oneLine } })
    const m = await call('balance', {})
    assert.strictEqual(m.payload.free, '3.00000000')
  })

  it('a private key that cannot be read is ErrCredentials', async () => {
    await load([accountNode('bad', sim), { id: 'balance', type: 'binance-spot-balance', account: 'bad', asset: 'BNB' }], ['balance'],
      { bad: { apiKey: 'ed-key', privateKey: '-----BEGIN PRIVATE KEY----- bm90IGEga2V5 -----END PRIVATE KEY-----' } })
    assert.strictEqual((await callFails('balance', {})).code, 'ErrCredentials')
  })

  it('the connector gets the configured timeout, never its default of 0', async () => {
    const { BinanceClient } = require(path.join(dist, 'lib', 'client'))
    assert.throws(() => new BinanceClient({ restUrl: sim.url, timeoutMs: 0 }), (e) => e.code === 'ErrInvalidArg')
  })
})

describe('the simulator environment', function () {
  after(async () => {
    await helper.unload()
    await require(path.join(dist, 'lib', 'environments')).stopEmbeddedSimulator()
  })

  it('works with empty credentials through the demo account, in process', async () => {
    await load([{ id: 'sim', type: 'binance-spot-account', environment: 'simulator' },
      { id: 'connect', type: 'binance-spot-connect', account: 'sim', checkKeys: true },
      { id: 'balance', type: 'binance-spot-balance', asset: '' }], ['connect', 'balance'])
    const { clientId } = await call('connect', {})
    const m = await call('balance', { clientId })
    const byAsset = Object.fromEntries(m.payload.map((b) => [b.asset, b.free]))
    assert.strictEqual(byAsset.USDT, '10000.00000000')
    assert.strictEqual(byAsset.BTC, '0.50000000')
    assert.strictEqual(byAsset.ETH, '5.00000000')
    assert.strictEqual(byAsset.BNB, '100.00000000')
  })
})
