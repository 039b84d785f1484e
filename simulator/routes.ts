// The REST endpoints, one file per group as rest-api.md groups them.
import type { Route } from './route-kit';
import { ACCOUNT_ROUTES } from './routes-account';
import { MARKET_ROUTES } from './routes-market';
import { TRADE_ROUTES } from './routes-trade';

export const ROUTES: Record<string, Route> = { ...MARKET_ROUTES, ...TRADE_ROUTES, ...ACCOUNT_ROUTES };
