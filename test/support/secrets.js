'use strict'
// The checks that an account's key and secret, and what is made from them
// (a signed query, a signature), reach nothing a user sees: a msg, an error,
// a node's status, Node-RED's log or the console.
const assert = require('assert')
const { helper } = require('./harness')

// A signed REST query, a signed WebSocket API request, or an HMAC-SHA256 signature in hex.
const SIGNED = /signature=|"signature"|timestamp=|[0-9a-f]{64}/

function textOf (value) {
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/** The checks for one account's key and secret. */
function secretChecks ({ apiKey, apiSecret }) {
  function assertNoSecret (what, value) {
    const text = textOf(value)
    assert.ok(!text.includes(apiKey), `${what} contains the API key: ${text}`)
    assert.ok(!text.includes(apiSecret), `${what} contains the API secret: ${text}`)
    const signed = SIGNED.exec(text)
    assert.ok(!signed, `${what} contains a signed request or a signature (${signed && signed[0]}): ${text}`)
  }

  /** `values`, the statuses of the nodes `ids`, every log line so far and, when given, the console output. */
  function assertNothingLeaked (ids, values, consoleText) {
    values.forEach((v, i) => assertNoSecret(`value ${i}`, v))
    for (const id of ids) assertNoSecret(`${id}'s status`, helper.getNode(id).status.getCalls().map((c) => c.args))
    assertNoSecret('log lines', helper.log().getCalls().map((c) => c.args))
    if (consoleText !== undefined) assertNoSecret('console output', consoleText)
  }

  return { assertNoSecret, assertNothingLeaked }
}

module.exports = { secretChecks }
