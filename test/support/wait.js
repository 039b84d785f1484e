'use strict'
// Waiting for what a test expects rather than sleeping: a fixed sleep races
// real I/O on a loaded machine, a condition polled until a deadline does not.
// No Node-RED here, so that tests outside the runtime (the browser tests, the
// Node-RED processes) can use it too.

/** Resolves with the first truthy value of `condition`; rejects naming `what` after `timeoutMs`. */
async function waitFor (what, condition, timeoutMs = 5000, everyMs = 10) {
  const end = Date.now() + timeoutMs
  for (;;) {
    const value = await condition()
    if (value) return value
    if (Date.now() > end) throw new Error(`timed out waiting for ${what} (${timeoutMs} ms)`)
    await new Promise((resolve) => setTimeout(resolve, everyMs))
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

module.exports = { waitFor, sleep }
