import type { NodeFile } from '../definition';

export default {
  file: 'user-stream',
  nodes: [{
    type: 'binance-spot-user-stream',
    icon: 'user-stream.svg',
    paletteLabel: 'paletteLabel',
    access: 'signed',
    label: { key: 'nodeLabel', params: ['events'] },
    rows: [
      // Empty: every event type.
      { name: 'events', kind: 'wordList', word: 'eventName', icon: 'filter', default: '', placeholder: true },
      { tip: 'account' },
    ],
    errors: ['ErrCredentials', 'ErrNetwork', 'ErrNotConnected', 'ErrInvalidArg', 'ErrExchange', 'ErrInternal'],
  }],
} satisfies NodeFile;
