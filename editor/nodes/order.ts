import {
  AMOUNT_KINDS, LIST_TYPES, ORDER_FIELDS, ORDER_TYPES, PENDING_SIDES, PENDING_TYPES, TIME_IN_FORCE, TRAILING_DELTA, WORKING_TYPES, type OrderField,
} from '../../nodes/lib/vocabulary';
import type { NodeDefinition, NodeFile, Row, ShowWhen } from '../definition';
import { ALL_ERRORS, CLIENT_ID, MAX_WAIT } from './common';

/** A field shows for the order types that take it, as the runtime checks them; an OTO's and OTOCO's say what their working order takes. */
const takenBy = (field: OrderField): ShowWhen => ({ field: 'orderType', values: ORDER_TYPES.filter((type) => ORDER_FIELDS[type].includes(field)) });
const lists: ShowWhen = { field: 'orderType', values: LIST_TYPES };
const isList = (type: string): boolean => (LIST_TYPES as readonly string[]).includes(type);
const otoco: ShowWhen = { field: 'orderType', values: ['OTOCO'] };
/** An OTO's pending field shows for the pending types that take it (pendingType itself shows for OTO only). */
const pendingTakes = (field: OrderField): ShowWhen => ({ field: 'pendingType', values: PENDING_TYPES.filter((type) => ORDER_FIELDS[type].includes(field)) });
const NEW_IN = '0.2.0';

const rows: Row[] = [
  { name: 'orderType', kind: 'choice', icon: 'list', options: ORDER_TYPES, optionLabels: 'common.editor.orderType', default: 'MARKET' },
  { name: 'symbol', kind: 'symbol', icon: 'exchange', default: '', placeholder: true },
  {
    name: 'amountType', kind: 'select', icon: 'balance-scale', options: AMOUNT_KINDS, optionLabels: 'common.editor.amountType', default: 'quantity',
    allowedWhen: { quoteQuantity: { field: 'orderType', values: ['MARKET'] } },
  },
  {
    name: 'amount', kind: 'decimal', icon: 'balance-scale', default: '', placeholder: 'amountType', maxBy: { field: 'amountType', values: { percent: 100 } },
    fallback: ['quantity', 'quoteQuantity', 'percent'],
  },
  { name: 'workingType', kind: 'choice', icon: 'play', options: WORKING_TYPES, optionLabels: 'common.editor.orderType', default: 'LIMIT', showWhen: lists, since: NEW_IN },
  { name: 'price', kind: 'decimal', icon: 'tag', default: '', placeholder: true, showWhen: takenBy('price') },
  { name: 'stopPrice', kind: 'decimal', icon: 'hand-paper-o', default: '', placeholder: true, showWhen: takenBy('stopPrice') },
  { name: 'stopLimitPrice', kind: 'decimal', icon: 'hand-paper-o', default: '', placeholder: true, showWhen: takenBy('stopLimitPrice') },
  {
    name: 'trailingDelta', kind: 'integer', icon: 'arrows-v', min: TRAILING_DELTA.min, max: TRAILING_DELTA.max, default: '', placeholder: true,
    showWhen: takenBy('trailingDelta'),
  },
  // Kept when hidden: the runtime ignores the node's own time in force for types without one (a LIMIT_MAKER working order too).
  {
    name: 'timeInForce', kind: 'choice', icon: 'clock-o', options: TIME_IN_FORCE, optionLabels: 'common.editor.timeInForce', default: 'GTC', keepWhenHidden: true,
    showWhen: [{ field: 'orderType', values: takenBy('timeInForce').values.filter((t) => !isList(t)) }, { field: 'workingType', values: ['LIMIT'] }],
  },
  { tip: 'oco', showWhen: { field: 'orderType', values: ['OCO'] } },
  { tip: 'oto', showWhen: { field: 'orderType', values: ['OTO'] } },
  { tip: 'otoco', showWhen: otoco },
  { name: 'pendingSide', kind: 'choice', icon: 'exchange', options: PENDING_SIDES, default: 'OPPOSITE', showWhen: lists, since: NEW_IN },
  { name: 'pendingType', kind: 'choice', icon: 'list', options: PENDING_TYPES, optionLabels: 'common.editor.orderType', default: 'LIMIT', showWhen: { field: 'orderType', values: ['OTO'] }, since: NEW_IN },
  { name: 'pendingPrice', kind: 'decimal', icon: 'tag', default: '', placeholder: true, showWhen: [otoco, pendingTakes('price')], since: NEW_IN },
  { name: 'pendingStopPrice', kind: 'decimal', icon: 'hand-paper-o', default: '', placeholder: true, showWhen: [otoco, pendingTakes('stopPrice')], since: NEW_IN },
  { name: 'pendingStopLimitPrice', kind: 'decimal', icon: 'hand-paper-o', default: '', placeholder: true, showWhen: otoco, since: NEW_IN },
  {
    name: 'pendingTrailingDelta', kind: 'integer', icon: 'arrows-v', min: TRAILING_DELTA.min, max: TRAILING_DELTA.max, default: '', placeholder: true,
    showWhen: pendingTakes('trailingDelta'), since: NEW_IN,
  },
  // Kept when hidden, as timeInForce: an OTOCO's applies to its stop leg only when that is a limit order.
  {
    name: 'pendingTimeInForce', kind: 'choice', icon: 'clock-o', options: TIME_IN_FORCE, optionLabels: 'common.editor.timeInForce', default: 'GTC', keepWhenHidden: true,
    showWhen: [otoco, pendingTakes('timeInForce')], since: NEW_IN,
  },
  { name: 'pendingQuantity', kind: 'decimal', icon: 'balance-scale', default: '', placeholder: true, showWhen: lists, since: NEW_IN },
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
