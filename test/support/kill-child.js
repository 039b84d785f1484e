'use strict'
// A simulator with a state directory, trading as fast as it can until it is
// killed: limit, market and cancel requests over HTTP between flow trades and
// price steps, each journalled. Prints "ready", then "ack <orderId>" for every
// order whose answer it received, so the parent knows what must survive.
const { startSimulator } = require('../../dist/simulator')
const { signer } = require('./binance')

const [dir, account] = process.argv.slice(2)
const TRADER = JSON.parse(account)

async function main () {
  const sim = await startSimulator({ tickMs: 0, seed: 5, stateDir: dir, journalBytes: 16384, accounts: [TRADER] })
  const call = signer(sim, TRADER)
  process.stdout.write('ready\n')
  for (let i = 0; ; i++) {
    const side = i % 2 ? 'BUY' : 'SELL'
    switch (i % 6) {
      case 0: {
        const price = (Number(sim.price('BTCUSDT')) + ((i % 41) - 20) / 10).toFixed(2)
        const o = (await call('POST', '/api/v3/order', { symbol: 'BTCUSDT', side, type: 'LIMIT', timeInForce: 'GTC', quantity: '0.003', price })).body
        if (o.orderId) process.stdout.write(`ack ${o.orderId}\n`)
        break
      }
      case 1:
        sim.trade('BTCUSDT', side, '0.05')
        break
      case 2:
        sim.step()
        break
      case 3: {
        const o = (await call('POST', '/api/v3/order', { symbol: 'BTCUSDT', side, type: 'MARKET', quantity: '0.002' })).body
        if (o.orderId) process.stdout.write(`ack ${o.orderId}\n`)
        break
      }
      case 4: {
        const open = sim.openOrders(TRADER.apiKey, 'BTCUSDT')
        if (open.length > 20) await call('DELETE', '/api/v3/order', { symbol: 'BTCUSDT', orderId: open[0].orderId })
        break
      }
      default:
        sim.setPrice('BTCUSDT', Number(sim.price('BTCUSDT')).toFixed(2))
    }
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`)
  process.exit(1)
})
