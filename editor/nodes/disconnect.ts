import type { NodeFile } from '../definition';
import { CLIENT_ID } from './common';

export default {
  file: 'disconnect',
  nodes: [{
    type: 'binance-spot-disconnect',
    icon: 'binance-disconnect.svg',
    paletteLabel: 'paletteLabel',
    access: 'session',
    rows: [{ tip: 'clientId' }],
    msgInputs: [{ ...CLIENT_ID, required: true }],
    errors: ['ErrInvalidArg', 'ErrNotConnected'],
  }],
} satisfies NodeFile;
