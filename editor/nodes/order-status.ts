import type { NodeFile } from '../definition';
import { CLIENT_ID, MAX_WAIT, REQUEST_ERRORS } from './common';

export default {
  file: 'order-status',
  nodes: [{
    type: 'binance-spot-order-status',
    icon: 'order-status.svg',
    paletteLabel: 'paletteLabel',
    access: 'signed',
    label: { key: 'nodeLabel', params: ['symbol'] },
    rows: [
      { name: 'symbol', kind: 'symbol', icon: 'exchange', default: '', placeholder: true },
      { name: 'orderId', kind: 'integer', icon: 'hashtag', min: 1, max: Number.MAX_SAFE_INTEGER, default: '', placeholder: true },
      { name: 'clientOrderId', kind: 'clientOrderId', icon: 'id-badge', default: '', placeholder: true },
      MAX_WAIT,
    ],
    msgInputs: [CLIENT_ID],
    errors: REQUEST_ERRORS,
  }],
} satisfies NodeFile;
