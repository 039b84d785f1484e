'use strict'
// Runs the built nodes in a real Node-RED runtime (node-red-node-test-helper)
// against simulators on loopback, and turns "send a msg, wait for the output
// or for the Catch node" into a promise.
const path = require('path')
const helper = require('node-red-node-test-helper')
const { startSimulator } = require('../../dist/simulator')

const nodeRed = require('./node-red')

helper.init(nodeRed.main)

const dist = path.join(__dirname, '..', '..', 'dist', 'nodes')
const NODE_FILES = require('../../scripts/lib/definitions').load().map(({ file }) => require(path.join(dist, file)))

const ALICE = { apiKey: 'alice-key-0001', apiSecret: 'alice-secret-0001', balances: { USDT: '1000', BTC: '0.1' } }
const BOB = { apiKey: 'bob-key-0002', apiSecret: 'bob-secret-0002', balances: { USDT: '25', ETH: '2' } }

function startTestSimulator (options = {}) {
  return startSimulator({ port: 0, host: '127.0.0.1', tickMs: 0, accounts: [ALICE, BOB], ...options })
}

/** A binance-spot-account on a test simulator through the custom environment. */
function accountNode (id, sim, extra = {}) {
  const ws = sim.url.replace(/^http/, 'ws')
  return { id, type: 'binance-spot-account', name: `account ${id}`, environment: 'custom', restUrl: sim.url, streamUrl: ws, wsApiUrl: `${ws}/ws-api/v3`, recvWindow: 5000, timeout: 3000, ...extra }
}

function credentialsOf (who) {
  return { apiKey: who.apiKey, apiSecret: who.apiSecret }
}

/**
 * Wires each listed node to an "<id>-out" helper, and puts one Catch node
 * scoped to all of them (the test helper registers a core type once per
 * flow node, so a flow can hold only one) wired to an "err" helper.
 */
function withProbes (nodes, probed) {
  const flow = [...nodes]
  for (const id of probed) {
    const node = flow.find((n) => n.id === id)
    node.wires = [[`${id}-out`]]
    flow.push({ id: `${id}-out`, type: 'helper', z: node.z })
  }
  if (probed.length) {
    flow.push({ id: 'probe-catch', type: 'catch', z: 'flow1', scope: [...probed], uncaught: false, wires: [['probe-err']] })
    flow.push({ id: 'probe-err', type: 'helper', z: 'flow1' })
  }
  return flow
}

async function load (nodes, probed, credentials = {}) {
  // Node-RED takes a node without x and y for a config node.
  for (const n of nodes) if (n.type !== 'binance-spot-account') Object.assign(n, { z: n.z || 'flow1', x: n.x ?? 100, y: n.y ?? 100 })
  const flow = [{ id: 'flow1', type: 'tab', label: 'test' }, ...withProbes(nodes, probed)]
  for (const n of flow) if (n.type === 'helper' || n.type === 'catch') Object.assign(n, { x: 300, y: 100 })
  await helper.load(NODE_FILES, flow, credentials)
}

/** Sends msg into node `id`; resolves with the output msg, rejects with the msg the Catch node got. */
function call (id, msg = {}, timeoutMs = 8000) {
  return new Promise((resolve, reject) => {
    const out = helper.getNode(`${id}-out`)
    const err = helper.getNode('probe-err')
    const timer = setTimeout(() => { cleanup(); reject(new Error(`no answer from ${id} within ${timeoutMs} ms`)) }, timeoutMs)
    function onOut (m) { cleanup(); resolve(m) }
    function onErr (m) {
      if (m.error.source.id !== id) return
      cleanup()
      reject(Object.assign(new Error(m.error.message), { msg: m }))
    }
    function cleanup () {
      clearTimeout(timer)
      out.removeListener('input', onOut)
      err.removeListener('input', onErr)
    }
    out.on('input', onOut)
    err.on('input', onErr)
    helper.getNode(id).receive(msg)
  })
}

/** Expects `call` to fail; resolves with msg.error as the Catch node saw it. */
async function callFails (id, msg = {}, timeoutMs) {
  try {
    const m = await call(id, msg, timeoutMs)
    throw Object.assign(new Error(`expected an error from ${id}, got payload ${JSON.stringify(m.payload)}`), { unexpected: true })
  } catch (e) {
    if (e.unexpected || !e.msg) throw e
    return e.msg.error
  }
}

/** The last status a node showed. */
function lastStatus (id) {
  const node = helper.getNode(id)
  const calls = node.status.getCalls().filter((c) => c.thisValue === node)
  return calls.length ? calls[calls.length - 1].args[0] : undefined
}

module.exports = { helper, ALICE, BOB, startTestSimulator, accountNode, credentialsOf, load, call, callFails, lastStatus, dist }
