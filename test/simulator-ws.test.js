'use strict'
// The simulator's WebSocket side with a plain WebSocket client: Binance's paths,
// control messages, WebSocket API methods, message shapes and error answers.
const assert = require('assert')
const crypto = require('crypto')
const WebSocket = require('ws')
const { ALICE, startTestSimulator } = require('./support/harness')
const { waitFor, sleep } = require('./support/streams')

/** A client that keeps every text frame it gets, parsed. */
function open (url) {
  const ws = new WebSocket(url)
  const frames = []
  let closed = false
  ws.on('message', (data) => frames.push(JSON.parse(data.toString())))
  ws.on('close', () => { closed = true })
  ws.on('error', () => undefined)
  const ready = new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('unexpected-response', (req, res) => reject(new Error(`HTTP ${res.statusCode}`))) })
  const next = async (predicate = () => true, what = 'a frame') => waitFor(what, () => frames.find(predicate), 3000)
  return { ws, frames, ready, next, send: (body) => ws.send(typeof body === 'string' ? body : JSON.stringify(body)), get closed () { return closed } }
}

function sign (params, secret = ALICE.apiSecret) {
  const payload = Object.keys(params).sort().map((k) => `${k}=${params[k]}`).join('&')
  return { ...params, signature: crypto.createHmac('sha256', secret).update(payload).digest('hex') }
}

const trade = (symbol = 'BTCUSDT', id = 1) => ({ symbol, id, price: '60000.10', qty: '0.5', time: 1700000000000, isBuyerMaker: false })

describe('simulator: WebSocket side', function () {
  let sim, base
  before(async () => {
    sim = await startTestSimulator()
    base = sim.url.replace('http', 'ws')
  })
  after(async () => { await sim.close() })

  describe('market streams', function () {
    it('/ws/<stream> sends raw payloads; /stream?streams= wraps them as {stream, data}', async () => {
      const raw = open(`${base}/ws/btcusdt@trade`)
      const combined = open(`${base}/stream?streams=btcusdt@trade/ethusdt@aggTrade`)
      await Promise.all([raw.ready, combined.ready])
      sim.feed.publish('trade', trade('BTCUSDT', 11))
      sim.feed.publish('aggTrade', { ...trade('ETHUSDT', 12), firstId: 12, lastId: 12 })
      const r = await raw.next()
      assert.deepStrictEqual({ ...r, E: 0 }, { e: 'trade', E: 0, s: 'BTCUSDT', t: 11, p: '60000.10', q: '0.5', T: 1700000000000, m: false, M: true })
      await waitFor('both', () => combined.frames.length === 2)
      assert.deepStrictEqual(combined.frames.map((f) => f.stream), ['btcusdt@trade', 'ethusdt@aggTrade'])
      assert.deepStrictEqual({ ...combined.frames[1].data, E: 0 }, { e: 'aggTrade', E: 0, s: 'ETHUSDT', a: 12, p: '60000.10', q: '0.5', f: 12, l: 12, T: 1700000000000, m: false, M: true })
      assert.strictEqual(raw.frames.length, 1, 'only its own stream')
      raw.ws.close()
      combined.ws.close()
    })

    it('SUBSCRIBE, UNSUBSCRIBE, LIST_SUBSCRIPTIONS, SET_PROPERTY and GET_PROPERTY answer as Binance does', async () => {
      const c = open(`${base}/ws`)
      await c.ready
      c.send({ method: 'SUBSCRIBE', params: ['btcusdt@trade', 'btcusdt@depth@100ms'], id: 1 })
      assert.deepStrictEqual(await c.next((f) => f.id === 1), { result: null, id: 1 })
      c.send({ method: 'LIST_SUBSCRIPTIONS', id: 2 })
      assert.deepStrictEqual((await c.next((f) => f.id === 2)).result, ['btcusdt@trade', 'btcusdt@depth@100ms'])
      sim.feed.publish('trade', trade())
      assert.strictEqual((await c.next((f) => f.e === 'trade')).s, 'BTCUSDT', 'raw until combined is set')
      await sleep(250)
      c.send({ method: 'UNSUBSCRIBE', params: ['btcusdt@depth@100ms'], id: 'abc' })
      assert.deepStrictEqual(await c.next((f) => f.id === 'abc'), { result: null, id: 'abc' })
      c.send({ method: 'SET_PROPERTY', params: ['combined', true], id: 4 })
      assert.deepStrictEqual(await c.next((f) => f.id === 4), { result: null, id: 4 })
      await sleep(250)
      c.send({ method: 'GET_PROPERTY', params: ['combined'], id: 5 })
      assert.deepStrictEqual(await c.next((f) => f.id === 5), { result: true, id: 5 })
      sim.feed.publish('trade', trade('BTCUSDT', 2))
      assert.strictEqual((await c.next((f) => f.stream)).stream, 'btcusdt@trade')
      c.ws.close()
    })

    it('answers bad control messages with Binance\'s error objects', async () => {
      const c = open(`${base}/ws`)
      await c.ready
      c.send('{not json')
      await sleep(210)
      c.send({ method: 'SUBSCRIBER', params: [], id: 1 })
      await sleep(210)
      c.send({ params: [], id: 2 })
      await sleep(210)
      c.send({ method: 'SUBSCRIBE', params: ['no such stream'], id: 3 })
      await sleep(210)
      c.send({ method: 'SET_PROPERTY', params: ['colour', true], id: 4 })
      await waitFor('five answers', () => c.frames.length === 5)
      assert.deepStrictEqual(c.frames[0], { error: { code: 3, msg: 'Invalid JSON: expected value at line 1 column 1' } })
      assert.strictEqual(c.frames[1].error.code, 2)
      assert.match(c.frames[1].error.msg, /^Invalid request: unknown variant `SUBSCRIBER`, expected one of `SUBSCRIBE`/)
      assert.match(c.frames[2].error.msg, /^Invalid request: missing field `method`/)
      assert.strictEqual(c.frames[3].id, 3)
      assert.strictEqual(c.frames[3].error.code, 2)
      assert.deepStrictEqual(c.frames[4], { error: { code: 0, msg: 'Unknown property' }, id: 4 })
      c.ws.close()
    })

    it('refuses unknown paths and stream names at the handshake, and more than 1024 streams on a connection', async () => {
      await assert.rejects(open(`${base}/nope`).ready, /HTTP 404/)
      await assert.rejects(open(`${base}/ws/btcusdt@nonsense`).ready, /HTTP 400/)
      const c = open(`${base}/ws`)
      await c.ready
      c.send({ method: 'SUBSCRIBE', params: Array.from({ length: 1025 }, (_, i) => `s${i}usdt@trade`), id: 1 })
      assert.strictEqual((await c.next((f) => f.id === 1)).error.code, 2)
      c.ws.close()
    })

    it('closes a connection that sends more than 5 messages a second', async () => {
      const c = open(`${base}/ws`)
      await c.ready
      const before = sim.ws.stats().rateViolations
      for (let i = 0; i < 6; i++) c.send({ method: 'LIST_SUBSCRIPTIONS', id: i })
      await waitFor('closed', () => c.closed)
      assert.strictEqual(sim.ws.stats().rateViolations, before + 1)
    })

    it('depth diffs of one period go out as one event with U and u spanning them, bookTicker and timed streams follow', async () => {
      const c = open(`${base}/stream?streams=btcusdt@depth@100ms/btcusdt@depth10/ethusdt@miniTicker/!miniTicker@arr`)
      await c.ready
      sim.feed.publish('depth', { symbol: 'BTCUSDT', time: 1, firstUpdateId: 101, lastUpdateId: 102, bids: [['1.00', '2']], asks: [] })
      sim.feed.publish('depth', { symbol: 'BTCUSDT', time: 2, firstUpdateId: 103, lastUpdateId: 103, bids: [['1.00', '3'], ['0.90', '1']], asks: [['1.10', '0']] })
      const diff = (await c.next((f) => f.stream === 'btcusdt@depth@100ms')).data
      assert.deepStrictEqual({ ...diff, E: 0 }, { e: 'depthUpdate', E: 0, s: 'BTCUSDT', U: 101, u: 103, b: [['1.00', '3'], ['0.90', '1']], a: [['1.10', '0']] })
      const partial = (await c.next((f) => f.stream === 'btcusdt@depth10', 'depth10')).data
      assert.deepStrictEqual(Object.keys(partial), ['lastUpdateId', 'bids', 'asks'])
      assert.strictEqual(partial.bids.length, 10)
      assert.strictEqual((await c.next((f) => f.stream === 'ethusdt@miniTicker')).data.e, '24hrMiniTicker')
      assert.strictEqual((await c.next((f) => f.stream === '!miniTicker@arr')).data.length, 7)
      c.ws.close()
    })

    it('pings with a payload and counts the pongs that echo it; a shortened lifetime closes the connection', async () => {
      sim.ws.setPingInterval(100)
      sim.ws.setLifetime(600)
      try {
        const before = sim.ws.stats().pongs
        const c = open(`${base}/ws/btcusdt@trade`)
        await c.ready
        await waitFor('pongs', () => sim.ws.stats().pongs >= before + 2)
        await waitFor('closed at the end of its lifetime', () => c.closed, 2000)
      } finally {
        sim.ws.setPingInterval(20000)
        sim.ws.setLifetime(24 * 3600 * 1000)
      }
    })

    it('serverShutdown in both forms, then the connections close', async () => {
      const raw = open(`${base}/ws/btcusdt@trade`)
      const combined = open(`${base}/stream?streams=btcusdt@trade`)
      await Promise.all([raw.ready, combined.ready])
      sim.ws.shutdown(100, 'stream')
      assert.strictEqual((await raw.next()).e, 'serverShutdown')
      const notice = await combined.next()
      assert.strictEqual(notice.stream, '!serverShutdown')
      assert.strictEqual(notice.data.e, 'serverShutdown')
      await waitFor('both closed', () => raw.closed && combined.closed)
    })
  })

  describe('WebSocket API', function () {
    let api
    beforeEach(async () => {
      api = open(`${base}/ws-api/v3`)
      await api.ready
    })
    afterEach(() => api.ws.close())

    const answer = (id) => api.next((f) => f.id === id, `answer ${id}`)

    it('ping and time, with rateLimits', async () => {
      api.send({ id: 'p', method: 'ping' })
      api.send({ id: 't', method: 'time' })
      const ping = await answer('p')
      assert.deepStrictEqual(ping.result, {})
      assert.strictEqual(ping.status, 200)
      assert.strictEqual(ping.rateLimits[0].rateLimitType, 'REQUEST_WEIGHT')
      assert.ok(Math.abs((await answer('t')).result.serverTime - Date.now()) < 1000)
    })

    it('userDataStream.subscribe.signature; the account\'s events arrive as {subscriptionId, event}; unsubscribe ends them', async () => {
      api.send({ id: 1, method: 'userDataStream.subscribe.signature', params: sign({ apiKey: ALICE.apiKey, timestamp: Date.now() }) })
      const subscribed = await answer(1)
      assert.strictEqual(subscribed.status, 200)
      const { subscriptionId } = subscribed.result
      api.send({ id: 2, method: 'userDataStream.subscribe.signature', params: sign({ apiKey: ALICE.apiKey, timestamp: Date.now() }) })
      assert.strictEqual((await answer(2)).error.code, -2035)
      api.send({ id: 3, method: 'session.subscriptions' })
      assert.deepStrictEqual((await answer(3)).result, [{ subscriptionId }])
      const event = { e: 'outboundAccountPosition', E: 5, u: 5, B: [{ a: 'BTC', f: '1.00000000', l: '0.00000000' }] }
      sim.feed.publish('account', { apiKey: 'someone-else', event: { e: 'balanceUpdate', E: 4 } })
      sim.feed.publish('account', { apiKey: ALICE.apiKey, event })
      assert.deepStrictEqual(await api.next((f) => f.event), { subscriptionId, event })
      api.send({ id: 4, method: 'userDataStream.unsubscribe', params: { subscriptionId } })
      assert.deepStrictEqual((await answer(4)).result, {})
      assert.strictEqual(api.frames.filter((f) => f.event && f.event.e === 'eventStreamTerminated').length, 1)
      api.send({ id: 5, method: 'userDataStream.unsubscribe', params: { subscriptionId } })
      assert.strictEqual((await answer(5)).error.code, -2036)
    })

    it('a wrong signature is -1022, an unknown key -2015, a stale timestamp -1021', async () => {
      api.send({ id: 1, method: 'userDataStream.subscribe.signature', params: sign({ apiKey: ALICE.apiKey, timestamp: Date.now() }, 'not-the-secret') })
      assert.deepStrictEqual([(await answer(1)).status, (await answer(1)).error], [400, { code: -1022, msg: 'Signature for this request is not valid.' }])
      api.send({ id: 2, method: 'userDataStream.subscribe.signature', params: sign({ apiKey: 'unknown-key', timestamp: Date.now() }) })
      assert.deepStrictEqual([(await answer(2)).status, (await answer(2)).error], [401, { code: -2015, msg: 'Invalid API-key, IP, or permissions for action.' }])
      api.send({ id: 3, method: 'userDataStream.subscribe.signature', params: sign({ apiKey: ALICE.apiKey, timestamp: Date.now() - 60000 }) })
      assert.strictEqual((await answer(3)).error.code, -1021)
    })

    it('bad requests: unknown method, missing params, unknown params, not JSON', async () => {
      api.send({ id: 1, method: 'order.teleport' })
      assert.deepStrictEqual((await answer(1)).error, { code: -1020, msg: 'This operation is not supported.' })
      api.send({ id: 2, method: 'userDataStream.subscribe.signature', params: { timestamp: Date.now() } })
      assert.deepStrictEqual((await answer(2)).error, { code: -1102, msg: "Mandatory parameter 'apiKey' was not sent, was empty/null, or malformed." })
      api.send({ id: 3, method: 'ping', params: { extra: 1 } })
      assert.strictEqual((await answer(3)).error.code, -1104)
      api.send('{oops')
      const malformed = await api.next((f) => f.id === null)
      assert.deepStrictEqual([malformed.status, malformed.error.code], [400, -1102])
    })

    it('session.logon with an Ed25519 key, then userDataStream.subscribe; an HMAC key cannot log on', async () => {
      const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519')
      sim.addAccount({ apiKey: 'ed-logon-key', publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) })
      const params = { apiKey: 'ed-logon-key', timestamp: Date.now() }
      const payload = Object.keys(params).sort().map((k) => `${k}=${params[k]}`).join('&')
      params.signature = crypto.sign(null, Buffer.from(payload), privateKey).toString('base64')
      api.send({ id: 1, method: 'userDataStream.subscribe' })
      assert.strictEqual((await answer(1)).status, 401)
      api.send({ id: 2, method: 'session.logon', params })
      const logon = await answer(2)
      assert.strictEqual(logon.result.apiKey, 'ed-logon-key')
      assert.strictEqual(logon.result.userDataStream, false)
      api.send({ id: 3, method: 'userDataStream.subscribe' })
      assert.strictEqual(typeof (await answer(3)).result.subscriptionId, 'number')
      api.send({ id: 4, method: 'session.status' })
      assert.strictEqual((await answer(4)).result.userDataStream, true)
      api.send({ id: 5, method: 'session.logon', params: sign({ apiKey: ALICE.apiKey, timestamp: Date.now() }) })
      assert.strictEqual((await answer(5)).error.code, -1020)
      api.send({ id: 6, method: 'session.logout' })
      assert.strictEqual((await answer(6)).result.apiKey, null)
      assert.ok(api.frames.some((f) => f.event && f.event.e === 'eventStreamTerminated'))
    })

    it('serverShutdown reaches WebSocket API connections as {event}', async () => {
      sim.ws.shutdown(100, 'api')
      assert.strictEqual((await api.next((f) => f.event)).event.e, 'serverShutdown')
      await waitFor('closed', () => api.closed)
    })
  })
})
