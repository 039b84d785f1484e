import { HISTORY_KINDS, HISTORY_LIMIT } from '../../nodes/lib/vocabulary';
import type { NodeFile } from '../definition';
import { CLIENT_ID, MAX_WAIT, REQUEST_ERRORS } from './common';

export default {
  file: 'history',
  nodes: [{
    type: 'binance-spot-history',
    icon: 'history.svg',
    paletteLabel: 'paletteLabel',
    access: 'signed',
    label: { key: 'nodeLabel.{kind}', params: ['symbol'] },
    rows: [
      { name: 'kind', kind: 'select', icon: 'history', options: HISTORY_KINDS, default: 'orders' },
      { name: 'symbol', kind: 'symbol', icon: 'exchange', default: '', placeholder: true },
      { name: 'limit', kind: 'integer', icon: 'list-ol', min: 1, max: HISTORY_LIMIT, default: '', placeholder: true },
      { tip: 'paging' },
      MAX_WAIT,
    ],
    msgInputs: [
      { name: 'startTime', type: 'number | string | Date' },
      { name: 'endTime', type: 'number | string | Date' },
      { name: 'orderId', type: 'number' },
      { name: 'fromId', type: 'number' },
      CLIENT_ID,
    ],
    errors: REQUEST_ERRORS,
  }],
} satisfies NodeFile;
