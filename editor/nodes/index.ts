import type { NodeFile } from '../definition';
import account from './account';
import balance from './balance';
import cancel from './cancel';
import connect from './connect';
import disconnect from './disconnect';
import history from './history';
import market from './market';
import openOrders from './open-orders';
import order from './order';
import orderStatus from './order-status';
import price from './price';
import replace from './replace';
import stream from './stream';
import userStream from './user-stream';

/** Every node file of the package, in palette order. */
export const NODE_FILES: readonly NodeFile[] = [account, connect, disconnect, balance, price, market, order, cancel, replace, orderStatus, openOrders, history, stream, userStream];
