import type { SimulatorConsole } from '../nodes/lib/environments';
import type { AdminHandler, AdminRequest, AdminResponse, PluginAPI } from './red-plugin';
import { accountViews, fillRows, findAccount, orderRows } from './sidebar-accounts';
import { parseAmount, parseAsset, parseLimit } from './sidebar-input';
import { Refusal } from './sidebar-refusal';

/**
 * The sidebar's admin endpoints, under <httpAdminRoot>/binance-spot/simulator:
 *   GET  /accounts                  read   {running, accounts: [{id, demo, keyHint, balances}]}
 *   POST /start                     write  the same, once the embedded simulator runs
 *   GET  /accounts/:id/orders       read   {orders: [...]}, the open orders
 *   GET  /accounts/:id/fills?limit  read   {fills: [...]}, the most recent first
 *   POST /accounts/:id/deposit      write  {asset, amount} → {account}
 *   POST /accounts/:id/reset        write  {account}, back to the starting balances
 * A refusal answers {code, message} with its status.
 */
const BASE = '/binance-spot/simulator';

export interface SidebarDeps {
  /** The embedded simulator, if it runs. */
  simulator(): SimulatorConsole | undefined;
  start(): Promise<SimulatorConsole>;
  /** Tells the other editors that an account changed. */
  changed(id: string): void;
}

type Answer = (req: AdminRequest) => unknown;

export function registerRoutes(RED: PluginAPI, deps: SidebarDeps): void {
  const read = RED.auth.needsPermission('binance-spot-simulator.read');
  const write = RED.auth.needsPermission('binance-spot-simulator.write');

  const refuse = (res: AdminResponse, err: unknown): void => {
    const refusal = err instanceof Refusal ? err : new Refusal(500, 'unexpected_error', 'errors.unexpected');
    // A simulator error may quote an API key: it is never passed on, only its kind is logged.
    if (!(err instanceof Refusal)) RED.log.warn(RED._('errors.logged', { kind: err instanceof Error ? err.name : typeof err }));
    res.status(refusal.status).json({ code: refusal.code, message: RED._(refusal.key) });
  };
  const handler = (answer: (req: AdminRequest) => unknown | Promise<unknown>): AdminHandler => (req, res) => {
    Promise.resolve().then(() => answer(req)).then((body) => res.json(body), (err: unknown) => refuse(res, err));
  };
  const running = (): SimulatorConsole => {
    const simulator = deps.simulator();
    if (!simulator) throw new Refusal(503, 'simulator_not_running', 'errors.notRunning');
    return simulator;
  };
  const accounts = (simulator: SimulatorConsole | undefined) => ({ running: Boolean(simulator), accounts: simulator ? accountViews(simulator) : [] });
  const body = (req: AdminRequest): Record<string, unknown> => (req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {});
  const onAccount = (use: (simulator: SimulatorConsole, apiKey: string, req: AdminRequest) => unknown): Answer => (req) => {
    const simulator = running();
    return use(simulator, findAccount(simulator, req.params.id).apiKey, req);
  };
  const change = (act: (simulator: SimulatorConsole, apiKey: string, req: AdminRequest) => void): Answer => onAccount((simulator, apiKey, req) => {
    act(simulator, apiKey, req);
    const { account } = findAccount(simulator, req.params.id);
    deps.changed(account.id);
    return { account };
  });

  RED.httpAdmin.get(`${BASE}/accounts`, read, handler(() => accounts(deps.simulator())));
  RED.httpAdmin.post(`${BASE}/start`, write, handler(async () => accounts(await deps.start())));
  RED.httpAdmin.get(`${BASE}/accounts/:id/orders`, read, handler(onAccount((simulator, apiKey) => ({ orders: orderRows(simulator, apiKey) }))));
  RED.httpAdmin.get(`${BASE}/accounts/:id/fills`, read, handler((req) => {
    const limit = parseLimit(req.query.limit);
    return onAccount((simulator, apiKey) => ({ fills: fillRows(simulator, apiKey, limit) }))(req);
  }));
  RED.httpAdmin.post(`${BASE}/accounts/:id/deposit`, write, handler((req) => {
    const asset = parseAsset(body(req).asset);
    const amount = parseAmount(body(req).amount);
    return change((simulator, apiKey) => simulator.deposit(apiKey, asset, amount))(req);
  }));
  RED.httpAdmin.post(`${BASE}/accounts/:id/reset`, write, handler(change((simulator, apiKey) => simulator.resetAccount(apiKey))));
}
