import { CANCEL_TARGETS } from '../../nodes/lib/vocabulary';
import type { NodeFile, ShowWhen } from '../definition';
import { CLIENT_ID, MAX_WAIT, REQUEST_ERRORS } from './common';

// Cancelling all orders of a symbol takes no order id: none is kept that would look as if it mattered.
const one: ShowWhen = { field: 'target', values: ['one'] };

export default {
  file: 'cancel',
  nodes: [{
    type: 'binance-spot-cancel',
    icon: 'cancel.svg',
    paletteLabel: 'paletteLabel',
    access: 'signed',
    label: { key: 'nodeLabel.{target}', params: ['symbol'] },
    rows: [
      { name: 'target', kind: 'select', icon: 'crosshairs', options: CANCEL_TARGETS, default: 'one' },
      { name: 'symbol', kind: 'symbol', icon: 'exchange', default: '', placeholder: true },
      { name: 'orderId', kind: 'integer', icon: 'hashtag', min: 1, max: Number.MAX_SAFE_INTEGER, default: '', placeholder: true, showWhen: one },
      { name: 'clientOrderId', kind: 'clientOrderId', icon: 'id-badge', default: '', placeholder: true, showWhen: one },
      MAX_WAIT,
    ],
    msgInputs: [CLIENT_ID],
    errors: REQUEST_ERRORS,
  }],
} satisfies NodeFile;
