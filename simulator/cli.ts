#!/usr/bin/env node
// binance-spot-simulator: runs the simulator until SIGINT/SIGTERM. The base URL is
// the first line on stdout so scripts can read it before anything else.
import { startSimulator } from './index';

const USAGE = 'usage: binance-spot-simulator [--port 8765] [--host 127.0.0.1] [--seed 42] [--state-dir DIR]';

function parseArgs(argv: string[]): { port: number; host: string; seed?: number; stateDir?: string } {
  const options: { port: number; host: string; seed?: number; stateDir?: string } = { port: 8765, host: '127.0.0.1' };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    if (flag === '--help' || flag === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`missing value for ${flag}`);
    if (flag === '--port' || flag === '--seed') {
      if (!/^\d+$/.test(value)) throw new Error(`${flag} needs a whole number, got ${value}`);
      if (flag === '--port') options.port = Number(value);
      else options.seed = Number(value);
    } else if (flag === '--host') {
      options.host = value;
    } else if (flag === '--state-dir') {
      options.stateDir = value;
    } else {
      throw new Error(`unknown option ${flag}`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  const simulator = await startSimulator(options);
  process.stdout.write(`${simulator.url}\n`);
  // The simulator never holds the event loop; here serving is all there is to do, so this
  // interval holds it until a signal.
  const keepAlive = setInterval(() => undefined, 60000);
  const stop = () => {
    clearInterval(keepAlive);
    simulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: Error) => {
  process.stderr.write(`binance-spot-simulator: ${error.message}\n`);
  process.exit(1);
});
