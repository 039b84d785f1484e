'use strict'
// The browser smoke tests: a real Node-RED and Chromium, hence the long timeout.
module.exports = {
  spec: ['test/browser/*.test.js'],
  timeout: 120000,
  slow: 20000
}
