import { amendOrder, readAmend } from './lib/amend';
import { cancelReplace, readCancelReplace } from './lib/cancel-replace';
import { invalidArg, quote } from './lib/errors';
import type { Inputs } from './lib/inputs';
import { PENDING_FIELDS } from './lib/list-intent';
import { registerOperationNode } from './lib/node-kit';
import type { NodeConfig, RedAPI } from './lib/red';
import { REPLACE_MODES } from './lib/vocabulary';

type Mode = (typeof REPLACE_MODES)[number];

interface ReplaceConfig extends NodeConfig {
  mode?: Mode;
  amountType?: string;
}

/**
 * What the other mode takes, and what no replace takes (an OCO's stop limit
 * price, an OTO's working type and pending order): sent with this mode, it is
 * a mistake (an amend cannot move a price). Chosen fields only count from the
 * msg, as the editor always holds one. A cancel-replace's new order refuses
 * the fields no single order takes itself, as the buy and sell nodes do.
 */
const NOT_USED: Record<Mode, { any: string[]; fromMsg: string[] }> = {
  cancelReplace: { any: ['newQty'], fromMsg: [] },
  amend: {
    any: ['amount', 'quantity', 'quoteQuantity', 'percent', 'price', 'stopPrice', 'stopLimitPrice', 'trailingDelta', ...PENDING_FIELDS],
    fromMsg: ['side', 'orderType', 'timeInForce', 'cancelReplaceMode', 'workingType'],
  },
};

function refuseOtherMode(inputs: Inputs, mode: Mode): void {
  const { any, fromMsg } = NOT_USED[mode];
  const given = [...any.filter((name) => inputs.has(name)), ...fromMsg.filter((name) => inputs.inMsg(name))];
  if (given.length) throw invalidArg('replace.notUsed', { name: given[0], mode });
}

interface ReplaceAnswer {
  test?: boolean;
  newOrderResponse?: { status: string; symbol: string };
  amendedOrder?: { qty: string; symbol: string };
}

/** binance-spot-replace: cancel-replace an open order, or lower its quantity keeping its place in the queue. */
export = function (RED: RedAPI): void {
  registerOperationNode<ReplaceConfig>(RED, 'binance-spot-replace', {
    access: 'signed',
    // The order it cancelled, or the one an amend made expire, ends what another node shows of it.
    orders: 'reports',
    orderAnswers(payload) {
      const answer = payload as ReplaceAnswer & { cancelResponse?: unknown };
      return [answer.cancelResponse, answer.amendedOrder].filter((a) => a !== undefined);
    },
    run({ inputs, client, config }) {
      const mode = config.mode;
      if (!mode || !REPLACE_MODES.includes(mode)) throw invalidArg('input.choice', { name: 'mode', allowed: REPLACE_MODES.join(', '), value: quote(mode) });
      refuseOtherMode(inputs, mode);
      return mode === 'amend' ? amendOrder(client, readAmend(inputs)) : cancelReplace(client, readCancelReplace(inputs, config));
    },
    status(payload) {
      const answer = payload as ReplaceAnswer;
      if (answer.test) return { key: 'testOrder' };
      if (answer.amendedOrder) return { key: 'amended', params: { qty: answer.amendedOrder.qty, symbol: answer.amendedOrder.symbol } };
      return { key: 'replaced', params: { state: answer.newOrderResponse?.status ?? '', symbol: answer.newOrderResponse?.symbol ?? '' } };
    },
  });
};
