import { AMOUNT_KINDS, ORDER_FIELDS, ORDER_TYPES, TIME_IN_FORCE, TRAILING_DELTA, type OrderField } from '../../nodes/lib/vocabulary';
import type { NodeDefinition, NodeFile, Row, ShowWhen } from '../definition';
import { ALL_ERRORS, CLIENT_ID, MAX_WAIT } from './common';

/** A field shows for the order types that take it, as the runtime checks them. */
const takenBy = (field: OrderField): ShowWhen => ({ field: 'orderType', values: ORDER_TYPES.filter((type) => ORDER_FIELDS[type].includes(field)) });

const rows: Row[] = [
  { name: 'orderType', kind: 'choice', icon: 'list', options: ORDER_TYPES, default: 'MARKET' },
  { name: 'symbol', kind: 'symbol', icon: 'exchange', default: '', placeholder: true },
  {
    name: 'amountType', kind: 'select', icon: 'balance-scale', options: AMOUNT_KINDS, default: 'quantity',
    allowedWhen: { quoteQuantity: { field: 'orderType', values: ['MARKET'] } },
  },
  {
    name: 'amount', kind: 'decimal', icon: 'balance-scale', default: '', placeholder: 'amountType', maxBy: { field: 'amountType', values: { percent: 100 } },
    fallback: ['quantity', 'quoteQuantity', 'percent'],
  },
  { name: 'price', kind: 'decimal', icon: 'tag', default: '', placeholder: true, showWhen: takenBy('price') },
  { name: 'stopPrice', kind: 'decimal', icon: 'hand-paper-o', default: '', placeholder: true, showWhen: takenBy('stopPrice') },
  { name: 'stopLimitPrice', kind: 'decimal', icon: 'hand-paper-o', default: '', placeholder: true, showWhen: takenBy('stopLimitPrice') },
  {
    name: 'trailingDelta', kind: 'integer', icon: 'arrows-v', min: TRAILING_DELTA.min, max: TRAILING_DELTA.max, default: '', placeholder: true,
    showWhen: takenBy('trailingDelta'),
  },
  // Kept when hidden: the runtime ignores the node's own time in force for types without one.
  { name: 'timeInForce', kind: 'choice', icon: 'clock-o', options: TIME_IN_FORCE, default: 'GTC', showWhen: takenBy('timeInForce'), keepWhenHidden: true },
  { tip: 'oco', showWhen: { field: 'orderType', values: ['OCO'] } },
  { name: 'clientOrderId', kind: 'clientOrderId', icon: 'id-badge', default: '', placeholder: true },
  { name: 'testOnly', kind: 'checkbox', default: false },
  { name: 'roundToFilters', kind: 'checkbox', default: false },
  MAX_WAIT,
];

const side = (name: 'buy' | 'sell'): NodeDefinition => ({
  type: `binance-spot-${name}`,
  icon: `${name}.svg`,
  paletteLabel: `paletteLabel.${name}`,
  access: 'signed',
  label: { key: `nodeLabel.${name}`, params: ['orderType', 'symbol'] },
  rows,
  msgInputs: [
    { name: 'quantity', type: 'number | string' },
    { name: 'quoteQuantity', type: 'number | string' },
    { name: 'percent', type: 'number | string' },
    { name: 'testOnly', type: 'boolean' },
    { name: 'roundToFilters', type: 'boolean' },
    CLIENT_ID,
  ],
  errors: ALL_ERRORS,
});

/** binance-spot-buy and binance-spot-sell: one form, the side fixed by the type. */
export default {
  file: 'order',
  nodes: [side('buy'), side('sell')],
} satisfies NodeFile;
