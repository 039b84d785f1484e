// Persistence in a state directory, safe against kill -9 at any moment: every
// transaction appends one journal line (written before anyone hears of it), and
// the journal is compacted into a snapshot written to a temporary file, synced
// and renamed over the old one. A torn last line is ignored and cut off on load.
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { apply, type SavedRecord, type SavedState } from './state';

const SNAPSHOT = 'snapshot.json';
const JOURNAL = 'journal.log';

/** A line is `<json>\t<crc32 hex>`: the checksum tells a whole line from a torn one. */
function line(json: string): string {
  return `${json}\t${zlib.crc32(json).toString(16)}\n`;
}

function parseLine(text: string): SavedRecord | undefined {
  const tab = text.lastIndexOf('\t');
  if (tab < 0) return undefined;
  const json = text.slice(0, tab);
  if (zlib.crc32(json).toString(16) !== text.slice(tab + 1)) return undefined;
  try {
    return JSON.parse(json) as SavedRecord;
  } catch {
    return undefined;
  }
}

function syncDir(dir: string): void {
  // Makes a rename durable; some platforms cannot open a directory, and there it is not needed.
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // nothing to do
  }
}

export class Store {
  private fd: number | undefined;
  private journalBytes = 0;
  seq = 0;

  constructor(
    readonly dir: string,
    /** Journal size past which the state is compacted into a new snapshot. */
    private readonly compactBytes: number,
  ) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  /** The saved state: the snapshot with every whole journal record after it applied. */
  load(): SavedState | undefined {
    let state: SavedState | undefined;
    const snapshotPath = path.join(this.dir, SNAPSHOT);
    if (fs.existsSync(snapshotPath)) state = JSON.parse(fs.readFileSync(snapshotPath, 'utf8')) as SavedState;
    const journalPath = path.join(this.dir, JOURNAL);
    const bytes = fs.existsSync(journalPath) ? fs.readFileSync(journalPath) : Buffer.alloc(0);
    let good = 0;
    for (;;) {
      const end = bytes.indexOf(10, good);
      if (end < 0) break;
      const rec = parseLine(bytes.toString('utf8', good, end));
      if (!rec) break;
      good = end + 1;
      // Records apply on top of a snapshot (one is written before the first record), and only once.
      if (state && rec.seq > state.seq) apply(state, rec);
    }
    if (good < bytes.length) fs.truncateSync(journalPath, good);
    this.journalBytes = good;
    this.seq = state?.seq ?? 0;
    return state;
  }

  private journal(): number {
    if (this.fd === undefined) this.fd = fs.openSync(path.join(this.dir, JOURNAL), 'a', 0o600);
    return this.fd;
  }

  append(rec: SavedRecord): void {
    const data = Buffer.from(line(JSON.stringify(rec)));
    fs.writeSync(this.journal(), data);
    this.journalBytes += data.length;
  }

  get needsCompaction(): boolean {
    return this.journalBytes > this.compactBytes;
  }

  /** Writes the whole state as the new snapshot, then empties the journal it replaces. */
  compact(state: SavedState): void {
    const target = path.join(this.dir, SNAPSHOT);
    const temp = `${target}.tmp`;
    const fd = fs.openSync(temp, 'w', 0o600);
    try {
      fs.writeSync(fd, JSON.stringify(state));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, target);
    syncDir(this.dir);
    // A crash before this point leaves records the snapshot already holds: load skips them by seq.
    fs.ftruncateSync(this.journal(), 0);
    this.journalBytes = 0;
  }

  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }
}
