'use strict'
const assert = require('assert')
const { helper, startTestSimulator, accountNode, load, call, callFails } = require('./support/harness')
const { captureOutput } = require('./support/output')
const { freePort } = require('./support/ports')

const KEY = 'SENTINEL-KEY-7f3a9c1d2e'
const SECRET = 'SENTINEL-SECRET-b4e8a6f0c2'

describe('secrets never leak', function () {
  let sim
  let output

  before(async () => {
    sim = await startTestSimulator({ accounts: [{ apiKey: KEY, apiSecret: SECRET, balances: { USDT: '50' } }] })
  })
  after(async () => { await sim.close() })

  beforeEach(() => { output = captureOutput() })
  afterEach(async () => {
    output.restore()
    await helper.unload()
  })

  function assertClean (what, value) {
    const text = typeof value === 'string' ? value : JSON.stringify(value, (k, v) => (v instanceof Error ? { message: v.message, stack: v.stack, ...v } : v))
    assert.ok(!text.includes(KEY), `${what} contains the API key`)
    assert.ok(!text.includes(SECRET), `${what} contains the API secret`)
    assert.ok(!/signature=/.test(text), `${what} contains a signed URL`)
  }

  it('in no msg, error, status, log line, console output or context, on success and on every kind of failure', async () => {
    const port = await freePort()
    await load([
      accountNode('good', sim),
      accountNode('wrongSecret', sim),
      accountNode('slow', sim, { timeout: 200 }),
      { id: 'down', type: 'binance-spot-account', environment: 'custom', restUrl: `http://127.0.0.1:${port}`, timeout: 1000 },
      { id: 'connect', type: 'binance-spot-connect', account: 'good', checkKeys: true },
      { id: 'connectWrong', type: 'binance-spot-connect', account: 'wrongSecret', checkKeys: true },
      { id: 'balance', type: 'binance-spot-balance', account: 'good', asset: '' },
      { id: 'balanceSlow', type: 'binance-spot-balance', account: 'slow', asset: '' },
      { id: 'balanceDown', type: 'binance-spot-balance', account: 'down', asset: '' },
      { id: 'disconnect', type: 'binance-spot-disconnect' }
    ], ['connect', 'connectWrong', 'balance', 'balanceSlow', 'balanceDown', 'disconnect'], {
      good: { apiKey: KEY, apiSecret: SECRET },
      wrongSecret: { apiKey: KEY, apiSecret: SECRET + '-wrong' },
      slow: { apiKey: KEY, apiSecret: SECRET },
      down: { apiKey: KEY, apiSecret: SECRET }
    })

    const outputs = []
    const connected = await call('connect', { payload: 'x' })
    outputs.push(connected)
    outputs.push(await call('balance', { clientId: connected.clientId }))
    outputs.push(await call('balance', { asset: 'USDT' }))
    outputs.push(await call('disconnect', { clientId: connected.clientId }))
    const errors = []
    errors.push(await callFails('connectWrong', {}))
    errors.push(await callFails('balance', { asset: 'NOPE' }))
    errors.push(await callFails('balanceDown', {}))
    sim.setDelay(1000)
    errors.push(await callFails('balanceSlow', {}))
    sim.setDelay(0)

    assert.deepStrictEqual(errors.map((e) => e.code), ['ErrCredentials', 'ErrInvalidArg', 'ErrNetwork', 'ErrTimeout'])
    assert.ok(sim.requests.some((r) => r.apiKey === KEY), 'the key was used')

    for (const m of outputs) assertClean('an output msg', m)
    for (const e of errors) assertClean('msg.error', e)
    const node = helper.getNode('balance')
    const statusCalls = node.status.getCalls().map((c) => c.args)
    assert.ok(statusCalls.length > 0)
    assertClean('node status', statusCalls)
    const logCalls = helper.log().getCalls().map((c) => c.args)
    assertClean('log lines', logCalls)
    assertClean('console output', output.text())
    for (const store of [node.context(), node.context().flow, node.context().global]) {
      assertClean('context', store.keys().map((k) => store.get(k)))
    }
    const accountConfig = helper.getNode('good')
    assertClean('the account node\'s enumerable config', Object.keys(accountConfig).filter((k) => k !== 'credentials' && k !== 'settings').map((k) => accountConfig[k]))
  })
})
