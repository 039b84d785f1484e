import { KLINE_INTERVALS } from '../../nodes/lib/intervals';
import { DEFAULT_LEVELS, DEPTH_LEVELS, MAX_BOOK_LEVELS, MAX_THROTTLE_MS, STREAM_SPEEDS, STREAM_TYPES } from '../../nodes/lib/stream-spec';
import type { NodeFile, ShowWhen } from '../definition';

const books: ShowWhen = { field: 'streamType', values: ['depth', 'orderBook'] };

export default {
  file: 'stream',
  nodes: [{
    type: 'binance-spot-stream',
    icon: 'stream.svg',
    paletteLabel: 'paletteLabel',
    access: 'public',
    label: { key: 'nodeLabel.{streamType}', params: ['interval', 'symbols'] },
    rows: [
      { name: 'streamType', kind: 'select', icon: 'rss', options: STREAM_TYPES, default: 'trade' },
      // Empty: no stream until a msg.action subscribe.
      {
        name: 'symbols', kind: 'symbolList', icon: 'exchange', default: '', placeholder: true,
        showWhen: { field: 'streamType', values: STREAM_TYPES.filter((t) => t !== 'allMiniTickers') },
      },
      { name: 'interval', kind: 'select', icon: 'clock-o', options: KLINE_INTERVALS, optionLabels: 'common.editor.interval', default: '1m', showWhen: { field: 'streamType', values: ['kline'] } },
      {
        name: 'levels', kind: 'number', icon: 'list-ol', min: 1, max: MAX_BOOK_LEVELS, default: DEFAULT_LEVELS, unit: 'levels',
        oneOfBy: { field: 'streamType', values: { depth: DEPTH_LEVELS } }, placeholder: 'streamType', showWhen: books,
      },
      { name: 'speed', kind: 'select', icon: 'tachometer', options: STREAM_SPEEDS, default: '1000ms', showWhen: books },
      { name: 'throttle', kind: 'number', icon: 'filter', min: 0, max: MAX_THROTTLE_MS, default: 0, unit: 'ms', placeholder: true },
      { tip: 'account' },
    ],
    // A message changes what the node listens to; none is needed.
    msgInputs: [{ name: 'action', type: 'string', required: true }, { name: 'symbol', type: 'string' }, { name: 'symbols', type: 'array | string' }],
    errors: ['ErrInvalidArg', 'ErrNetwork', 'ErrExchange', 'ErrNotConnected', 'ErrRateLimited', 'ErrInternal'],
  }],
} satisfies NodeFile;
