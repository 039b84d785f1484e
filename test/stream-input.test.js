'use strict'
// Bad settings and bad messages for the stream nodes: ErrInvalidArg through
// Catch, the node keeps working, and nothing leaks a key, a secret or a signature.
const assert = require('assert')
const { helper, startTestSimulator, accountNode, load, callFails } = require('./support/harness')
const { fastStreams, collect, collectErrors, waitFor, serverStreams, statusTexts } = require('./support/streams')
const { captureOutput } = require('./support/output')
const { secretChecks } = require('./support/secrets')

describe('stream nodes: bad input and secrets', function () {
  let sim
  const unhandled = []
  const onUnhandled = (reason) => unhandled.push(reason)
  fastStreams()
  before(async () => {
    sim = await startTestSimulator({ accounts: [{ apiKey: KEY, apiSecret: SECRET, balances: { USDT: '5' } }] })
    process.on('unhandledRejection', onUnhandled)
  })
  after(async () => {
    process.off('unhandledRejection', onUnhandled)
    await sim.close()
  })
  afterEach(async () => {
    await helper.unload()
    assert.deepStrictEqual(unhandled, [], 'no unhandled rejection')
  })

  const streamNode = (id, extra) => ({ id, type: 'binance-spot-stream', account: 'acc', streamType: 'trade', symbols: 'BTCUSDT', ...extra })

  it('a bad setting is ErrInvalidArg at deploy, on the status, and for every msg; no stream is opened', async () => {
    const bad = {
      type: { streamType: 'candles' },
      interval: { streamType: 'kline', interval: '2m' },
      depthLevels: { streamType: 'depth', levels: 7 },
      bookLow: { streamType: 'orderBook', levels: 0 },
      bookHigh: { streamType: 'orderBook', levels: '1001' },
      speed: { streamType: 'depth', levels: 5, speed: '10ms' },
      throttle: { throttle: '-5' },
      symbol: { symbols: 'BTC/USDT' },
      tooMany: { symbols: Array.from({ length: 2000 }, (_, i) => `S${i}USDT`).join(',') }
    }
    const nodes = Object.entries(bad).map(([id, extra]) => streamNode(id, extra))
    const opened = sim.ws.opened().stream
    await load([accountNode('acc', sim), ...nodes], nodes.map((n) => n.id))
    const messages = []
    for (const node of nodes) {
      const status = statusTexts(node.id).pop()
      assert.match(status, /^ErrInvalidArg: /, `${node.id}: ${status}`)
      const err = await callFails(node.id, { action: 'subscribe', symbol: 'ETHUSDT' }, 1000)
      assert.strictEqual(err.code, 'ErrInvalidArg', node.id)
      messages.push(err.message)
    }
    assert.match(messages[0], /streamType must be one of trade, aggTrade, kline/)
    assert.match(messages[1], /interval must be one of 1s 1m/)
    assert.match(messages[2], /levels must be 5, 10 or 20 for depth, got 7/)
    assert.match(messages[8], /2000 symbols for one stream node, at most 1024/)
    assert.strictEqual(sim.ws.opened().stream, opened)
  })

  it('a malformed msg.action or symbol list is ErrInvalidArg, and the node keeps working', async () => {
    await load([accountNode('acc', sim), streamNode('s', {}), streamNode('all', { streamType: 'allMiniTickers', symbols: '' })], ['s', 'all'])
    await waitFor('subscribed', () => serverStreams(sim).length === 1 && serverStreams(sim)[0].length === 2)
    const cases = [
      {},
      { action: 42 },
      { action: 'explode' },
      { action: { toString: 'subscribe' } },
      { action: 'subscribe' },
      { action: 'subscribe', symbol: 'BTC/USDT' },
      { action: 'subscribe', symbol: 12 },
      { action: 'subscribe', symbols: { BTCUSDT: true } },
      { action: 'subscribe', symbols: [1, 2] },
      { action: 'subscribe', symbols: Array.from({ length: 2000 }, (_, i) => `S${i}USDT`) },
      { action: 'unsubscribe' }
    ]
    for (const msg of cases) {
      const err = await callFails('s', msg, 1000)
      assert.strictEqual(err.code, 'ErrInvalidArg', JSON.stringify(msg).slice(0, 80))
      assert.ok(err.message.length < 300)
    }
    assert.strictEqual((await callFails('all', { action: 'subscribe', symbol: 'BTCUSDT' }, 1000)).code, 'ErrInvalidArg')
    const got = collect('s')
    helper.getNode('s').receive({ action: 'subscribe', symbol: 'ethusdt' })
    await waitFor('the good msg still works', () => serverStreams(sim)[0].includes('ethusdt@trade'))
    assert.strictEqual(got.length, 0, 'an action sends no msg of its own')
  })

  it('an account it cannot stream from is reported at deploy, and again for every msg', async () => {
    await load([
      accountNode('noStream', sim, { streamUrl: '' }),
      streamNode('s', { account: 'noStream' }),
      streamNode('gone', { account: 'no-such-account' })
    ], ['s', 'gone'])
    await waitFor('the error status', () => /^ErrInvalidArg: /.test(statusTexts('s').pop()) && /^ErrNotConnected: /.test(statusTexts('gone').pop()))
    for (const msg of [{ action: 'subscribe', symbol: 'ETHUSDT' }, { action: 'start' }]) {
      const err = await callFails('s', msg, 1000)
      assert.strictEqual(err.code, 'ErrInvalidArg')
      assert.match(err.message, /has no stream URL/)
      assert.strictEqual((await callFails('gone', msg, 1000)).code, 'ErrNotConnected')
    }
  })

  it('user stream: bad events list, a msg without a usable clientId', async () => {
    await load([
      accountNode('acc', sim),
      { id: 'badEvents', type: 'binance-spot-user-stream', account: 'acc', events: 'execution Report!' },
      { id: 'user', type: 'binance-spot-user-stream', account: '', events: '' }
    ], ['badEvents', 'user'])
    assert.match(statusTexts('badEvents').pop(), /^ErrInvalidArg: events must be/)
    assert.strictEqual(statusTexts('user').pop(), 'waiting for msg.clientId')
    assert.strictEqual((await callFails('user', {}, 1000)).code, 'ErrInvalidArg')
    assert.strictEqual((await callFails('user', { clientId: 7 }, 1000)).code, 'ErrInvalidArg')
    assert.strictEqual((await callFails('user', { clientId: 'no-such-session' }, 1000)).code, 'ErrNotConnected')
  })

  it('no key, secret or signature in any msg, status, log line, error or console output', async () => {
    const output = captureOutput()
    try {
      await load([
        accountNode('good', sim), accountNode('wrong', sim),
        { id: 'user', type: 'binance-spot-user-stream', account: 'good', events: '' },
        { id: 'refused', type: 'binance-spot-user-stream', account: 'wrong', events: '' }
      ], ['user', 'refused'], { good: { apiKey: KEY, apiSecret: SECRET }, wrong: { apiKey: KEY, apiSecret: `${SECRET}-wrong` } })
      const got = collect('user')
      const errors = collectErrors()
      await waitFor('the resync and the refusal', () => got.length === 1 && errors.length === 1)
      sim.feed.publish('account', { apiKey: KEY, event: { e: 'balanceUpdate', E: 1, a: 'USDT', d: '1.00000000', T: 1 } })
      sim.ws.drop('api')
      await waitFor('the event and the outage', () => got.length >= 2 && errors.length >= 2)
      const statuses = ['user', 'refused'].flatMap((id) => helper.getNode(id).status.getCalls().map((c) => c.args))
      const logs = helper.log().getCalls().map((c) => c.args)
      const { assertNoSecret } = secretChecks({ apiKey: KEY, apiSecret: SECRET })
      for (const [what, value] of [['msgs', got], ['errors', errors], ['statuses', statuses], ['log', logs], ['console', output.text()]]) assertNoSecret(what, value)
      assert.deepStrictEqual(errors.map((e) => e.code).sort(), ['ErrCredentials', 'ErrNetwork'])
    } finally {
      output.restore()
    }
  })
})

const KEY = 'SENTINEL-STREAM-KEY-5c1e7a'
const SECRET = 'SENTINEL-STREAM-SECRET-9d2b4f'
