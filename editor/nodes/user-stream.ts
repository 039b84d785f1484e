import type { NodeFile } from '../definition';
import { CLIENT_ID } from './common';

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
    // A message only switches the node to a session: without msg.clientId it is refused.
    msgInputs: [{ ...CLIENT_ID, required: true }],
    errors: ['ErrCredentials', 'ErrNetwork', 'ErrNotConnected', 'ErrInvalidArg', 'ErrExchange', 'ErrInternal'],
  }],
} satisfies NodeFile;
