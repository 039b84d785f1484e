'use strict'
// Latency on loopback, one request at a time, p50 and p99, in one run:
//  1. against a fixed-answer server (canned price, account, time and exchangeInfo), so that
//     the figures measure the clients and not the exchange: raw keep-alive http behind one
//     Node-RED hop, ccxt without its throttle, the raw @binance/connector, and the nodes;
//  2. against the simulator: the nodes as a flow sees them, and the memory a session holds;
//  3. the stream nodes (bench/streams.js);
//  4. the simulator's matching engine (bench/engine.js) and one simulated day of traffic (bench/day.js).
// Prints figures only; the tests never assert timings.
const crypto = require('crypto')
const http = require('http')
const path = require('path')
const ccxt = require('ccxt')
const { Spot } = require('@binance/connector')
const { main: streamFigures } = require('./streams')
const { helper, startTestSimulator, accountNode, credentialsOf, ALICE, dist } = require('../test/support/harness')

const ROUNDS = Number(process.env.BENCH_ROUNDS) || 2000
const WARM_UP = 200
const SESSIONS = Number(process.env.BENCH_SESSIONS) || 2000
const KEY = 'bench-key'
const SECRET = 'bench-secret'
const NODE_FILES = ['account', 'connect', 'price', 'balance', 'market'].map((f) => require(path.join(dist, f)))

// The fixed server: Binance's answers, canned; limits high enough never to stop a benchmark.
const CANNED = {
  '/api/v3/ticker/price': JSON.stringify({ symbol: 'BTCUSDT', price: '60000.00000000' }),
  '/api/v3/account': JSON.stringify({
    makerCommission: 10, takerCommission: 10, canTrade: true, canWithdraw: false, canDeposit: false, accountType: 'SPOT',
    balances: [{ asset: 'BTC', free: '0.50000000', locked: '0.00000000' }, { asset: 'USDT', free: '10000.00000000', locked: '0.00000000' }],
    permissions: ['SPOT']
  }),
  '/api/v3/exchangeInfo': JSON.stringify({
    timezone: 'UTC',
    serverTime: 0,
    rateLimits: [
      { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 1e9 },
      { rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: 1e9 }
    ],
    exchangeFilters: [],
    symbols: [{ symbol: 'BTCUSDT', status: 'TRADING', baseAsset: 'BTC', quoteAsset: 'USDT', baseAssetPrecision: 8, quoteAssetPrecision: 8, orderTypes: ['LIMIT', 'MARKET'], filters: [] }]
  })
}

function startFixedServer () {
  const server = http.createServer((req, res) => {
    const route = req.url.split('?')[0]
    const body = route === '/api/v3/time' ? JSON.stringify({ serverTime: Date.now() }) : CANNED[route]
    res.writeHead(body ? 200 : 404, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': Buffer.byteLength(body || '') })
    res.end(body || '')
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)))
}

/** One Node-RED hop around a plain keep-alive http.get: the least a node could cost. */
function rawHttpNode (RED) {
  function RawHttp (config) {
    RED.nodes.createNode(this, config)
    const agent = new http.Agent({ keepAlive: true })
    this.on('input', (msg, send, done) => {
      let query = config.query
      const headers = {}
      if (config.signed) {
        query += `${query ? '&' : ''}timestamp=${Date.now()}`
        query += `&signature=${crypto.createHmac('sha256', SECRET).update(query).digest('hex')}`
        headers['X-MBX-APIKEY'] = KEY
      }
      http.get(`${config.url}${config.path}?${query}`, { agent, headers }, (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (c) => { body += c })
        res.on('end', () => {
          msg.payload = JSON.parse(body)
          send(msg)
          done()
        })
      }).on('error', done)
    })
    this.on('close', () => agent.destroy())
  }
  RED.nodes.registerType('bench-raw-http', RawHttp)
}

/** Sends msgs into node `id` and resolves each with its own output msg. */
function roundTripper (id) {
  const waiting = new Map()
  helper.getNode(`${id}-out`).on('input', (msg) => {
    waiting.get(msg.benchId)?.resolve(msg)
    waiting.delete(msg.benchId)
  })
  helper.getNode('errors').on('input', (msg) => {
    waiting.get(msg.benchId)?.reject(new Error(msg.error.message))
    waiting.delete(msg.benchId)
  })
  let next = 0
  return () => new Promise((resolve, reject) => {
    const benchId = ++next
    waiting.set(benchId, { resolve, reject })
    helper.getNode(id).receive({ benchId })
  })
}

const BLOCKS = 10

/**
 * p50 and p99 of each contender, one request at a time. They take turns in short
 * blocks, so that a change in the machine's load (it is shared) falls on all alike.
 */
async function compare (contenders) {
  const samples = contenders.map(() => [])
  for (const [, fn] of contenders) for (let i = 0; i < WARM_UP; i++) await fn()
  for (let block = 0; block < BLOCKS; block++) {
    for (const [c, [, fn]] of contenders.entries()) {
      for (let i = 0; i < ROUNDS / BLOCKS; i++) {
        const t = process.hrtime.bigint()
        await fn()
        samples[c].push(Number(process.hrtime.bigint() - t) / 1000)
      }
    }
  }
  for (const [c, [label]] of contenders.entries()) {
    const sorted = samples[c].sort((a, b) => a - b)
    const at = (p) => sorted[Math.floor(sorted.length * p)].toFixed(0).padStart(6)
    console.log(`  ${label.padEnd(52)} p50 ${at(0.5)} µs   p99 ${at(0.99)} µs`)
  }
}

async function loadFlow (nodes, probed, credentials) {
  const flow = [{ id: 'flow1', type: 'tab', label: 'bench' }]
  for (const n of nodes) flow.push(n.type === 'binance-spot-account' ? n : { z: 'flow1', x: 100, y: 100, ...n, wires: probed.includes(n.id) ? [[`${n.id}-out`]] : [] })
  for (const id of probed) flow.push({ id: `${id}-out`, type: 'helper', z: 'flow1', x: 300, y: 100 })
  flow.push({ id: 'catch', type: 'catch', z: 'flow1', scope: null, uncaught: false, x: 100, y: 200, wires: [['errors']] })
  flow.push({ id: 'errors', type: 'helper', z: 'flow1', x: 300, y: 200 })
  await helper.load([...NODE_FILES, rawHttpNode], flow, credentials)
  // The test helper records every send() and status() of every node with sinon spies, which
  // costs more than a node's own work and grows the heap: measure the runtime as deployed.
  helper._sandbox.restore()
}

async function fixedServerFigures () {
  const server = await startFixedServer()
  const url = `http://127.0.0.1:${server.address().port}`
  console.log(`fixed-answer server ${url}: ${ROUNDS} requests each, one at a time, after ${WARM_UP} to warm up, in ${BLOCKS} turns`)

  await loadFlow([
    { id: 'acc', type: 'binance-spot-account', environment: 'custom', restUrl: url, timeout: 10000 },
    { id: 'rules', type: 'binance-spot-market', account: 'acc', mode: 'symbolInfo', symbol: 'BTCUSDT' },
    { id: 'price', type: 'binance-spot-price', account: 'acc', mode: 'price', symbol: 'BTCUSDT' },
    { id: 'balance', type: 'binance-spot-balance', account: 'acc', asset: 'USDT' },
    { id: 'rawPrice', type: 'bench-raw-http', url, path: '/api/v3/ticker/price', query: 'symbol=BTCUSDT', signed: false },
    { id: 'rawAccount', type: 'bench-raw-http', url, path: '/api/v3/account', query: 'omitZeroBalances=false', signed: true }
  ], ['rules', 'price', 'balance', 'rawPrice', 'rawAccount'], { acc: { apiKey: KEY, apiSecret: SECRET } })
  // exchangeInfo tells the nodes' governor the fixed server's limits.
  await roundTripper('rules')()

  const exchange = new ccxt.binance({ apiKey: KEY, secret: SECRET, enableRateLimit: false })
  Object.assign(exchange.urls.api, { public: `${url}/api/v3`, private: `${url}/api/v3` })
  const connector = new Spot(KEY, SECRET, { baseURL: url, timeout: 10000 })

  console.log('last price of one symbol (GET /api/v3/ticker/price)')
  await compare([
    ['raw keep-alive http + one Node-RED hop', roundTripper('rawPrice')],
    ['ccxt publicGetTickerPrice, no throttle', () => exchange.publicGetTickerPrice({ symbol: 'BTCUSDT' })],
    ['raw @binance/connector tickerPrice', () => connector.tickerPrice('BTCUSDT')],
    ['price node (Node-RED msg → payload)', roundTripper('price')]
  ])
  console.log('signed account (GET /api/v3/account)')
  await compare([
    ['raw keep-alive http + one Node-RED hop, HMAC', roundTripper('rawAccount')],
    ['ccxt privateGetAccount, no throttle', () => exchange.privateGetAccount()],
    ['raw @binance/connector account', () => connector.account()],
    ['balance node (Node-RED msg → payload)', roundTripper('balance')]
  ])

  await helper.unload()
  server.close()
  server.closeAllConnections()
}

async function simulatorFigures () {
  const sim = await startTestSimulator({ weightLimit: 10_000_000 })
  console.log(`simulator ${sim.url}`)
  await loadFlow([
    accountNode('alice', sim, { timeout: 10000 }),
    { id: 'rules', type: 'binance-spot-market', account: 'alice', mode: 'symbolInfo', symbol: 'BTCUSDT' },
    { id: 'price', type: 'binance-spot-price', account: 'alice', mode: 'price', symbol: 'BTCUSDT' },
    { id: 'balance', type: 'binance-spot-balance', account: 'alice', asset: 'USDT' },
    { id: 'connect', type: 'binance-spot-connect', account: 'alice', checkKeys: false }
  ], ['rules', 'price', 'balance', 'connect'], { alice: credentialsOf(ALICE) })
  // The simulator's exchangeInfo gives its (raised) weight limit to the nodes' governor.
  await roundTripper('rules')()
  await compare([['price node on the simulator', roundTripper('price')], ['balance node on the simulator', roundTripper('balance')]])

  const connect = roundTripper('connect')
  global.gc && global.gc()
  const before = process.memoryUsage().heapUsed
  for (let i = 0; i < SESSIONS; i++) await connect()
  global.gc && global.gc()
  const perSession = (process.memoryUsage().heapUsed - before) / SESSIONS
  console.log(`  ${`memory per open session (${SESSIONS} sessions)`.padEnd(52)} ${(perSession / 1024).toFixed(1)} KiB${global.gc ? '' : ' (run with --expose-gc for exact figures)'}`)

  await helper.unload()
  await sim.close()
}

async function main () {
  await fixedServerFigures()
  await simulatorFigures()
  await streamFigures()
  console.log('\nthe simulator\'s matching engine, in process')
  require('./engine').main()
  console.log('\none simulated day at 100 requests/s, in process')
  await require('./day').main()
}

main().catch((err) => { console.error(err); process.exit(1) })
