'use strict'
// What the process prints on stdout and stderr while a test runs, for checks
// that no secret reaches the console. It still goes to the terminal.

/** Starts recording; `restore()` puts back exactly the writers it replaced, and may be called more than once. */
function captureOutput () {
  let text = ''
  const replaced = new Map()
  for (const name of ['stdout', 'stderr']) {
    const stream = process[name]
    const original = stream.write
    stream.write = function (chunk, ...rest) {
      text += String(chunk)
      return original.call(this, chunk, ...rest)
    }
    replaced.set(stream, original)
  }
  return {
    text: () => text,
    restore () {
      for (const [stream, original] of replaced) stream.write = original
      replaced.clear()
    }
  }
}

module.exports = { captureOutput }
