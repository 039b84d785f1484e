import type { SimulatorConsole } from '../nodes/lib/environments';
import { accountId } from './sidebar-accounts';

/** The comms topic the sidebar subscribes to. */
export const TOPIC = 'binance-spot/simulator';
/**
 * A market order that walks the book, or the market moving through resting
 * orders, makes a burst of account events: they are gathered this long into
 * one notice, so the editors refresh a few times a second at most.
 */
export const GATHER_MS = 250;

export interface Notice {
  running: boolean;
  /** Ids of the accounts that changed since the last notice. */
  accounts?: string[];
}

/**
 * Tells the editors, through Node-RED's comms, when the simulator starts or
 * stops and which accounts changed. Only ids: each editor fetches what it
 * shows through the admin endpoints, with its user's permissions.
 */
export class Notices {
  private readonly changedIds = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private unfollow: (() => void) | undefined;

  constructor(private readonly publish: (notice: Notice) => void) {}

  /** Listens to this simulator's account events from now on; undefined: it stopped. */
  follow(simulator: SimulatorConsole | undefined): void {
    this.stop();
    if (simulator) this.unfollow = simulator.feed.on('account', (event) => this.changed(accountId(event.apiKey)));
    this.publish({ running: Boolean(simulator) });
  }

  changed(id: string): void {
    this.changedIds.add(id);
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const accounts = [...this.changedIds];
      this.changedIds.clear();
      this.publish({ running: true, accounts });
    }, GATHER_MS);
    // A notice still to come must not keep Node-RED from exiting.
    this.timer.unref();
  }

  stop(): void {
    this.unfollow?.();
    this.unfollow = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.changedIds.clear();
  }
}
