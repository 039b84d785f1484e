'use strict'
// The binance-spot-user-stream node on the simulator's WebSocket API, in a real Node-RED.
// Account events are published on sim.feed directly, as the matching engine does.
const assert = require('assert')
const crypto = require('crypto')
const { helper, ALICE, BOB, startTestSimulator, accountNode, credentialsOf, load, call } = require('./support/harness')
const { fastStreams, collect, collectErrors, waitFor, sleep, statusTexts } = require('./support/streams')

const apiConnections = (sim) => sim.ws.connections().filter((c) => c.kind === 'api')
const subscribedKeys = (sim) => apiConnections(sim).flatMap((c) => c.subscriptions.map((s) => s.apiKey)).sort()

let eventTime = 1
function executionReport (sim, apiKey, clientOrderId, status = 'NEW') {
  const event = { e: 'executionReport', E: eventTime++, s: 'BTCUSDT', c: clientOrderId, S: 'BUY', o: 'LIMIT', f: 'GTC', q: '0.01000000', p: '50000.00', X: status, x: status === 'FILLED' ? 'TRADE' : 'NEW', i: 7 }
  sim.feed.publish('account', { apiKey, event })
  return event
}
function balanceUpdate (sim, apiKey) {
  const event = { e: 'balanceUpdate', E: eventTime++, a: 'BTC', d: '0.01000000', T: eventTime }
  sim.feed.publish('account', { apiKey, event })
  return event
}

describe('user stream node: the account\'s own events', function () {
  let sim
  const ed = crypto.generateKeyPairSync('ed25519')
  const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 })
  const pem = (key, type) => key.export({ type, format: 'pem' })
  const ED = { apiKey: 'ed-key-0003', publicKeyPem: pem(ed.publicKey, 'spki'), balances: { USDT: '7' } }
  const RSA = { apiKey: 'rsa-key-0004', publicKeyPem: pem(rsa.publicKey, 'spki'), balances: { USDT: '8' } }

  fastStreams()
  before(async () => { sim = await startTestSimulator({ accounts: [ALICE, BOB, ED, RSA] }) })
  after(async () => { await sim.close() })
  afterEach(async () => {
    await helper.unload()
    sim.ws.setAccepting(true)
    await waitFor('no API connection left', () => apiConnections(sim).length === 0)
  })

  const userStream = (id, extra) => ({ id, type: 'binance-spot-user-stream', account: 'alice', events: '', ...extra })

  it('a resync first, then every event with msg.topic = its type and the event unchanged; the events filter', async () => {
    await load([accountNode('alice', sim), userStream('all'), userStream('orders', { events: 'executionReport' })], ['all', 'orders'], { alice: credentialsOf(ALICE) })
    const all = collect('all')
    const orders = collect('orders')
    await waitFor('the resyncs', () => all.length === 1 && orders.length === 1)
    assert.deepStrictEqual(subscribedKeys(sim), [ALICE.apiKey], 'one connection, one subscription for both nodes')
    assert.strictEqual(all[0].topic, 'resync')
    assert.deepStrictEqual(all[0].payload.openOrders, [])
    assert.deepStrictEqual(all[0].payload.balances.map((b) => b.asset).sort(), ['BTC', 'USDT'])
    assert.strictEqual(statusTexts('all').pop(), 'connected: account events')

    const report = executionReport(sim, ALICE.apiKey, 'my-order-1')
    const balance = balanceUpdate(sim, ALICE.apiKey)
    executionReport(sim, BOB.apiKey, 'not-alice')
    await waitFor('the events', () => all.length === 3 && orders.length === 2)
    assert.deepStrictEqual(all.slice(1).map((m) => [m.topic, m.payload]), [['executionReport', report], ['balanceUpdate', balance]])
    assert.deepStrictEqual(orders.slice(1).map((m) => [m.topic, m.payload.c]), [['executionReport', 'my-order-1']])
    orders[1].payload.c = 'changed by one flow'
    assert.strictEqual(all[1].payload.c, 'my-order-1', 'each node has its own copy')
    await sleep(50)
    assert.strictEqual(all.length, 3, 'nothing of another account')
  })

  it('listens to the session named by msg.clientId until it is disconnected, then to its own account again', async () => {
    await load([
      accountNode('alice', sim), accountNode('bob', sim),
      { id: 'connect', type: 'binance-spot-connect', account: 'bob', checkKeys: false },
      { id: 'disconnect', type: 'binance-spot-disconnect' },
      userStream('user')
    ], ['connect', 'disconnect', 'user'], { alice: credentialsOf(ALICE), bob: credentialsOf(BOB) })
    const got = collect('user')
    await waitFor('alice', () => subscribedKeys(sim).join() === ALICE.apiKey)
    const { clientId } = await call('connect', {})
    helper.getNode('user').receive({ clientId })
    await waitFor('bob instead of alice', () => subscribedKeys(sim).join() === BOB.apiKey)
    await waitFor('bob\'s resync', () => got.some((m) => m.topic === 'resync' && m.clientId === clientId))
    executionReport(sim, BOB.apiKey, 'bob-order')
    await waitFor('bob\'s event', () => got.some((m) => m.topic === 'executionReport'))
    const event = got.find((m) => m.topic === 'executionReport')
    assert.strictEqual(event.payload.c, 'bob-order')
    assert.strictEqual(event.clientId, clientId)
    await call('disconnect', { clientId })
    await waitFor('alice again', () => subscribedKeys(sim).join() === ALICE.apiKey)
    assert.strictEqual(apiConnections(sim).length, 1, 'bob\'s connection is closed')
  })

  it('a session it cannot listen to is refused, and the node goes on listening to what it listened to', async () => {
    const { callFails } = require('./support/harness')
    await load([
      accountNode('alice', sim), accountNode('noWsApi', sim, { wsApiUrl: '' }),
      { id: 'connect', type: 'binance-spot-connect', account: 'noWsApi', checkKeys: false },
      userStream('user')
    ], ['connect', 'user'], { alice: credentialsOf(ALICE), noWsApi: credentialsOf(BOB) })
    const got = collect('user')
    await waitFor('alice\'s resync', () => got.some((m) => m.topic === 'resync'))
    const { clientId } = await call('connect', {})
    const err = await callFails('user', { clientId })
    assert.strictEqual(err.code, 'ErrInvalidArg')
    assert.match(err.message, /no WebSocket API URL/)
    await sleep(100)
    assert.strictEqual(subscribedKeys(sim).join(), ALICE.apiKey, 'still subscribed to alice')
    executionReport(sim, ALICE.apiKey, 'still-alice')
    await waitFor('alice\'s event', () => got.some((m) => m.topic === 'executionReport' && m.payload.c === 'still-alice'))
  })

  it('a session it listens to stays open past its idle timeout; once it stops listening, the session idles again', async () => {
    const { callFails } = require('./support/harness')
    await load([
      accountNode('alice', sim), accountNode('bob', sim),
      { id: 'connect', type: 'binance-spot-connect', account: 'bob', checkKeys: false, idleTimeout: 1 },
      { id: 'balance', type: 'binance-spot-balance', asset: '' },
      userStream('user')
    ], ['connect', 'balance', 'user'], { alice: credentialsOf(ALICE), bob: credentialsOf(BOB) })
    const got = collect('user')
    const first = (await call('connect', {})).clientId
    helper.getNode('user').receive({ clientId: first })
    await waitFor('bob', () => subscribedKeys(sim).join() === BOB.apiKey)
    await sleep(1500)
    assert.strictEqual(subscribedKeys(sim).join(), BOB.apiKey, 'still listening to the session')
    executionReport(sim, BOB.apiKey, 'quiet-then-one')
    await waitFor('bob\'s event', () => got.some((m) => m.topic === 'executionReport' && m.clientId === first))
    // Listening to another session lets the first one idle again.
    const second = (await call('connect', {})).clientId
    helper.getNode('user').receive({ clientId: second })
    await sleep(1300)
    assert.strictEqual((await callFails('balance', { clientId: first })).code, 'ErrNotConnected', 'the first session closed once idle')
    assert.ok(Array.isArray((await call('balance', { clientId: second })).payload), 'the one listened to is open')
  })

  it('a drop resubscribes and resyncs again; Catch hears ErrNetwork once per outage', async () => {
    await load([accountNode('alice', sim), userStream('user')], ['user'], { alice: credentialsOf(ALICE) })
    const got = collect('user')
    const errors = collectErrors()
    await waitFor('the first resync', () => got.length === 1)
    const refused = sim.ws.stats().refused
    sim.ws.setAccepting(false)
    sim.ws.drop('api')
    await waitFor('three refused reconnects', () => sim.ws.stats().refused - refused >= 3)
    assert.strictEqual(statusTexts('user').pop(), 'reconnecting')
    sim.ws.setAccepting(true)
    await waitFor('the second resync', () => got.filter((m) => m.topic === 'resync').length === 2)
    executionReport(sim, ALICE.apiKey, 'after-drop')
    await waitFor('events again', () => got.some((m) => m.payload.c === 'after-drop'))
    assert.deepStrictEqual(errors.map((e) => e.code), ['ErrNetwork'])
  })

  it('serverShutdown: a new subscription takes over without losing or doubling an event', async () => {
    await load([accountNode('alice', sim), userStream('user', { events: 'executionReport' })], ['user'], { alice: credentialsOf(ALICE) })
    const got = collect('user')
    const errors = collectErrors()
    await waitFor('the first resync', () => got.length === 1)
    const opened = sim.ws.opened().api
    const sent = []
    const timer = setInterval(() => sent.push(executionReport(sim, ALICE.apiKey, `o-${sent.length}`).c), 3)
    try {
      await sleep(50)
      sim.ws.shutdown(500, 'api')
      await waitFor('the new connection', () => sim.ws.opened().api === opened + 1)
      await waitFor('the old one closed', () => apiConnections(sim).length === 1)
      await sleep(50)
    } finally {
      clearInterval(timer)
    }
    await waitFor('every event', () => got.filter((m) => m.topic === 'executionReport').length >= sent.length)
    await sleep(30)
    assert.deepStrictEqual(got.filter((m) => m.topic === 'executionReport').map((m) => m.payload.c), sent)
    assert.deepStrictEqual(errors, [])
  })

  it('Ed25519 and RSA keys sign the subscription', async () => {
    await load([
      accountNode('ed', sim), accountNode('rsa', sim),
      userStream('edStream', { account: 'ed' }), userStream('rsaStream', { account: 'rsa' })
    ], ['edStream', 'rsaStream'], {
      ed: { apiKey: ED.apiKey, privateKey: pem(ed.privateKey, 'pkcs8') },
      rsa: { apiKey: RSA.apiKey, privateKey: pem(rsa.privateKey, 'pkcs8') }
    })
    const edGot = collect('edStream')
    const rsaGot = collect('rsaStream')
    await waitFor('both resyncs', () => edGot.length === 1 && rsaGot.length === 1)
    assert.deepStrictEqual(subscribedKeys(sim), [ED.apiKey, RSA.apiKey].sort())
    assert.deepStrictEqual(edGot[0].payload.balances, [{ asset: 'USDT', free: '7.00000000', locked: '0.00000000' }])
  })

  it('a refused key is ErrCredentials, reported once while the node keeps trying', async () => {
    await load([accountNode('alice', sim), userStream('user')], ['user'], { alice: { apiKey: ALICE.apiKey, apiSecret: 'wrong-secret' } })
    const errors = collectErrors()
    const opened = sim.ws.opened().api
    await waitFor('three attempts', () => sim.ws.opened().api >= opened + 3)
    assert.deepStrictEqual(errors.map((e) => e.code), ['ErrCredentials'])
    assert.strictEqual(errors[0].cause.binanceCode, -1022)
    assert.strictEqual(statusTexts('user').pop().startsWith('ErrCredentials'), true)
  })
})
