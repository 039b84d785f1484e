'use strict'
// Node-RED settings for `npm start`: loopback only, no telemetry prompt, the
// package's own nodes and example flows, state in the git-ignored .node-red/.
module.exports = {
  uiHost: '127.0.0.1',
  uiPort: Number(process.env.PORT) || 1880,
  flowFile: 'flows.json',
  flowFilePretty: true,
  telemetry: { enabled: false },
  editorTheme: { tours: false, projects: { enabled: false } },
  logging: { console: { level: 'info', metrics: false, audit: false } },
  diagnostics: { enabled: false }
}
