'use strict'
// Runtime messages in the language Node-RED runs in, whole: the names a
// message quotes come from the same catalogue as the sentence around them,
// never English words inside a German sentence. The unit-test helper's RED._
// only answers keys, so a stand-in reads the built catalogues as Node-RED does.
const assert = require('assert')
const fs = require('fs')
const path = require('path')
const { dist } = require('./support/harness')

const { translator } = require(path.join(dist, 'lib', 'i18n'))
const { AccountSettings } = require(path.join(dist, 'lib', 'account-settings'))
const { BinanceClient } = require(path.join(dist, 'lib', 'client'))
const { Inputs } = require(path.join(dist, 'lib', 'inputs'))
const { readOrderIntent } = require(path.join(dist, 'lib', 'order-intent'))
const { readPending } = require(path.join(dist, 'lib', 'list-intent'))

/** RED._ as i18next answers it for one language: the text with __name__ filled in, _one/_other by count, else the key. */
function redIn (lang) {
  const catalogue = JSON.parse(fs.readFileSync(path.join(dist, 'locales', lang, 'balance.json'), 'utf8'))
  const lookup = (key) => key.split('.').reduce((node, part) => (node && typeof node === 'object' ? node[part] : undefined), catalogue)
  return {
    _ (key, params = {}) {
      const plural = typeof params.count === 'number' ? lookup(`${key}_${params.count === 1 ? 'one' : 'other'}`) : undefined
      const text = plural ?? lookup(key)
      return typeof text === 'string' ? text.replace(/__(\w+)__/g, (whole, name) => (params[name] === undefined ? whole : String(params[name]))) : key
    }
  }
}

async function reasonOf (promise, lang) {
  const err = await promise.then(() => assert.fail('expected a failure'), (e) => e)
  assert.strictEqual(err.code, 'ErrInvalidArg')
  return err.reason(translator(redIn(lang)))
}

describe('runtime messages in the user\'s language', function () {
  const custom = { environment: 'custom', restUrl: 'http://127.0.0.1:9' }

  it('the account\'s settings are named in the sentence\'s language', async () => {
    const cases = [
      [{ ...custom, timeout: 'soon' }, { 'en-US': 'request timeout (ms) must be', de: 'Zeitlimit der Anfrage (ms) muss', ja: 'リクエストのタイムアウト(ミリ秒)には', 'zh-CN': '请求超时（毫秒） 必须' }],
      [{ ...custom, recvWindow: 70000 }, { 'en-US': 'recvWindow (ms) must be', de: 'recvWindow (ms) muss', ja: 'recvWindow(ミリ秒)には', 'zh-CN': 'recvWindow（毫秒） 必须' }],
      [{ environment: 'custom', restUrl: 'not a url' }, { 'en-US': 'a valid REST URL', de: 'Wert für REST-URL', ja: '有効なREST URL', 'zh-CN': '有效的 REST URL' }],
      [{ ...custom, streamUrl: 'http://127.0.0.1:9' }, { 'en-US': 'stream URL must start with', de: 'Stream-URL muss mit', ja: 'ストリームURLは', 'zh-CN': '数据流 URL 必须以' }],
      [{ ...custom, wsApiUrl: 'https://127.0.0.1:9' }, { 'en-US': 'WebSocket API URL must start with', de: 'WebSocket-API-URL muss mit', ja: 'WebSocket API URLは', 'zh-CN': 'WebSocket API URL 必须以' }]
    ]
    for (const [config, expected] of cases) {
      for (const [lang, text] of Object.entries(expected)) {
        const reason = await reasonOf(new AccountSettings(config).newClient(), lang)
        assert.ok(reason.includes(text), `${lang}: ${reason}`)
      }
    }
  })

  it('a client made without a timeout names it as the account dialog does', async () => {
    const reason = await reasonOf(Promise.resolve().then(() => new BinanceClient({ restUrl: 'http://127.0.0.1:9', timeoutMs: 0 })), 'de')
    assert.strictEqual(reason, 'Zeitlimit der Anfrage (ms) muss eine ganze Zahl von 1 bis 600000 sein')
  })

  it('an OTO\'s pending order is named in the sentence\'s language', async () => {
    const config = { id: 'buy', type: 'binance-spot-buy', orderType: 'OTO', symbol: 'BTCUSDT', amountType: 'quantity', amount: '0.01', price: '59000', pendingType: 'MARKET' }
    const inputs = new Inputs(config, { pendingPrice: '61000' })
    const expected = {
      'en-US': 'pendingPrice is not used by OTO pending MARKET orders',
      de: 'OTO-Folge-MARKET-Orders verwenden pendingPrice nicht',
      ja: 'pendingPriceはOTO子注文のMARKET注文では使いません',
      'zh-CN': 'OTO 的待处理 MARKET 订单不使用 pendingPrice'
    }
    for (const [lang, text] of Object.entries(expected)) {
      const reason = await reasonOf(Promise.resolve().then(() => readPending(inputs, readOrderIntent(inputs, 'BUY', config))), lang)
      assert.ok(reason.startsWith(text), `${lang}: ${reason}`)
    }
  })
})
