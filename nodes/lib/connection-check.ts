import { AccountSettings, type AccountConfig, type AccountCredentials } from './account-settings';
import { serverName } from './environments';
import { asNodeError } from './errors';
import type { Translate } from './i18n';

export interface CheckError {
  code: string;
  message: string;
}

/** What the account dialog's "Test connection" shows. Nothing secret: no key, no signature, no URL with a query. */
export interface ConnectionReport {
  environment: string;
  /** The environment and host, as error messages name them. */
  server: string;
  reachable: boolean;
  roundTripMs?: number;
  /** Exchange clock minus this machine's clock. */
  clockOffsetMs?: number;
  recvWindow: number;
  /** Absent when no key is set (and the environment has no demo key). */
  key?: {
    valid: boolean;
    canTrade?: boolean;
    /** null: the environment does not report them (testnet, demo, simulator). */
    restrictions?: { ipRestricted: boolean; canWithdraw: boolean; canTrade: boolean } | null;
    error?: CheckError;
  };
  error?: CheckError;
}

function described(err: unknown, t: Translate): CheckError {
  const error = asNodeError(err);
  return { code: error.code, message: `${error.code}: ${error.reason(t)}` };
}

/**
 * Reachability, round trip and clock offset of the account's environment,
 * then, with a key, whether Binance accepts it and what it may do. Settings
 * the runtime would refuse (a bad custom URL, a zero timeout) throw
 * ErrInvalidArg before anything is sent.
 */
export async function checkConnection(config: AccountConfig, credentials: AccountCredentials, t: Translate): Promise<ConnectionReport> {
  const settings = new AccountSettings(config, credentials);
  const client = await settings.newClient();
  const report: ConnectionReport = {
    environment: settings.environment,
    server: serverName(settings.environment, client.restUrl),
    reachable: false,
    recvWindow: client.recvWindowMs,
  };
  try {
    const sent = Date.now();
    const serverTime = await client.serverTime();
    const received = Date.now();
    report.reachable = true;
    report.roundTripMs = received - sent;
    report.clockOffsetMs = Math.round(serverTime - (sent + received) / 2);
  } catch (err) {
    report.error = described(err, t);
    client.close();
    return report;
  }
  if (settings.hasCredentials) report.key = await checkKey(client, t);
  client.close();
  return report;
}

async function checkKey(client: Awaited<ReturnType<AccountSettings['newClient']>>, t: Translate): Promise<NonNullable<ConnectionReport['key']>> {
  let account: { canTrade?: boolean; permissions?: string[] };
  try {
    account = (await client.account({ omitZeroBalances: true })) as typeof account;
  } catch (err) {
    return { valid: false, error: described(err, t) };
  }
  const canTrade = account.canTrade === true && (!Array.isArray(account.permissions) || account.permissions.includes('SPOT'));
  let restrictions: { ipRestricted: boolean; canWithdraw: boolean; canTrade: boolean } | null = null;
  try {
    const answer = (await client.apiRestrictions()) as { ipRestrict?: unknown; enableWithdrawals?: unknown; enableSpotAndMarginTrading?: unknown };
    restrictions = {
      ipRestricted: answer.ipRestrict === true,
      canWithdraw: answer.enableWithdrawals === true,
      canTrade: answer.enableSpotAndMarginTrading === true,
    };
  } catch {
    // Only live Binance serves /sapi; elsewhere the key's restrictions are simply unknown.
  }
  return { valid: true, canTrade: restrictions ? canTrade && restrictions.canTrade : canTrade, restrictions };
}
