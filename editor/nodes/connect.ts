import { IDLE_TIMEOUT_S } from '../../nodes/lib/vocabulary';
import type { NodeFile } from '../definition';

export default {
  file: 'connect',
  nodes: [{
    type: 'binance-spot-connect',
    icon: 'binance-connect.svg',
    paletteLabel: 'paletteLabel',
    access: 'signed',
    accountRequired: true,
    outputLabel: 'outputLabel',
    rows: [
      { name: 'checkKeys', kind: 'checkbox', default: true },
      // Seconds; 0 keeps a session open until a disconnect node or a redeploy closes it.
      { name: 'idleTimeout', kind: 'number', icon: 'hourglass-half', min: IDLE_TIMEOUT_S.min, max: IDLE_TIMEOUT_S.max, default: IDLE_TIMEOUT_S.default, unit: 's', since: '0.2.0' },
    ],
    msgInputs: [{ name: 'payload', type: 'any' }],
    errors: ['ErrCredentials', 'ErrNotConnected', 'ErrExchange', 'ErrRateLimited', 'ErrTimeout', 'ErrNetwork', 'ErrInternal'],
  }],
} satisfies NodeFile;
