'use strict'
// Talking to a simulator the way a Binance client does: signed requests (timed
// by the simulator's own clock, so a manual clock works), public GETs, and exact
// 8-decimal arithmetic for checking balances to the satoshi.
const crypto = require('crypto')

const qs = (params) => Object.entries(params)
  .filter(([, v]) => v !== undefined)
  .map(([k, v]) => `${k}=${encodeURIComponent(Array.isArray(v) ? JSON.stringify(v) : v)}`)
  .join('&')

async function answer (res) {
  const text = await res.text()
  let body
  try { body = JSON.parse(text) } catch { body = text }
  return { status: res.status, headers: res.headers, body }
}

/** A signed-request function for one account: call(method, path, params). */
function signer (sim, who) {
  return async (method, path, params = {}) => {
    const query = qs({ ...params, timestamp: sim.now() })
    const signature = crypto.createHmac('sha256', who.apiSecret).update(query).digest('hex')
    return answer(await fetch(`${sim.url}${path}?${query}&signature=${signature}`, { method, headers: { 'X-MBX-APIKEY': who.apiKey } }))
  }
}

async function get (sim, path, params = {}, headers = {}) {
  const query = qs(params)
  return answer(await fetch(`${sim.url}${path}${query ? `?${query}` : ''}`, { headers }))
}

/** 8-decimal strings as exact integers of 1e-8. */
function units (s) {
  const negative = s.startsWith('-')
  const [whole, fraction = ''] = (negative ? s.slice(1) : s).split('.')
  const v = BigInt(whole) * 100000000n + BigInt(fraction.padEnd(8, '0'))
  return negative ? -v : v
}

function fmt (u) {
  const negative = u < 0n
  const abs = negative ? -u : u
  return `${negative ? '-' : ''}${abs / 100000000n}.${(abs % 100000000n).toString().padStart(8, '0')}`
}

/** Everything the feed publishes, per kind, for a test to look at. */
function record (sim) {
  const seen = { trade: [], depth: [], account: [] }
  const stops = Object.keys(seen).map((kind) => sim.feed.on(kind, (e) => seen[kind].push(e)))
  seen.stop = () => stops.forEach((stop) => stop())
  seen.of = (apiKey, type) => seen.account.filter((a) => a.apiKey === apiKey && (type === undefined || a.event.e === type)).map((a) => a.event)
  return seen
}

module.exports = { qs, signer, get, units, fmt, record }
