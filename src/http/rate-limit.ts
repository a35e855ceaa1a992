// The rate limit of /api/v1: RATE_LIMIT_MAX requests per RATE_LIMIT_WINDOW_SECONDS per API key, or per
// client address for a request without a valid key, counted by @fastify/rate-limit in fixed windows.
// Counted in this process's memory, so each replica keeps its own count; with REDIS_URL, in Redis, so
// that all replicas share one. Registered in the API's scope after `access`, which resolves the key
// before the limiter's hook runs (see auth.ts for the order).
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Redis } from 'ioredis';
import { RateLimited } from './errors.js';

export interface RateLimitOptions {
  max: number;
  windowSeconds: number;
  /** Redis to count in, shared by replicas; null counts in this process. */
  redisUrl: string | null;
}

// Redis answers in well under a millisecond; one that takes longer than this is treated as down.
const REDIS_COMMAND_TIMEOUT_MS = 500;

/** A Redis client that never makes a request wait for Redis to come back, logging when it goes and returns. */
async function redisClient(app: FastifyInstance, url: string): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    // While Redis is unreachable a command fails at once, instead of queueing until it is back.
    enableOfflineQueue: false,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
  });
  let reachable = true;
  redis.on('error', (err: Error) => {
    if (reachable) app.log.warn({ err }, 'Redis cannot be reached: requests are served without being counted until it is back');
    reachable = false;
  });
  redis.on('ready', () => {
    if (!reachable) app.log.info('Redis is back: requests are counted again');
    reachable = true;
  });
  app.addHook('onClose', async () => redis.disconnect());
  // Refused or not, it goes on trying in the background; the 'error' listener has said so.
  await redis.connect().catch(() => {});
  return redis;
}

export default fp<RateLimitOptions>(
  async function rateLimits(app: FastifyInstance, { max, windowSeconds, redisUrl }) {
    await app.register(rateLimit, {
      max,
      timeWindow: windowSeconds * 1000,
      keyGenerator: (request) => (request.principal ? `key:${request.principal.keyId}` : `ip:${request.ip}`),
      ...(redisUrl ? { redis: await redisClient(app, redisUrl), nameSpace: 'cchc:rate-limit:' } : {}),
      // When Redis fails, the request is served uncounted: an outage of a counter should not take the
      // API down, and the limit is not what keeps keys from being guessed (they carry 256 random bits).
      skipOnError: true,
      errorResponseBuilder: (_request, { ttl }) =>
        new RateLimited(`Rate limit exceeded: ${max} requests per ${windowSeconds} seconds. Retry in ${Math.ceil(ttl / 1000)} seconds.`),
    });
  },
  { name: 'rate-limits', dependencies: ['access'] },
);
