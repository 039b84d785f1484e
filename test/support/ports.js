'use strict'
const net = require('net')

/** A loopback port nothing listens on right now: for a server to start on, or for a client to find closed. */
function freePort () {
  return new Promise((resolve, reject) => {
    const server = net.createServer().on('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

module.exports = { freePort }
