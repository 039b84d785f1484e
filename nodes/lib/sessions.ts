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
  readonly idle: NodeJS.Timeout | undefined;
}

const sessions = new Map<string, Session>();
const watchers = new Map<string, Set<(open: number) => void>>();
const closeHooks = new Map<string, Set<() => void>>();

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
  const idle = idleMs > 0 ? setTimeout(() => closeSession(id), idleMs) : undefined;
  idle?.unref();
  sessions.set(id, { ownerId, client, idle });
  changed(ownerId);
  return id;
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
  const hooks = closeHooks.get(id);
  closeHooks.delete(id);
  for (const hook of hooks ?? []) hook();
  changed(session.ownerId);
  return true;
}

/** Runs `hook` once when the session closes (disconnect, idle timeout, redeploy); returns the cancel. */
export function onSessionClosed(id: string, hook: () => void): () => void {
  let set = closeHooks.get(id);
  if (!set) closeHooks.set(id, (set = new Set()));
  set.add(hook);
  return () => {
    set.delete(hook);
    if (set.size === 0 && closeHooks.get(id) === set) closeHooks.delete(id);
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

export function countSessionsOf(ownerId: string): number {
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
