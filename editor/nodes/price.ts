import { PRICE_MODES } from '../../nodes/lib/vocabulary';
import type { NodeFile } from '../definition';
import { CLIENT_ID, MAX_WAIT, PUBLIC_ERRORS } from './common';

export default {
  file: 'price',
  nodes: [{
    type: 'binance-spot-price',
    icon: 'price.svg',
    paletteLabel: 'paletteLabel',
    access: 'public',
    label: { key: 'nodeLabel.{mode}', params: ['symbol'] },
    rows: [
      { name: 'mode', kind: 'select', icon: 'line-chart', options: PRICE_MODES, default: 'price' },
      // One symbol or a comma-separated list; empty falls back to msg.symbol, msg.symbols, then all.
      { name: 'symbol', kind: 'symbols', icon: 'exchange', default: '', placeholder: true },
      { tip: 'account' },
      MAX_WAIT,
    ],
    msgInputs: [{ name: 'symbols', type: 'array' }, CLIENT_ID],
    errors: PUBLIC_ERRORS,
  }],
} satisfies NodeFile;
