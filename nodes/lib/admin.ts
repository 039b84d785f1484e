import { AccountSettings, type AccountConfig, type AccountCredentials } from './account-settings';
import { checkConnection } from './connection-check';
import { asNodeError, invalidArg } from './errors';
import { translator, type Translate } from './i18n';
import type { AccountNode } from './node-kit';
import type { AdminHandler, AdminRequest, AdminResponse, RedAPI } from './red';
import { tradingSymbols } from './symbol-list';

/**
 * The editor's admin endpoints, registered by the account node file:
 *   POST <admin>/binance-spot/test-connection  (binance-spot-account.write)
 *   GET  <admin>/binance-spot/symbols          (binance-spot-account.read)
 * They answer settings and facts, never a key or a secret.
 */

const BASE = '/binance-spot';
const CREDENTIALS = ['apiKey', 'apiSecret', 'privateKey', 'privateKeyPassphrase'] as const;
/** What the editor sends for a credential that is stored but not shown. */
const STORED = '__PWRD__';

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined);

function accountConfig(from: Record<string, unknown>): AccountConfig {
  return {
    environment: text(from.environment),
    restUrl: text(from.restUrl),
    streamUrl: text(from.streamUrl),
    wsApiUrl: text(from.wsApiUrl),
    recvWindow: text(from.recvWindow),
    timeout: text(from.timeout),
  };
}

function deployedAccount(RED: RedAPI, id: unknown): AccountNode | undefined {
  if (typeof id !== 'string' || !id) return undefined;
  const node = RED.nodes.getNode(id) as AccountNode | null;
  return node && node.type === 'binance-spot-account' ? node : undefined;
}

/** Whether two account settings reach the same server: stored keys are only ever sent to their own. */
async function sameServer(a: AccountSettings, b: AccountSettings): Promise<boolean> {
  return a.environment === b.environment && (await a.endpoints()).restUrl === (await b.endpoints()).restUrl;
}

function fail(res: AdminResponse, err: unknown, t: Translate): void {
  const error = asNodeError(err);
  res.status(error.code === 'ErrInvalidArg' ? 400 : 500).json({ code: error.code, message: `${error.code}: ${error.reason(t)}` });
}

/**
 * The credentials the dialog shows: typed ones as they are; a stored one
 * (shown as __PWRD__) from the deployed account, and only when the dialog
 * still points at that account's own server.
 */
async function dialogCredentials(RED: RedAPI, body: Record<string, unknown>, settings: AccountSettings): Promise<AccountCredentials> {
  const typed = (body.credentials && typeof body.credentials === 'object' ? body.credentials : {}) as Record<string, unknown>;
  const credentials: AccountCredentials = {};
  let usesStored = false;
  for (const name of CREDENTIALS) {
    const value = text(typed[name]);
    if (value === STORED) usesStored = true;
    else if (value) credentials[name] = value;
  }
  if (!usesStored) return credentials;
  const deployed = deployedAccount(RED, body.id);
  if (!deployed || !(await sameServer(deployed.settings, settings))) throw invalidArg('admin.storedCredentials');
  const stored = RED.nodes.getCredentials(deployed.id) ?? {};
  for (const name of CREDENTIALS) if (text(typed[name]) === STORED) credentials[name] = stored[name];
  return credentials;
}

/** A custom URL that is not a deployed account's own is one the user could deploy only with write permission. */
function customUrlNeedsWrite(RED: RedAPI): AdminHandler {
  const write = RED.auth.needsPermission('binance-spot-account.write');
  return (req, res, next) => {
    const deployed = deployedAccount(RED, req.query.account);
    const own = deployed && (!req.query.environment || req.query.environment === deployed.settings.environment);
    if (req.query.environment === 'custom' && !own) write(req, res, next);
    else next();
  };
}

async function symbols(RED: RedAPI, req: AdminRequest): Promise<{ symbols: unknown[] }> {
  const deployed = deployedAccount(RED, req.query.account);
  const environment = text(req.query.environment);
  const settings = deployed && (!environment || environment === deployed.settings.environment)
    ? deployed.settings
    : new AccountSettings(accountConfig({ environment: environment ?? 'live', restUrl: req.query.restUrl }));
  const client = await settings.newClient();
  try {
    // The editor filters the list itself, as the user types.
    return { symbols: await tradingSymbols(client) };
  } finally {
    client.close();
  }
}

export function registerAdminRoutes(RED: RedAPI): void {
  const t = translator(RED);
  RED.httpAdmin.post(`${BASE}/test-connection`, RED.auth.needsPermission('binance-spot-account.write'), (req, res) => {
    (async () => {
      const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
      const config = accountConfig(body);
      const credentials = await dialogCredentials(RED, body, new AccountSettings(config));
      res.json(await checkConnection(config, credentials, t));
    })().catch((err: unknown) => fail(res, err, t));
  });
  RED.httpAdmin.get(`${BASE}/symbols`, RED.auth.needsPermission('binance-spot-account.read'), customUrlNeedsWrite(RED), (req, res) => {
    symbols(RED, req).then((answer) => res.json(answer), (err: unknown) => fail(res, err, t));
  });
}
