'use strict'
// Node-RED as a process of its own (red.js of test/support/node-red.js), for
// what cannot share the test process: a second runtime beside the one the
// test helper or the editor tests run, adminAuth, or an installed package.
const fs = require('fs')
const path = require('path')
const { spawn } = require('child_process')
const nodeRed = require('./node-red')
const { freePort } = require('./ports')
const { waitFor } = require('./wait')

/**
 * Writes settings.js into `userDir` (`settings` plus the loopback host and a
 * free port) and starts Node-RED on it; resolves once GET `readyPath` answers
 * 2xx. `output()` is everything it printed, for failure messages.
 */
async function startNodeRed ({ userDir, settings, readyPath = '/settings', timeoutMs = 60000 }) {
  const port = await freePort()
  const file = path.join(userDir, 'settings.js')
  fs.writeFileSync(file, `module.exports = ${JSON.stringify({ uiHost: '127.0.0.1', uiPort: port, ...settings })}`)
  const red = spawn(process.execPath, [nodeRed.script, '--userDir', userDir, '--settings', file], { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  red.stdout.on('data', (d) => { output += d })
  red.stderr.on('data', (d) => { output += d })
  const exited = new Promise((resolve) => red.once('exit', resolve))
  const running = () => red.exitCode === null && red.signalCode === null
  const base = `http://127.0.0.1:${port}`
  const stop = async () => {
    if (running()) red.kill('SIGTERM')
    await exited
  }
  try {
    await waitFor(`Node-RED on ${base}`, async () => {
      if (!running()) throw new Error(`Node-RED exited before it answered:\n${output}`)
      return fetch(`${base}${readyPath}`).then((res) => res.ok, () => false)
    }, timeoutMs, 100)
  } catch (error) {
    await stop()
    error.message += `\n${output}`
    throw error
  }
  return { base, output: () => output, stop }
}

module.exports = { startNodeRed }
