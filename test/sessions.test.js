'use strict'
const assert = require('assert')
const { helper, ALICE, BOB, startTestSimulator, accountNode, credentialsOf, load, call, callFails, lastStatus } = require('./support/harness')
const { waitFor, sleep } = require('./support/wait')

describe('connect and disconnect (the session model)', function () {
  let sim
  before(async () => { sim = await startTestSimulator() })
  after(async () => { await sim.close() })
  afterEach(() => helper.unload())

  const flow = (connectExtra = {}) => [
    accountNode('alice', sim),
    accountNode('bob', sim),
    { id: 'connect', type: 'binance-spot-connect', account: 'alice', checkKeys: true, ...connectExtra },
    { id: 'connectBob', type: 'binance-spot-connect', account: 'bob', checkKeys: true },
    { id: 'balance', type: 'binance-spot-balance', asset: '' },
    { id: 'disconnect', type: 'binance-spot-disconnect' }
  ]
  const creds = { alice: credentialsOf(ALICE), bob: credentialsOf(BOB) }

  it('connect sets msg.clientId, keeps payload, and other nodes use that session', async () => {
    await load(flow(), ['connect', 'balance', 'disconnect'], creds)
    const connected = await call('connect', { payload: { keep: 'me' }, topic: 't' })
    assert.strictEqual(typeof connected.clientId, 'string')
    assert.ok(connected.clientId.length >= 16)
    assert.deepStrictEqual(connected.payload, { keep: 'me' })
    assert.strictEqual(connected.topic, 't')
    assert.match(lastStatus('connect').text, /connected/)

    const balances = await call('balance', { clientId: connected.clientId })
    assert.strictEqual(balances.clientId, connected.clientId)
    assert.deepStrictEqual(balances.payload.map((b) => b.asset).sort(), ['BTC', 'USDT'])
  })

  it('two connects give different ids; disconnect closes one and it then answers ErrNotConnected', async () => {
    await load(flow(), ['connect', 'balance', 'disconnect'], creds)
    const a = await call('connect', {})
    const b = await call('connect', {})
    assert.notStrictEqual(a.clientId, b.clientId)
    const closed = await call('disconnect', { clientId: a.clientId, payload: 42 })
    assert.strictEqual(closed.payload, 42)
    const err = await callFails('balance', { clientId: a.clientId })
    assert.strictEqual(err.code, 'ErrNotConnected')
    assert.strictEqual(lastStatus('balance').fill, 'red')
    const still = await call('balance', { clientId: b.clientId })
    assert.ok(Array.isArray(still.payload))
    const again = await callFails('disconnect', { clientId: a.clientId })
    assert.strictEqual(again.code, 'ErrNotConnected')
  })

  it('an unknown clientId is ErrNotConnected; one that is not a string is ErrInvalidArg', async () => {
    await load(flow(), ['balance', 'disconnect'], creds)
    assert.strictEqual((await callFails('balance', { clientId: 'no-such-session' })).code, 'ErrNotConnected')
    assert.strictEqual((await callFails('balance', { clientId: 12345 })).code, 'ErrInvalidArg')
    assert.strictEqual((await callFails('balance', { clientId: { id: 'x' } })).code, 'ErrInvalidArg')
    assert.strictEqual((await callFails('disconnect', {})).code, 'ErrInvalidArg')
  })

  it('all sessions of a connect node are removed when the flow stops', async () => {
    await load(flow(), ['connect', 'balance'], creds)
    const ids = [(await call('connect', {})).clientId, (await call('connect', {})).clientId]
    await helper.unload()
    await load(flow(), ['balance'], creds)
    for (const clientId of ids) {
      assert.strictEqual((await callFails('balance', { clientId })).code, 'ErrNotConnected')
    }
  })

  it('sessions live in process memory, never in flow or global context', async () => {
    await load(flow(), ['connect'], creds)
    const { clientId } = await call('connect', {})
    const node = helper.getNode('connect')
    for (const store of [node.context().flow, node.context().global, node.context()]) {
      for (const key of store.keys()) assert.ok(!JSON.stringify(store.get(key) ?? null).includes(clientId))
      assert.deepStrictEqual(store.keys().filter((k) => /client|session/i.test(k)), [])
    }
  })

  it('empty key or secret is ErrCredentials before anything is sent', async () => {
    await load(flow(), ['connect'], { alice: { apiKey: ALICE.apiKey, apiSecret: '' }, bob: credentialsOf(BOB) })
    const before = sim.requests.length
    const err = await callFails('connect', {})
    assert.strictEqual(err.code, 'ErrCredentials')
    assert.strictEqual(sim.requests.length, before)
  })

  it('a key Binance rejects is ErrCredentials with the Binance code (check keys on)', async () => {
    await load(flow(), ['connect'], { alice: { apiKey: 'not-a-known-key', apiSecret: 'x' }, bob: credentialsOf(BOB) })
    const err = await callFails('connect', {})
    assert.strictEqual(err.code, 'ErrCredentials')
    assert.strictEqual(err.cause.binanceCode, -2015)
    assert.strictEqual(err.cause.httpStatus, 401)
  })

  it('a wrong secret is ErrCredentials (-1022)', async () => {
    await load(flow(), ['connect'], { alice: { apiKey: ALICE.apiKey, apiSecret: 'wrong-secret' }, bob: credentialsOf(BOB) })
    const err = await callFails('connect', {})
    assert.strictEqual(err.code, 'ErrCredentials')
    assert.strictEqual(err.cause.binanceCode, -1022)
  })

  it('with check keys off, connect sends nothing and a bad key shows on first use', async () => {
    await load(flow({ checkKeys: false }), ['connect', 'balance'], { alice: { apiKey: 'not-a-known-key', apiSecret: 'x' }, bob: credentialsOf(BOB) })
    const before = sim.requests.length
    const { clientId } = await call('connect', {})
    assert.strictEqual(sim.requests.length, before)
    assert.strictEqual((await callFails('balance', { clientId })).code, 'ErrCredentials')
  })

  it('connect without an account is ErrNotConnected', async () => {
    await load([{ id: 'connect', type: 'binance-spot-connect', checkKeys: true }], ['connect'])
    assert.strictEqual((await callFails('connect', {})).code, 'ErrNotConnected')
  })

  it('the connect status follows its sessions: counted, reset when the last one closes', async () => {
    await load(flow(), ['connect', 'disconnect'], creds)
    const a = await call('connect', {})
    assert.strictEqual(lastStatus('connect').text, 'connected (1 session)')
    const b = await call('connect', {})
    assert.strictEqual(lastStatus('connect').text, 'connected (2 sessions)')
    await call('disconnect', { clientId: a.clientId })
    assert.strictEqual(lastStatus('connect').text, 'connected (1 session)')
    await call('disconnect', { clientId: b.clientId })
    assert.deepStrictEqual(lastStatus('connect'), {}, 'no session open: no status left showing one')
  })

  it('past 10 open sessions the connect status warns', async () => {
    await load(flow({ checkKeys: false }), ['connect'], creds)
    for (let i = 0; i < 11; i++) await call('connect', {})
    const status = lastStatus('connect')
    assert.strictEqual(status.fill, 'yellow')
    assert.match(status.text, /^11 sessions open/)
  })

  it('a session idle for longer than idleTimeout closes itself; using it keeps it open', async () => {
    // 1 s, the busy one used every 200 ms: each request may take 800 ms on a loaded machine before it idles out.
    await load(flow({ idleTimeout: 1 }), ['connect', 'balance'], creds)
    const idle = (await call('connect', {})).clientId
    const busy = (await call('connect', {})).clientId
    const busySince = Date.now()
    // Used past twice its timeout: a busy session that closed when the idle one did would fail this call.
    await waitFor('the idle session to close while the busy one is used', async () => {
      await sleep(200)
      await call('balance', { clientId: busy })
      return lastStatus('connect').text === 'connected (1 session)' && Date.now() - busySince >= 2000
    }, 10000, 0)
    assert.strictEqual((await callFails('balance', { clientId: idle })).code, 'ErrNotConnected')
    assert.ok(Array.isArray((await call('balance', { clientId: busy })).payload))
    assert.strictEqual(lastStatus('connect').text, 'connected (1 session)')
  })

  it('idleTimeout 0 keeps sessions until they are disconnected', async () => {
    await load(flow({ idleTimeout: 0 }), ['connect', 'balance'], creds)
    const { clientId } = await call('connect', {})
    await new Promise((resolve) => setTimeout(resolve, 300))
    assert.ok(Array.isArray((await call('balance', { clientId })).payload))
  })

  it('an idleTimeout that is not a whole number of seconds up to a week is ErrInvalidArg, and no session is opened', async () => {
    for (const idleTimeout of ['soon', '0.3', -1, 604801, 2147484, '1e3']) {
      await load(flow({ idleTimeout }), ['connect'], creds)
      const accountCalls = sim.requests.filter((r) => r.path === '/api/v3/account').length
      const err = await callFails('connect', {})
      assert.strictEqual(err.code, 'ErrInvalidArg', String(idleTimeout))
      assert.strictEqual(err.message, 'ErrInvalidArg: idle timeout (seconds) must be a whole number from 0 to 604800')
      assert.strictEqual(sim.requests.filter((r) => r.path === '/api/v3/account').length, accountCalls, 'nothing sent')
      await helper.unload()
    }
    for (const idleTimeout of ['', ' 604800 ', 0]) {
      await load(flow({ idleTimeout }), ['connect'], creds)
      assert.strictEqual(typeof (await call('connect', {})).clientId, 'string', JSON.stringify(idleTimeout))
      await helper.unload()
    }
  })

  it('a connect node that closes while its client is being made leaves no session behind', async () => {
    const path = require('path')
    const { dist } = require('./support/harness')
    const environments = require(path.join(dist, 'lib', 'environments'))
    const { closeSessionsOf } = require(path.join(dist, 'lib', 'sessions'))
    // The embedded simulator starts on first use: the client waits for it while the node closes.
    await environments.stopEmbeddedSimulator()
    try {
      await load([
        { id: 'simAccount', type: 'binance-spot-account', environment: 'simulator' },
        { id: 'connectSim', type: 'binance-spot-connect', account: 'simAccount', checkKeys: false }
      ], ['connectSim'])
      helper.getNode('connectSim').receive({})
      await helper.unload()
      await environments.startEmbeddedSimulator()
      await new Promise((resolve) => setTimeout(resolve, 100))
      assert.strictEqual(closeSessionsOf('connectSim'), 0, 'no session outlived its node')
    } finally {
      await environments.stopEmbeddedSimulator()
    }
  })

  it('two accounts with different keys in one flow never see each other\'s data', async () => {
    await load(flow(), ['connect', 'connectBob', 'balance'], creds)
    const alice = (await call('connect', {})).clientId
    const bob = (await call('connectBob', {})).clientId
    const [a, b] = await Promise.all([call('balance', { clientId: alice }), call('balance', { clientId: bob })])
    assert.deepStrictEqual(a.payload.map((x) => x.asset).sort(), ['BTC', 'USDT'])
    assert.deepStrictEqual(b.payload.map((x) => x.asset).sort(), ['ETH', 'USDT'])
    assert.strictEqual(a.payload.find((x) => x.asset === 'USDT').free, '1000.00000000')
    assert.strictEqual(b.payload.find((x) => x.asset === 'USDT').free, '25.00000000')
    const keys = sim.requests.filter((r) => r.path === '/api/v3/account').map((r) => r.apiKey)
    assert.ok(keys.includes(ALICE.apiKey) && keys.includes(BOB.apiKey))
  })
})
