'use strict'
// One simulated day at 100 requests a second, on the simulator's manual clock:
// market data polls, account reads and a steady trickle of orders, each request
// handled exactly as one over HTTP (recorded, weighed, signed, routed). Every
// store that grows with traffic is bounded, so the heap at the end of the day
// should be where it was after the first minute. Prints figures only.
const crypto = require('crypto')
const { startSimulator } = require('../dist/simulator')

const HOURS = Number(process.env.BENCH_DAY_HOURS) || 24
const PER_SECOND = 100
const TRADER = { apiKey: 'day-trader', apiSecret: 'day-secret', balances: { USDT: '100000000', BTC: '1000' } }

const gc = () => global.gc && global.gc()
const mb = (bytes) => `${(bytes / 1048576).toFixed(1)} MB`

function signedQuery (sim, params) {
  const query = new URLSearchParams({ ...params, timestamp: String(sim.now()) }).toString()
  return `${query}&signature=${crypto.createHmac('sha256', TRADER.apiSecret).update(query).digest('hex')}`
}

/** The n-th request of a second: mostly market data, some account reads, two orders and a cancel. */
function request (sim, n, second) {
  const headers = { 'X-MBX-APIKEY': TRADER.apiKey }
  const signed = (method, path, params) => ({ method, path, query: signedQuery(sim, params), headers })
  if (n < 40) return { method: 'GET', path: '/api/v3/ticker/price', query: 'symbol=BTCUSDT' }
  if (n < 60) return { method: 'GET', path: '/api/v3/depth', query: 'symbol=BTCUSDT&limit=5' }
  if (n < 70) return { method: 'GET', path: '/api/v3/ticker/bookTicker', query: 'symbol=ETHUSDT' }
  if (n < 75) return { method: 'GET', path: '/api/v3/klines', query: 'symbol=BTCUSDT&interval=1m&limit=2' }
  if (n < 80) return { method: 'GET', path: '/api/v3/trades', query: 'symbol=ETHUSDT&limit=5' }
  if (n < 95) return signed('GET', n % 2 ? '/api/v3/account' : '/api/v3/openOrders', n % 2 ? {} : { symbol: 'BTCUSDT' })
  // Two new orders a second stay under the ORDERS limit of 200,000 a day.
  if (n === 95) {
    const price = (Number(sim.price('BTCUSDT')) * 0.97).toFixed(2)
    return signed('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.001', price, newClientOrderId: `day-${second}` })
  }
  if (n === 96) return signed('DELETE', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: `day-${second}` })
  if (n === 97) return signed('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: second % 2 ? 'BUY' : 'SELL', type: 'MARKET', quantity: '0.001' })
  return { method: 'GET', path: '/api/v3/avgPrice', query: 'symbol=BTCUSDT' }
}

async function main () {
  const sim = await startSimulator({ clock: 'manual', startTime: Date.UTC(2026, 0, 1), weightLimit: 1e9, accounts: [TRADER] })
  const seconds = HOURS * 3600
  const started = Date.now()
  let failures = 0
  let baseline = 0
  for (let second = 0; second < seconds; second++) {
    sim.advance(1000)
    for (let n = 0; n < PER_SECOND; n++) {
      const answer = await sim.inject(request(sim, n, second))
      if (answer.status !== 200) failures++
    }
    if (second === 59) {
      gc()
      baseline = process.memoryUsage().heapUsed
      console.log(`heap after the first simulated minute`.padEnd(58), mb(baseline))
    }
    if (second % 21600 === 21599) {
      gc()
      console.log(`heap after ${(second + 1) / 3600} simulated hours`.padEnd(58), mb(process.memoryUsage().heapUsed))
    }
  }
  gc()
  const end = process.memoryUsage().heapUsed
  console.log(`requests handled (${HOURS} h at ${PER_SECOND}/s), refused ${failures}`.padEnd(58), String(seconds * PER_SECOND).padStart(9))
  console.log(`kept in sim.requests`.padEnd(58), String(sim.requests.length).padStart(9))
  console.log(`heap growth over the day${global.gc ? '' : ' (run with --expose-gc for exact figures)'}`.padEnd(58), mb(end - baseline))
  console.log(`wall time`.padEnd(58), `${((Date.now() - started) / 1000).toFixed(0)} s`)
  await sim.close()
}

module.exports = { main }
if (require.main === module) main().catch((err) => { console.error(err); process.exit(1) })
