import crypto from 'crypto';
import type { BinanceClient } from './client';

/**
 * Client sessions live here, in process memory, and never in flow or global
 * context: a persistent context store would write the client, and with it the
 * keys, to disk.
 */
interface Session {
  readonly ownerId: string;
  readonly client: BinanceClient;
  readonly idleMs: number;
  idle: NodeJS.Timeout | undefined;
  /** Told when the session closes. While any follows it (a user stream listening), it is in use and never idle. */
  readonly followers: Set<() => void>;
}

const sessions = new Map<string, Session>();
const watchers = new Map<string, Set<(open: number) => void>>();

function changed(ownerId: string): void {
  const open = countSessionsOf(ownerId);
  for (const watcher of watchers.get(ownerId) ?? []) watcher(open);
}

/**
 * Registers a client; with `idleMs` > 0 the session closes itself after that
 * long without use, so that a flow which connects again and again without
 * disconnecting does not pile up clients until the next redeploy.
 */
export function openSession(ownerId: string, client: BinanceClient, idleMs = 0): string {
  const id = crypto.randomUUID();
  const session: Session = { ownerId, client, idleMs, idle: undefined, followers: new Set() };
  sessions.set(id, session);
  startIdling(id, session);
  changed(ownerId);
  return id;
}

function startIdling(id: string, session: Session): void {
  if (session.idleMs <= 0) return;
  session.idle = setTimeout(() => closeSession(id), session.idleMs);
  session.idle.unref();
}

/** The session's client; finding it counts as using it. */
export function findSession(id: string): BinanceClient | undefined {
  const session = sessions.get(id);
  session?.idle?.refresh();
  return session?.client;
}

export function closeSession(id: string): boolean {
  const session = sessions.get(id);
  if (!session) return false;
  sessions.delete(id);
  if (session.idle) clearTimeout(session.idle);
  session.client.close();
  for (const onClosed of [...session.followers]) onClosed();
  session.followers.clear();
  changed(session.ownerId);
  return true;
}

/**
 * Follows a session until it closes (disconnect, redeploy): `onClosed` runs
 * once then, or at once if it is not open. A followed session is in use, so
 * it does not close for being idle; once the last follower stops, its idle
 * time starts afresh. Returns the stop.
 */
export function followSession(id: string, onClosed: () => void): () => void {
  const session = sessions.get(id);
  if (!session) {
    onClosed();
    return () => undefined;
  }
  const follower = () => onClosed();
  session.followers.add(follower);
  if (session.idle) clearTimeout(session.idle);
  session.idle = undefined;
  return () => {
    if (!session.followers.delete(follower) || session.followers.size > 0 || sessions.get(id) !== session) return;
    startIdling(id, session);
  };
}

/** Called when a connect node closes (redeploy, flow stop, shutdown). */
export function closeSessionsOf(ownerId: string): number {
  let closed = 0;
  for (const [id, session] of [...sessions]) {
    if (session.ownerId === ownerId) closed += Number(closeSession(id));
  }
  return closed;
}

function countSessionsOf(ownerId: string): number {
  let count = 0;
  for (const session of sessions.values()) if (session.ownerId === ownerId) count++;
  return count;
}

/** Tells an owner how many of its sessions are open whenever one opens or closes; returns the unsubscribe. */
export function watchSessionsOf(ownerId: string, watcher: (open: number) => void): () => void {
  let set = watchers.get(ownerId);
  if (!set) watchers.set(ownerId, (set = new Set()));
  set.add(watcher);
  return () => {
    set.delete(watcher);
    if (set.size === 0) watchers.delete(ownerId);
  };
}
