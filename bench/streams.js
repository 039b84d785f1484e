'use strict'
// Stream benchmark against the simulator running in a child process: events a
// second through one stream node, the latency from the simulator sending to
// the msg leaving the node with 1 and with 200 stream nodes on the same
// stream, CPU time per 10,000 events, and the heap over a simulated hour at
// 1,000 events a second. A plain \`ws\` client and the connector's
// WebsocketStream listen to the same stream for comparison. Prints figures
// only; a lost event or a silent simulator fails the run after a deadline
// instead of hanging it.
const path = require('path')
const { fork } = require('child_process')
const { performance } = require('perf_hooks')
const WebSocket = require('ws')
const { WebsocketStream } = require('@binance/connector')
const { helper, accountNode, load } = require('../test/support/harness')

const BURST = Number(process.env.BENCH_STREAM_BURST) || 100_000
const FANOUT_NODES = 200
const LATENCY_RATE = Number(process.env.BENCH_LATENCY_RATE) || 100
const LATENCY_SECONDS = 10
const HOUR_EVENTS = Number(process.env.BENCH_HOUR_EVENTS) || 3_600_000
// How long the simulator may take to answer a command, and a receiver to get the last event sent.
const DEADLINE_MS = Number(process.env.BENCH_STREAM_DEADLINE_MS) || 120_000

const now = () => performance.timeOrigin + performance.now()
const silent = { log () {}, info () {}, warn () {}, error () {}, debug () {} }

/**
 * The test helper spies on every node's send, status and log (it keeps each
 * call and emits an event for it); a real Node-RED does not. Figures are
 * taken with the spies removed once the flow has started.
 */
async function loadPlain (nodes, r) {
  await load(nodes, [])
  helper._sandbox.restore()
  for (const n of nodes) {
    if (!n.wires) continue
    const node = helper.getNode(n.id)
    // Node-RED copies the (then spied) send onto each wired node; wiring again copies the real one.
    node.updateWires(n.wires)
    // Timed as the msg leaves the node; it still goes on to the next node as in any flow.
    const send = node.send
    node.send = function (msg) {
      r.take(msg.payload)
      return send.call(this, msg)
    }
  }
}

function startChild () {
  const child = fork(path.join(__dirname, 'stream-sim.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  /** Sends `message` (none: waits for the first one) and resolves with the child's answer. */
  const ask = (message) => new Promise((resolve, reject) => {
    const what = message ? `${message.cmd} ${message.count}` : 'start'
    const timer = setTimeout(() => done(new Error(`the simulator child did not answer "${what}" within ${DEADLINE_MS} ms`)), DEADLINE_MS)
    const onMessage = (answer) => done(undefined, answer)
    const onExit = (code, signal) => done(new Error(`the simulator child exited (${signal || code}) before answering "${what}"`))
    function done (error, answer) {
      clearTimeout(timer)
      child.off('message', onMessage)
      child.off('exit', onExit)
      if (error) reject(error)
      else resolve(answer)
    }
    child.on('message', onMessage)
    child.on('exit', onExit)
    if (message) child.send(message)
  })
  return { child, ask }
}

/** Collects what a receiver gets: count, latency from the trade's send time, the last id. */
function receiver () {
  const r = { count: 0, latencies: [], lastId: 0, keepLatency: false }
  r.take = (trade) => {
    r.count++
    r.lastId = trade.t
    if (r.keepLatency) r.latencies.push(now() - trade.T)
  }
  r.until = (id) => new Promise((resolve, reject) => {
    const end = Date.now() + DEADLINE_MS
    const check = () => {
      if (r.lastId >= id) resolve()
      else if (Date.now() > end) reject(new Error(`the last event received is ${r.lastId}, not ${id}, ${DEADLINE_MS} ms after it was sent`))
      else setTimeout(check, 5)
    }
    check()
  })
  return r
}

function percentiles (values) {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]
  return { p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] }
}

const row = (label, text) => console.log(`${label.padEnd(72)} ${text}`)
const ms = (v) => `${v.toFixed(2)} ms`

/** A burst through `r`; events/s as received, and CPU ms per 10,000 events in this process. */
async function throughput (label, sim, r) {
  const warm = await sim.ask({ cmd: 'burst', count: 2000 })
  await r.until(warm.lastId)
  global.gc && global.gc()
  const startCount = r.count
  const cpu = process.cpuUsage()
  const started = now()
  const sent = await sim.ask({ cmd: 'burst', count: BURST })
  await r.until(sent.lastId)
  const seconds = (now() - started) / 1000
  const used = process.cpuUsage(cpu)
  const events = r.count - startCount
  row(`${label}: events/s received`, `${(events / seconds).toFixed(0).padStart(7)}   (simulator sent ${(BURST / sent.seconds).toFixed(0)}/s)`)
  row(`${label}: CPU time per 10,000 events`, ms(((used.user + used.system) / 1000 / events) * 10000))
}

async function latency (label, sim, r, expected = 1) {
  // Every client starts warm, the first measured as much as the others.
  const warm = await sim.ask({ cmd: 'burst', count: 2000 })
  await r.until(warm.lastId)
  global.gc && global.gc()
  await new Promise((resolve) => setTimeout(resolve, 100))
  r.latencies = []
  r.keepLatency = true
  const sent = await sim.ask({ cmd: 'paced', count: LATENCY_RATE * LATENCY_SECONDS, rate: LATENCY_RATE })
  await r.until(sent.lastId)
  await new Promise((resolve) => setTimeout(resolve, 50))
  r.keepLatency = false
  const { p50, p99, max } = percentiles(r.latencies)
  row(`${label}: latency, ${r.latencies.length / expected} events at ${LATENCY_RATE}/s`, `p50 ${ms(p50)}   p99 ${ms(p99)}   max ${ms(max)}`)
  return p99
}

async function main () {
  const sim = startChild()
  try {
    await figures(sim)
  } finally {
    if (sim.child.connected) sim.child.send({ cmd: 'close' })
  }
}

async function figures (sim) {
  const { url } = await sim.ask()
  const ws = url.replace('http', 'ws')
  console.log(`\nstreams: simulator ${url} in a child process, bursts of ${BURST} trades on btcusdt@trade`)

  // A plain \`ws\` client on the raw stream, alone: the least any client could cost.
  const plain = receiver()
  const socket = new WebSocket(`${ws}/ws/btcusdt@trade`)
  socket.on('message', (data) => plain.take(JSON.parse(data)))
  await new Promise((resolve, reject) => { socket.once('open', resolve); socket.once('error', reject) })
  await new Promise((resolve) => setTimeout(resolve, 300))
  const plainP99 = await latency('plain ws client (sent → message event)', sim, plain)
  await throughput('plain ws client', sim, plain)
  socket.close()

  // The connector's WebsocketStream, alone on the stream.
  const raw = receiver()
  const connector = new WebsocketStream({ logger: silent, wsURL: ws, combinedStreams: true, callbacks: { message: (text) => raw.take(JSON.parse(text).data) } })
  connector.subscribe('btcusdt@trade')
  await new Promise((resolve) => setTimeout(resolve, 300))
  const rawP99 = await latency('connector WebsocketStream (sent → callback)', sim, raw)
  row('connector WebsocketStream: added p99 over the plain ws client', ms(rawP99 - plainP99))
  await throughput('connector WebsocketStream', sim, raw)
  connector.disconnect()

  // One stream node.
  const one = receiver()
  await loadPlain([
    accountNode('acc', { url }, { timeout: 10000 }),
    { id: 'one', type: 'binance-spot-stream', account: 'acc', streamType: 'trade', symbols: 'BTCUSDT', wires: [['sink']] },
    { id: 'sink', type: 'helper' }
  ], one)
  await new Promise((resolve) => setTimeout(resolve, 300))
  const oneP99 = await latency('1 stream node (sent → msg leaves the node)', sim, one)
  row('1 stream node: added p99 over the plain ws client', ms(oneP99 - plainP99))
  row('1 stream node: added p99 over the connector', ms(oneP99 - rawP99))
  await throughput('1 stream node', sim, one)

  // Heap over a simulated hour: 3.6 million events (1,000 a second for an hour) through the one node.
  global.gc && global.gc()
  const heap = [process.memoryUsage().heapUsed]
  const step = HOUR_EVENTS / 6
  for (let i = 0; i < 6; i++) {
    const sent = await sim.ask({ cmd: 'burst', count: step })
    await one.until(sent.lastId)
    await new Promise((resolve) => setTimeout(resolve, 50))
    global.gc && global.gc()
    heap.push(process.memoryUsage().heapUsed)
  }
  row(`heap, simulated hour (${HOUR_EVENTS} events), every 10 min`, heap.map((h) => `${(h / 1048576).toFixed(1)}`).join(' → ') + ' MiB')
  await helper.unload()

  // 200 stream nodes on the same stream, all wired to one sink.
  const fan = receiver()
  const nodes = Array.from({ length: FANOUT_NODES }, (_, i) => ({ id: `f${i}`, type: 'binance-spot-stream', account: 'acc', streamType: 'trade', symbols: 'BTCUSDT', wires: [['sink']] }))
  await loadPlain([accountNode('acc', { url }, { timeout: 10000 }), ...nodes, { id: 'sink', type: 'helper' }], fan)
  await new Promise((resolve) => setTimeout(resolve, 500))
  const fanP99 = await latency(`${FANOUT_NODES} stream nodes (sent → msg leaves each node)`, sim, fan, FANOUT_NODES)
  row(`${FANOUT_NODES} stream nodes: added p99 over the plain ws client`, ms(fanP99 - plainP99))
  row(`${FANOUT_NODES} stream nodes: added p99 over the connector (target < 5 ms)`, ms(fanP99 - rawP99))
  await helper.unload()
}

module.exports = { main }
if (require.main === module) main().catch((err) => { console.error(err); process.exit(1) })
