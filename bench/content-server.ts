// The content bench's server, in its own process so it does not share an event loop with the content manager it
// serves: HQ's simulator content host (hq-sim/src/content-host.ts, files streamed from disk, Range, ETag) over the
// data folder given as the first argument. Prints {"port": N} once listening; stops on SIGTERM (or when its parent's
// pipe closes, so it never outlives the bench).
import { startContentHost } from '../hq-sim/src/content-host.ts';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: content-server.ts DATA_DIR');
const host = await startContentHost({ dataDir });
console.log(JSON.stringify({ port: host.port }));
const stop = () => void host.stop().finally(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
process.stdin.once('end', stop).resume();
