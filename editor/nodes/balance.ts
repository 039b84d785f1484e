import type { NodeFile } from '../definition';
import { CLIENT_ID, MAX_WAIT, REQUEST_ERRORS } from './common';

export default {
  file: 'balance',
  nodes: [{
    type: 'binance-spot-balance',
    icon: 'balance.svg',
    paletteLabel: 'paletteLabel',
    access: 'signed',
    label: { key: 'nodeLabel', params: ['asset'] },
    rows: [
      // Empty: msg.asset, else every asset.
      { name: 'asset', kind: 'asset', icon: 'btc', default: '', placeholder: true },
      { name: 'showZero', kind: 'checkbox', default: false },
      MAX_WAIT,
    ],
    msgInputs: [CLIENT_ID],
    errors: REQUEST_ERRORS,
  }],
} satisfies NodeFile;
