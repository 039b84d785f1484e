'use strict'
// The Node-RED the tests run against: NODE_RED_PATH (the folder of a node-red
// package, e.g. Node-RED 5 installed apart for CI), else the devDependency.
const path = require('path')

const dir = process.env.NODE_RED_PATH
  ? path.resolve(process.env.NODE_RED_PATH)
  : path.dirname(require.resolve('node-red/package.json'))

module.exports = {
  dir,
  version: require(path.join(dir, 'package.json')).version,
  /** Its main file, as node-red-node-test-helper wants it. */
  main: require.resolve(dir),
  /** The node-red module itself, for RED.init / RED.start. */
  load: () => require(dir),
  /** red.js, to run Node-RED as a separate process. */
  script: path.join(dir, 'red.js'),
  /** A file of Node-RED's core nodes, e.g. 'common/20-inject.js'. */
  coreNode: (file) => path.join(path.dirname(require.resolve('@node-red/nodes/package.json', { paths: [dir] })), 'core', file)
}
