// The load generator, a process of its own so that it shares no event loop with the bench or the
// servers it loads: it takes jobs by IPC, one at a time, runs autocannon and sends back the figures.
// Each request takes one of the job's paths at random (the same sequence every job) and the next of
// its keys in turn.
import autocannon from 'autocannon';

export interface LoadJob {
  origin: string;
  method: 'GET' | 'POST';
  paths: string[];
  keys: string[];
  body?: string;
  connections: number;
  seconds: number;
}

export interface LoadFigures {
  /** Answers per second over the whole run. */
  rate: number;
  p50: number;
  p99: number;
  requests: number;
  /** Answers that were not 2xx, errors and timeouts: a case with any is reported, not ranked. */
  failed: number;
}

/** mulberry32: a small seeded generator, so that both sides get the same sequence of paths. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function run(job: LoadJob): Promise<LoadFigures> {
  const next = random(1);
  let turn = 0;
  const headers = job.body ? { 'content-type': 'application/json' } : {};
  const result = await autocannon({
    url: job.origin,
    connections: job.connections,
    duration: job.seconds,
    timeout: 60,
    requests: [
      {
        method: job.method,
        body: job.body,
        setupRequest: (request) => ({
          ...request,
          path: job.paths[Math.floor(next() * job.paths.length)]!,
          headers: { ...headers, authorization: `Bearer ${job.keys[turn++ % job.keys.length]}` },
        }),
      },
    ],
  });
  return {
    rate: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    failed: result.non2xx + result.errors + result.timeouts,
  };
}

process.on('message', (job: LoadJob) => {
  run(job).then(
    (figures) => process.send!({ figures }),
    (error: unknown) => process.send!({ error: String(error) }),
  );
});
process.send!('ready');
