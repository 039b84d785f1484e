'use strict'
// Benchmarks on loopback against the simulator: the price node in a real
// Node-RED runtime against the raw @binance/connector it wraps, signed
// requests, and the memory each client session holds; then the simulator's
// engine (engine.js) and one simulated day of traffic (day.js). Prints figures only.
// The counts keep the whole run under Binance's 6000 request weight a minute,
// which the nodes' rate governor enforces as it would against Binance.
const { Spot } = require('@binance/connector')
const { startTestSimulator, accountNode, load, call, helper, ALICE, credentialsOf } = require('../test/support/harness')

const REQUESTS = Number(process.env.BENCH_REQUESTS) || 600
const CONCURRENCY = 8
const SESSIONS = Number(process.env.BENCH_SESSIONS) || 2000

async function timed (label, count, fn) {
  // A short warm-up, so that whichever runs first does not pay for the JIT and the first connections.
  for (let i = 0; i < 10; i++) await fn()
  const latencies = []
  let next = 0
  const started = process.hrtime.bigint()
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < count) {
      next++
      const t = process.hrtime.bigint()
      await fn()
      latencies.push(Number(process.hrtime.bigint() - t) / 1e6)
    }
  }))
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  latencies.sort((a, b) => a - b)
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))].toFixed(2)
  console.log(`${label.padEnd(44)} ${(count / seconds).toFixed(0).padStart(6)} req/s   p50 ${pct(0.5)} ms   p99 ${pct(0.99)} ms`)
}

async function main () {
  const sim = await startTestSimulator({ weightLimit: 10_000_000 })
  console.log(`simulator ${sim.url}, ${REQUESTS} requests each, ${CONCURRENCY} in flight`)

  const raw = new Spot('', '', { baseURL: sim.url, timeout: 10000 })
  await timed('raw connector: tickerPrice(BTCUSDT)', REQUESTS, () => raw.tickerPrice('BTCUSDT'))

  await load([
    accountNode('alice', sim, { timeout: 10000 }),
    { id: 'price', type: 'binance-spot-price', account: 'alice', mode: 'price', symbol: 'BTCUSDT' },
    { id: 'balance', type: 'binance-spot-balance', account: 'alice', asset: 'USDT' },
    { id: 'connect', type: 'binance-spot-connect', account: 'alice', checkKeys: false }
  ], ['price', 'balance', 'connect'], { alice: credentialsOf(ALICE) })
  await timed('price node (Node-RED msg → payload)', REQUESTS, () => call('price', {}))

  const rawSigned = new Spot(ALICE.apiKey, ALICE.apiSecret, { baseURL: sim.url, timeout: 10000 })
  await timed('raw connector: account() signed', REQUESTS / 12, () => rawSigned.account())
  await timed('balance node: signed account, one asset', REQUESTS / 12, () => call('balance', {}))

  global.gc && global.gc()
  const before = process.memoryUsage().heapUsed
  for (let i = 0; i < SESSIONS; i++) await call('connect', {})
  global.gc && global.gc()
  const perSession = (process.memoryUsage().heapUsed - before) / SESSIONS
  console.log(`memory per open session (${SESSIONS} sessions)`.padEnd(44), `${(perSession / 1024).toFixed(1)} KiB${global.gc ? '' : ' (run with --expose-gc for exact figures)'}`)

  await helper.unload()
  await sim.close()

  console.log('\nthe simulator\'s matching engine, in process')
  require('./engine').main()
  console.log('\none simulated day at 100 requests/s, in process')
  await require('./day').main()
}

main().catch((err) => { console.error(err); process.exit(1) })
