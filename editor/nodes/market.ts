import { KLINE_INTERVALS, MARKET_LIMITS, MARKET_MODES } from '../../nodes/lib/vocabulary';
import type { NodeFile } from '../definition';
import { CLIENT_ID, MAX_WAIT, PUBLIC_ERRORS } from './common';

export default {
  file: 'market',
  nodes: [{
    type: 'binance-spot-market',
    icon: 'market.svg',
    paletteLabel: 'paletteLabel',
    access: 'public',
    label: { key: 'nodeLabel.{mode}', params: ['interval', 'symbol'] },
    rows: [
      { name: 'mode', kind: 'select', icon: 'bar-chart', options: MARKET_MODES, default: 'klines' },
      { name: 'symbol', kind: 'symbol', icon: 'exchange', default: '', placeholder: true },
      {
        name: 'interval', kind: 'choice', icon: 'clock-o', options: KLINE_INTERVALS, optionLabels: 'common.editor.interval', default: '1h',
        showWhen: { field: 'mode', values: ['klines'] },
      },
      {
        name: 'limit', kind: 'integer', icon: 'list-ol', min: 1, max: MARKET_LIMITS.depth, maxBy: { field: 'mode', values: MARKET_LIMITS }, default: '',
        placeholder: true, showWhen: { field: 'mode', values: Object.keys(MARKET_LIMITS) },
      },
      { tip: 'account' },
      MAX_WAIT,
    ],
    msgInputs: [{ name: 'startTime', type: 'number | string | Date' }, { name: 'endTime', type: 'number | string | Date' }, CLIENT_ID],
    errors: PUBLIC_ERRORS,
  }],
} satisfies NodeFile;
