import { CANCEL_REPLACE_MODES, ORDER_FIELDS, REPLACE_MODES, SIDES, SINGLE_ORDER_TYPES, TIME_IN_FORCE, TRAILING_DELTA, type OrderField } from '../../nodes/lib/vocabulary';
import type { NodeFile, ShowWhen } from '../definition';
import { ALL_ERRORS, CLIENT_ID, MAX_WAIT } from './common';

const cancelReplace: ShowWhen = { field: 'mode', values: ['cancelReplace'] };
/** The new order's fields show for the order types that take them (and the order type only when cancel-replacing). */
const takenBy = (field: OrderField): ShowWhen => ({ field: 'orderType', values: SINGLE_ORDER_TYPES.filter((type) => ORDER_FIELDS[type].includes(field)) });

export default {
  file: 'replace',
  nodes: [{
    type: 'binance-spot-replace',
    icon: 'replace.svg',
    paletteLabel: 'paletteLabel',
    access: 'signed',
    label: { key: 'nodeLabel.{mode}', params: ['symbol'] },
    rows: [
      { name: 'mode', kind: 'select', icon: 'refresh', options: REPLACE_MODES, default: 'cancelReplace' },
      { name: 'symbol', kind: 'symbol', icon: 'exchange', default: '', placeholder: true },
      { name: 'orderId', kind: 'integer', icon: 'hashtag', min: 1, max: Number.MAX_SAFE_INTEGER, default: '', placeholder: true },
      { name: 'clientOrderId', kind: 'clientOrderId', icon: 'id-badge', default: '', placeholder: true },
      { tip: 'cancelReplace', showWhen: cancelReplace },
      { tip: 'amend', showWhen: { field: 'mode', values: ['amend'] } },
      { name: 'cancelReplaceMode', kind: 'choice', icon: 'shield', options: CANCEL_REPLACE_MODES, default: 'STOP_ON_FAILURE', showWhen: cancelReplace },
      // No side by default: a new order on the wrong side is worse than a missing one.
      { name: 'side', kind: 'choice', icon: 'arrows-h', options: SIDES, default: '', showWhen: cancelReplace },
      { name: 'orderType', kind: 'choice', icon: 'list', options: SINGLE_ORDER_TYPES, optionLabels: 'common.editor.orderType', default: 'LIMIT', showWhen: cancelReplace },
      {
        name: 'amountType', kind: 'select', icon: 'balance-scale', options: ['quantity', 'quoteQuantity'], optionLabels: 'common.editor.amountType', default: 'quantity',
        showWhen: cancelReplace,
        allowedWhen: { quoteQuantity: { field: 'orderType', values: ['MARKET'] } },
      },
      { name: 'amount', kind: 'decimal', icon: 'balance-scale', default: '', placeholder: 'amountType', showWhen: cancelReplace, fallback: ['quantity', 'quoteQuantity'] },
      { name: 'price', kind: 'decimal', icon: 'tag', default: '', placeholder: true, showWhen: takenBy('price') },
      { name: 'stopPrice', kind: 'decimal', icon: 'hand-paper-o', default: '', placeholder: true, showWhen: takenBy('stopPrice') },
      {
        name: 'trailingDelta', kind: 'integer', icon: 'arrows-v', min: TRAILING_DELTA.min, max: TRAILING_DELTA.max, default: '', placeholder: true,
        showWhen: takenBy('trailingDelta'),
      },
      // Kept when hidden: the runtime ignores the node's own time in force for types without one.
      {
        name: 'timeInForce', kind: 'choice', icon: 'clock-o', options: TIME_IN_FORCE, optionLabels: 'common.editor.timeInForce', default: 'GTC', showWhen: takenBy('timeInForce'),
        keepWhenHidden: true,
      },
      { name: 'newQty', kind: 'decimal', icon: 'compress', default: '', placeholder: true, showWhen: { field: 'mode', values: ['amend'] } },
      { name: 'newClientOrderId', kind: 'clientOrderId', icon: 'id-badge', default: '', placeholder: 'mode' },
      { name: 'testOnly', kind: 'checkbox', default: false },
      { name: 'roundToFilters', kind: 'checkbox', default: false, showWhen: cancelReplace },
      MAX_WAIT,
    ],
    msgInputs: [
      { name: 'quantity', type: 'number | string' },
      { name: 'quoteQuantity', type: 'number | string' },
      { name: 'testOnly', type: 'boolean' },
      { name: 'roundToFilters', type: 'boolean' },
      CLIENT_ID,
    ],
    errors: ALL_ERRORS,
  }],
} satisfies NodeFile;
