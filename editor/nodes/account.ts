import { ENVIRONMENTS, RECV_WINDOW_MS, TIMEOUT_MS } from '../../nodes/lib/vocabulary';
import type { NodeFile, ShowWhen } from '../definition';

const custom: ShowWhen = { field: 'environment', values: ['custom'] };

export default {
  file: 'account',
  nodes: [{
    type: 'binance-spot-account',
    config: true,
    icon: 'binance.svg',
    paletteLabel: 'paletteLabel',
    // Never the key: labels show in the palette, the config sidebar and exports.
    label: { key: 'nodeLabel.{environment}', params: [] },
    rows: [
      // The order in the dialog: the safe choices first.
      { name: 'environment', kind: 'select', icon: 'globe', options: ['simulator', 'testnet', 'demo', 'live', 'custom'] satisfies (typeof ENVIRONMENTS)[number][], default: 'simulator' },
      { tip: 'live', warning: true, showWhen: { field: 'environment', values: ['live'] } },
      { tip: 'simulator', showWhen: { field: 'environment', values: ['simulator'] } },
      { name: 'restUrl', kind: 'url', icon: 'link', protocols: ['http:', 'https:'], required: true, default: '', placeholder: true, showWhen: custom },
      { name: 'streamUrl', kind: 'url', icon: 'link', protocols: ['ws:', 'wss:'], required: false, default: '', placeholder: true, showWhen: custom },
      { name: 'wsApiUrl', kind: 'url', icon: 'link', protocols: ['ws:', 'wss:'], required: false, default: '', placeholder: true, showWhen: custom },
      { name: 'apiKey', kind: 'password', icon: 'key' },
      { name: 'apiSecret', kind: 'password', icon: 'lock' },
      { name: 'privateKey', kind: 'password', icon: 'certificate', placeholder: true },
      { name: 'privateKeyPassphrase', kind: 'password', icon: 'lock', placeholder: true },
      { tip: 'privateKey' },
      { name: 'recvWindow', kind: 'number', icon: 'clock-o', min: RECV_WINDOW_MS.min, max: RECV_WINDOW_MS.max, default: RECV_WINDOW_MS.default, unit: 'ms' },
      { name: 'timeout', kind: 'number', icon: 'hourglass-half', min: TIMEOUT_MS.min, max: TIMEOUT_MS.max, default: TIMEOUT_MS.default, unit: 'ms' },
      { widget: 'testConnection' },
    ],
  }],
} satisfies NodeFile;
