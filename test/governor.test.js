'use strict'
// The rate governor counts as Binance counts: limits read from exchangeInfo, weight
// taken when a request is sent (so that requests in flight together cannot pass a
// limit), ORDERS per account from X-MBX-ORDER-COUNT-*, accepted orders free of weight.
const assert = require('assert')
const http = require('http')
const path = require('path')
const { helper, startTestSimulator, accountNode, load, callFails, dist } = require('./support/harness')

const { BinanceClient } = require(path.join(dist, 'lib', 'client'))
const { RateGovernor } = require(path.join(dist, 'lib', 'limiter'))

const TRADER = { apiKey: 'governed-key-01', apiSecret: 'governed-secret-01', balances: { USDT: '100000', BTC: '1' } }

/** Starts where at least `needMs` of a fixed window of `windowMs` is left, so that no count resets mid-test. */
async function roomInWindow (windowMs, needMs) {
  const left = windowMs - (Date.now() % windowMs)
  if (left < needMs) await new Promise((resolve) => setTimeout(resolve, left + 20))
}

describe('rate governor', function () {
  let sim
  afterEach(async () => { await helper.unload(); if (sim) await sim.close() })

  it('50 concurrent requests never pass the REQUEST_WEIGHT limit that exchangeInfo gives', async () => {
    sim = await startTestSimulator({ weightLimit: 100 })
    await roomInWindow(60_000, 3000)
    const client = new BinanceClient({ restUrl: sim.url, timeoutMs: 3000 })
    await client.exchangeInfo({ symbol: 'BTCUSDT' }) // weight 20; says the limit is 100 a minute
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => client.ticker24hr('BTCUSDT'))) // weight 2 each
    const passed = results.filter((r) => r.status === 'fulfilled')
    const refused = results.filter((r) => r.status === 'rejected').map((r) => r.reason)
    assert.strictEqual(passed.length, 40, '20 + 40 × 2 = 100')
    for (const err of refused) {
      assert.strictEqual(err.code, 'ErrRateLimited')
      assert.strictEqual(err.cause.httpStatus, undefined, 'refused here, not by a 429')
      assert.ok(err.cause.retryAfterMs > 0)
      assert.match(err.message, /limit of 100 per minute; nothing sent/)
    }
    assert.strictEqual(sim.requests.filter((r) => r.path === '/api/v3/ticker/24hr').length, 40)
    client.close()
  })

  it('weight used by others on the same IP, read from X-MBX-USED-WEIGHT-1M, counts too', async () => {
    sim = await startTestSimulator({ weightLimit: 100 })
    await roomInWindow(60_000, 3000)
    const client = new BinanceClient({ restUrl: sim.url, timeoutMs: 3000 })
    await client.exchangeInfo({ symbol: 'BTCUSDT' }) // 20
    // 60 more by another program on the same machine, which this process's governor does not see.
    for (let i = 0; i < 3; i++) await new Promise((resolve) => http.get(`${sim.url}/api/v3/exchangeInfo?symbol=ETHUSDT`, (res) => res.resume().on('end', resolve)))
    await client.ticker24hr('BTCUSDT') // 2; its answer says 82 are used
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => client.ticker24hr('BTCUSDT')))
    assert.strictEqual(results.filter((r) => r.status === 'fulfilled').length, 9, '82 + 9 × 2 = 100')
    assert.ok(results.every((r) => r.status === 'fulfilled' || r.reason.cause.httpStatus === undefined), 'no 429')
    client.close()
  })

  it('the ORDERS limit of an account is refused locally, also with 110 orders in flight at once', async () => {
    sim = await startTestSimulator({ accounts: [TRADER] })
    sim.setPrice('BTCUSDT', '60000.00')
    await roomInWindow(10_000, 3000)
    const client = new BinanceClient({ restUrl: sim.url, timeoutMs: 5000, apiKey: TRADER.apiKey, apiSecret: TRADER.apiSecret })
    await client.exchangeInfo({ symbol: 'BTCUSDT' }) // ORDERS: 100 per 10 s
    const order = (i) => client.newOrder('BTCUSDT', 'BUY', 'MARKET', { quantity: '0.001', newOrderRespType: 'FULL', newClientOrderId: `governed-${i}` })
    const results = await Promise.allSettled(Array.from({ length: 110 }, (_, i) => order(i)))
    const refused = results.filter((r) => r.status === 'rejected').map((r) => r.reason)
    assert.strictEqual(results.length - refused.length, 100)
    for (const err of refused) {
      assert.strictEqual(err.code, 'ErrRateLimited', err.message)
      assert.strictEqual(err.cause.httpStatus, undefined, 'refused here, not by a 429')
      assert.match(err.message, /ORDERS limit of 100 per 10 seconds/)
    }
    const posts = () => sim.requests.filter((r) => r.method === 'POST' && r.path === '/api/v3/order').length
    assert.strictEqual(posts(), 100)
    // Once the answers are in, the count comes from X-MBX-ORDER-COUNT-10S.
    const again = await order(200).then(() => undefined, (err) => err)
    assert.strictEqual(again && again.code, 'ErrRateLimited')
    assert.strictEqual(posts(), 100, 'nothing more was sent')
    client.close()
  })

  it('accepted orders cost no weight; a request may wait out a short window instead of being refused', async () => {
    // The governor's windows follow the clock it is given: 900 ms into a one-second window, always.
    let clock = 7_000_900
    const governor = new RateGovernor(() => clock)
    governor.learn([{ rateLimitType: 'REQUEST_WEIGHT', interval: 'SECOND', intervalNum: 1, limit: 10 }])
    for (let i = 0; i < 5; i++) governor.settle(await governor.take(5, 0, undefined, 0), undefined, false, true)
    const ticket = await governor.take(10, 0, undefined, 0)
    governor.settle(ticket, undefined, true, false)
    await assert.rejects(governor.take(1, 0, undefined, 0), (err) => err.code === 'ErrRateLimited' && err.cause.retryAfterMs === 100 && /per second/.test(err.message))
    const started = Date.now()
    const waiting = governor.take(1, 0, undefined, 2000)
    // The next window begins while the request waits.
    clock = 7_001_000
    await waiting
    const waited = Date.now() - started
    assert.ok(waited >= 100, `waited ${waited} ms: until the window's end`)
    assert.ok(waited <= 1000, `waited ${waited} ms: for the next window only, not the whole maxWait`)
  })

  it('a request that must be over by a time waits for room no longer than that, whatever the node\'s maxWait', async () => {
    sim = await startTestSimulator({ weightLimit: 100 })
    await roomInWindow(60_000, 5000)
    const client = new BinanceClient({ restUrl: sim.url, timeoutMs: 3000 })
    await client.exchangeInfo({ symbol: 'BTCUSDT' }) // weight 20; says the limit is 100 a minute
    await Promise.all(Array.from({ length: 40 }, () => client.ticker24hr('BTCUSDT'))) // weight 2 each: the minute is full
    const patient = client.withMaxWait(60_000)
    const started = Date.now()
    const outcome = await patient.serverTime({ until: started + 300 }).then(() => 'answered', (err) => err)
    const ms = Date.now() - started
    assert.ok(ms < 300, `gave up after ${ms} ms`)
    assert.strictEqual(outcome.code, 'ErrRateLimited')
    assert.strictEqual(sim.requests.filter((r) => r.path === '/api/v3/time').length, 0, 'nothing sent')
    client.close()
  })

  it('the governor of a host keeps no client alive: a closed client, its signer and keys can be collected', async () => {
    require('v8').setFlagsFromString('--expose-gc')
    const gc = require('vm').runInNewContext('gc')
    // A host no other test uses, so that this client is the first its governor sees.
    const made = () => {
      const client = new BinanceClient({ restUrl: 'http://127.0.0.1:1/governed-gc', timeoutMs: 1000, apiKey: 'gc-key', apiSecret: 'gc-secret' })
      client.close()
      return new WeakRef(client)
    }
    const ref = made()
    for (let i = 0; i < 10 && ref.deref() !== undefined; i++) {
      await new Promise((resolve) => setImmediate(resolve))
      gc()
    }
    assert.strictEqual(ref.deref(), undefined, 'the client was collected')
  })

  it('a node\'s maxWait must be a whole number of ms', async () => {
    sim = await startTestSimulator()
    await load([accountNode('acc', sim), { id: 'price', type: 'binance-spot-price', account: 'acc', mode: 'price', symbol: 'BTCUSDT', maxWait: 'soon' }], ['price'])
    const err = await callFails('price', {})
    assert.strictEqual(err.code, 'ErrInvalidArg')
    assert.match(err.message, /maxWait/)
  })
})
