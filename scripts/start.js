'use strict'
// `npm start`: runs Node-RED on 127.0.0.1:1880 with this package installed in
// a user dir inside the checkout, and the demo flow deployed on first start.
const fs = require('fs')
const path = require('path')
const { spawn } = require('child_process')

const root = path.resolve(__dirname, '..')
const userDir = path.join(root, '.node-red')
const pkg = require(path.join(root, 'package.json'))

fs.mkdirSync(path.join(userDir, 'node_modules', ...pkg.name.split('/').slice(0, -1)), { recursive: true })

// Node-RED finds node packages in <userDir>/node_modules; a link keeps it on the live build.
const link = path.join(userDir, 'node_modules', ...pkg.name.split('/'))
if (!fs.existsSync(link)) fs.symlinkSync(root, link, 'dir')
const userPkg = path.join(userDir, 'package.json')
if (!fs.existsSync(userPkg)) {
  fs.writeFileSync(userPkg, JSON.stringify({ name: 'node-red-project', private: true, dependencies: { [pkg.name]: `file:${path.relative(userDir, root)}` } }, null, 2))
}

// The demo is deployed once; after that the user's own flows are never overwritten.
const flows = path.join(userDir, 'flows.json')
if (!fs.existsSync(flows)) fs.copyFileSync(path.join(root, 'examples', 'demo-simulator.json'), flows)

const red = spawn(process.execPath, [
  require.resolve('node-red/red.js'),
  '--userDir', userDir,
  '--settings', path.join(__dirname, 'node-red-settings.js')
], { stdio: 'inherit' })

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => red.kill(signal))
red.on('exit', (code) => process.exit(code ?? 0))
