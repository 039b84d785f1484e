'use strict'
// The simulator in a process of its own for the stream benchmark, so that the
// figures of the client side are not mixed with the cost of sending. It
// publishes trades on its feed when asked (over IPC); each trade's time is the
// wall clock with sub-millisecond precision, from which the receiver measures
// the latency from sending to delivery.
const { performance } = require('perf_hooks')
const { startSimulator } = require('../dist/simulator')

const now = () => performance.timeOrigin + performance.now()
let nextId = 1

function publish (sim, count) {
  for (let i = 0; i < count; i++) {
    sim.feed.publish('trade', { symbol: 'BTCUSDT', id: nextId++, price: '60000.01', qty: '0.01000000', time: now(), isBuyerMaker: false })
  }
}

/** As fast as the socket takes them: in chunks, yielding so that the frames go out. */
async function burst (sim, count) {
  const started = now()
  for (let sent = 0; sent < count; sent += 200) {
    publish(sim, Math.min(200, count - sent))
    await new Promise((resolve) => setImmediate(resolve))
  }
  return (now() - started) / 1000
}

/** `rate` events a second, in 10 ms steps. */
async function paced (sim, count, rate) {
  const perStep = Math.max(1, Math.round(rate / 100))
  const started = now()
  for (let sent = 0; sent < count; sent += perStep) {
    publish(sim, Math.min(perStep, count - sent))
    const due = started + ((sent + perStep) / rate) * 1000
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - now())))
  }
  return (now() - started) / 1000
}

// A parent that failed or was killed cannot say close: go with it rather than run on.
process.on('disconnect', () => process.exit(0))
// A parent gone in the meantime is not an error of this process.
const answer = (message) => { if (process.connected) process.send(message, (error) => { if (error) process.exit(0) }) }

startSimulator({ tickMs: 0, weightLimit: 10_000_000 }).then((sim) => {
  // The simulator never holds the event loop; this does, until the parent says close.
  const keepAlive = setInterval(() => undefined, 60_000)
  process.on('message', async (m) => {
    if (m.cmd === 'close') {
      clearInterval(keepAlive)
      await sim.close()
      process.exit(0)
    }
    const seconds = m.cmd === 'burst' ? await burst(sim, m.count) : await paced(sim, m.count, m.rate)
    answer({ done: true, seconds, lastId: nextId - 1 })
  })
  answer({ url: sim.url })
})
