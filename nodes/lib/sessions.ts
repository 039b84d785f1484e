import crypto from 'crypto';
import type { BinanceClient } from './client';

/**
 * Client sessions live here, in process memory, and never in flow or global
 * context: a persistent context store would write the client, and with it the
 * keys, to disk.
 */
interface Session {
  readonly id: string;
  readonly ownerId: string;
  readonly client: BinanceClient;
}

const sessions = new Map<string, Session>();

export function openSession(ownerId: string, client: BinanceClient): string {
  const id = crypto.randomUUID();
  sessions.set(id, { id, ownerId, client });
  return id;
}

export function findSession(id: string): BinanceClient | undefined {
  return sessions.get(id)?.client;
}

export function closeSession(id: string): boolean {
  const session = sessions.get(id);
  if (!session) return false;
  sessions.delete(id);
  session.client.close();
  return true;
}

/** Called when a connect node closes (redeploy, flow stop, shutdown). */
export function closeSessionsOf(ownerId: string): number {
  let closed = 0;
  for (const session of [...sessions.values()]) {
    if (session.ownerId === ownerId) closed += Number(closeSession(session.id));
  }
  return closed;
}

export function countSessionsOf(ownerId: string): number {
  let count = 0;
  for (const session of sessions.values()) if (session.ownerId === ownerId) count++;
  return count;
}
