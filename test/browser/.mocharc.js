'use strict'
// The browser smoke test: a real Node-RED and Chromium, hence the long timeout.
module.exports = {
  spec: ['test/browser/editor.test.js'],
  timeout: 120000,
  slow: 20000
}
