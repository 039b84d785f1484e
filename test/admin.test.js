'use strict'
// The editor's admin endpoints: "Test connection" in the account dialog and the
// symbol look-up. They answer facts about the environment and the key, never the
// key itself, and send a stored key only to the server of its own account.
//
// The simulator does not serve GET /sapi/v1/account/apiRestrictions (live
// Binance only); here a small stub in front of it answers that one endpoint.
const assert = require('assert')
const http = require('http')
const path = require('path')
const { helper, ALICE, startTestSimulator, accountNode, credentialsOf, load, dist } = require('./support/harness')

const { stopEmbeddedSimulator } = require(path.join(dist, 'lib', 'environments'))

const RESTRICTIONS = { ipRestrict: false, createTime: 1698645219000, enableReading: true, enableWithdrawals: true, enableSpotAndMarginTrading: true }

/** Forwards everything to the simulator except apiRestrictions, which it answers itself; counts what it saw. */
function startRestrictionsStub (target) {
  const seen = []
  const server = http.createServer((req, res) => {
    seen.push(req.url)
    if (req.url.startsWith('/sapi/v1/account/apiRestrictions')) {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify(RESTRICTIONS))
      return
    }
    const upstream = http.request(new URL(req.url, target), { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode, answer.headers)
      answer.pipe(res)
    })
    req.pipe(upstream)
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${server.address().port}`,
    seen,
    close: () => new Promise((done) => server.close(done))
  })))
}

const noSecret = (text) => {
  for (const secret of [ALICE.apiKey, ALICE.apiSecret]) assert.ok(!text.includes(secret), 'a secret is in the answer')
}

describe('admin endpoints: test connection and symbol look-up', function () {
  let sim, stub
  before(async () => {
    sim = await startTestSimulator()
    stub = await startRestrictionsStub(sim.url)
  })
  after(async () => {
    await stub.close()
    await sim.close()
    // "Test connection" on the simulator environment starts the process-wide embedded simulator.
    await stopEmbeddedSimulator()
  })
  afterEach(() => helper.unload())

  const deploy = () => load([accountNode('alice', { url: stub.url })], [], { alice: credentialsOf(ALICE) })
  const test = (body) => helper.request().post('/binance-spot/test-connection').send(body)
  const dialog = (extra = {}) => ({ id: 'unsaved', environment: 'custom', restUrl: stub.url, recvWindow: '5000', timeout: '3000', ...extra })

  it('reports reachability, round trip, clock offset and what a typed key may do, without the key', async () => {
    await deploy()
    const res = await test(dialog({ credentials: credentialsOf(ALICE) })).expect(200)
    noSecret(res.text)
    const report = res.body
    assert.strictEqual(report.reachable, true)
    assert.match(report.server, /^custom \(127\.0\.0\.1:\d+\)$/)
    assert.ok(Number.isInteger(report.roundTripMs) && report.roundTripMs >= 0)
    assert.ok(Number.isInteger(report.clockOffsetMs))
    assert.strictEqual(report.recvWindow, 5000)
    assert.deepStrictEqual(report.key, { valid: true, canTrade: true, restrictions: { ipRestricted: false, canWithdraw: true, canTrade: true } })
  })

  it('a key Binance refuses is reported as refused, with the reason and without the key', async () => {
    await deploy()
    const res = await test(dialog({ credentials: { apiKey: 'unknown-key-0001', apiSecret: 'unknown-secret' } })).expect(200)
    assert.ok(!res.text.includes('unknown-secret'))
    assert.strictEqual(res.body.key.valid, false)
    assert.strictEqual(res.body.key.error.code, 'ErrCredentials')
  })

  it('without a key only the server is checked; the simulator uses its demo account', async () => {
    await deploy()
    assert.strictEqual((await test(dialog()).expect(200)).body.key, undefined)
    const simulator = (await test({ environment: 'simulator' }).expect(200)).body
    assert.strictEqual(simulator.reachable, true)
    assert.strictEqual(simulator.key.valid, true)
    assert.deepStrictEqual(simulator.key.restrictions, { ipRestricted: false, canWithdraw: false, canTrade: true })
  })

  it('an unreachable server is reported as such; a URL the runtime would refuse is refused', async () => {
    await deploy()
    const closed = await new Promise((resolve) => { const s = http.createServer().listen(0, '127.0.0.1', () => { const port = s.address().port; s.close(() => resolve(port)) }) })
    const down = (await test(dialog({ restUrl: `http://127.0.0.1:${closed}` })).expect(200)).body
    assert.strictEqual(down.reachable, false)
    assert.strictEqual(down.error.code, 'ErrNetwork')
    const bad = await test(dialog({ restUrl: 'ftp://example.com' })).expect(400)
    assert.strictEqual(bad.body.code, 'ErrInvalidArg')
    await test(dialog({ timeout: '0' })).expect(400)
  })

  it('a stored key (__PWRD__) is used for its own deployed account, and never sent to another server', async () => {
    await deploy()
    const stored = { apiKey: '__PWRD__', apiSecret: '__PWRD__' }
    const own = await test({ id: 'alice', environment: 'custom', restUrl: stub.url, credentials: stored }).expect(200)
    assert.strictEqual(own.body.key.valid, true)
    noSecret(own.text)

    const elsewhere = await startRestrictionsStub(sim.url)
    try {
      const res = await test({ id: 'alice', environment: 'custom', restUrl: elsewhere.url, credentials: stored }).expect(400)
      assert.strictEqual(res.body.code, 'ErrInvalidArg')
      await test({ id: 'alice', environment: 'testnet', credentials: stored }).expect(400)
      await test({ id: 'not-deployed', environment: 'custom', restUrl: stub.url, credentials: stored }).expect(400)
      assert.deepStrictEqual(elsewhere.seen, [], 'the other server got no request')
    } finally {
      await elsewhere.close()
    }
  })

  it('lists the trading symbols of an account\'s environment, cached', async () => {
    await deploy()
    const all = (await helper.request().get('/binance-spot/symbols').query({ account: 'alice' }).expect(200)).body
    assert.ok(all.symbols.some((s) => s.symbol === 'BTCUSDT' && s.base === 'BTC' && s.quote === 'USDT'))
    const before = stub.seen.filter((u) => u.startsWith('/api/v3/exchangeInfo')).length
    const again = (await helper.request().get('/binance-spot/symbols').query({ account: 'alice' }).expect(200)).body
    assert.deepStrictEqual(again.symbols, all.symbols)
    assert.strictEqual(stub.seen.filter((u) => u.startsWith('/api/v3/exchangeInfo')).length, before, 'served from the cache')
  })
})
