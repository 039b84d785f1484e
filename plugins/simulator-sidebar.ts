import { startEmbeddedSimulator, watchEmbeddedSimulator, type SimulatorConsole } from '../nodes/lib/environments';
import type { PluginAPI } from './red-plugin';
import { Notices, TOPIC } from './sidebar-notices';
import { registerRoutes } from './sidebar-routes';

/**
 * The simulator sidebar's runtime part: admin endpoints over the embedded
 * simulator's accounts, and a notice on Node-RED's comms whenever one of them
 * changes, so the editors' sidebars refresh without polling.
 */
export = function (RED: PluginAPI): void {
  let simulator: SimulatorConsole | undefined;
  const notices = new Notices((notice) => RED.comms.publish(TOPIC, notice, false));
  const unwatch = watchEmbeddedSimulator((started) => {
    simulator = started;
    notices.follow(started);
  });
  registerRoutes(RED, {
    simulator: () => simulator,
    start: startEmbeddedSimulator,
    changed: (id) => notices.changed(id),
  });
  // Node-RED has no hook for its own stop; the simulator lives as long as the process, and so may this.
  RED.plugins.registerPlugin('binance-spot-simulator', {
    onremove() {
      unwatch();
      notices.stop();
      simulator = undefined;
    },
  });
};
