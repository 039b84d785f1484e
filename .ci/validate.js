'use strict'
// Runs `node-red-dev validate` (the Flow Library's checks) on the built
// package. catalogue.nodered.org, which two checks read (P08 similar names,
// N01 unique node types), may be out of reach: it is then answered with an
// empty catalogue and those two checks are reported as not run. Exits non-zero
// on any warning, and on "Unable to parse" in particular.
const path = require('path')

const tools = path.resolve(process.argv[2])
const packageDir = path.resolve(__dirname, '..')
const requireTool = (id) => require(require.resolve(id, { paths: [path.join(tools, 'node_modules', 'node-red-dev')] }))

const axios = requireTool('axios')
const unreachable = []
const get = axios.get.bind(axios)
axios.get = async (url, ...rest) => {
  try {
    return await get(url, ...rest)
  } catch (err) {
    if (!url.startsWith('https://catalogue.nodered.org/')) throw err
    unreachable.push(url)
    return { data: { modules: [] } }
  }
}

/**
 * Warnings accepted on purpose, each with its reason. undici 7 and later need a
 * newer Node than Node-RED 4 users may run (8: Node 22.19; 7: Node 20.18.1, while
 * the package supports every Node 20); its 6.x line is maintained for Node 20.
 */
const ACCEPTED = [
  { warning: /D03 undici is not at latest version/, reason: 'undici 6.x is the line that runs on every Node 20' }
]

const lines = []
for (const stream of ['stdout', 'stderr']) {
  const write = process[stream].write.bind(process[stream])
  process[stream].write = (chunk, ...rest) => {
    lines.push(...String(chunk).split('\n'))
    return write(chunk, ...rest)
  }
}

const Validate = require(path.join(tools, 'node_modules', 'node-red-dev', 'src', 'commands', 'validate.js'))
Validate.run(['--path', packageDir, '--embed', 'true']).then(() => {
  if (unreachable.length) console.log(`(catalogue.nodered.org unreachable: P08 and N01 ran against an empty catalogue, so they prove nothing here)`)
  const problems = lines.filter((l) => /Unable to parse|Warning|›\s+Warning|Error/i.test(l)).filter((l) => {
    const accepted = ACCEPTED.find((a) => a.warning.test(l))
    if (accepted) console.log(`(accepted: ${l.replace(/^\W+/, '')} — ${accepted.reason})`)
    return !accepted
  })
  if (problems.length) {
    console.error(`node-red-dev validate: ${problems.length} problem(s)`)
    process.exit(1)
  }
}, (err) => {
  console.error(err)
  process.exit(1)
})
