'use strict'
// Compiles the TypeScript sources and puts icons/ and locales/ beside the built
// node files, because Node-RED only looks for them next to each loaded .js file.
const fs = require('fs')
const path = require('path')
const { execFileSync } = require('child_process')

const root = path.resolve(__dirname, '..')
const dist = path.join(root, 'dist')

fs.rmSync(dist, { recursive: true, force: true })
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', root], { stdio: 'inherit' })

const nodesOut = path.join(dist, 'nodes')
for (const file of fs.readdirSync(path.join(root, 'nodes'))) {
  if (file.endsWith('.html')) fs.copyFileSync(path.join(root, 'nodes', file), path.join(nodesOut, file))
}
fs.cpSync(path.join(root, 'icons'), path.join(nodesOut, 'icons'), { recursive: true })
fs.cpSync(path.join(root, 'locales'), path.join(nodesOut, 'locales'), { recursive: true })
fs.chmodSync(path.join(dist, 'simulator', 'cli.js'), 0o755)
