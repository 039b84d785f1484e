import type { NodeFile } from '../definition';
import { CLIENT_ID, MAX_WAIT, REQUEST_ERRORS } from './common';

export default {
  file: 'open-orders',
  nodes: [{
    type: 'binance-spot-open-orders',
    icon: 'open-orders.svg',
    paletteLabel: 'paletteLabel',
    access: 'signed',
    label: { key: 'nodeLabel', params: ['symbol'] },
    rows: [
      { name: 'symbol', kind: 'symbol', icon: 'exchange', default: '', placeholder: true },
      { tip: 'weight' },
      MAX_WAIT,
    ],
    msgInputs: [CLIENT_ID],
    errors: REQUEST_ERRORS,
  }],
} satisfies NodeFile;
