// Configuration: defaults from an empty environment, each variable read and typed, and every bad
// value refused with a ConfigError whose sentence names the variable.
import t from 'tap';
import { ConfigError, loadConfig } from '../src/config.js';

t.test('defaults from an empty environment', async (t) => {
  const config = loadConfig({});
  t.same(config, {
    port: 3000,
    host: '0.0.0.0',
    databaseUrl: null,
    dataDir: './data',
    logLevel: 'info',
    dbPoolSize: 10,
    dbConnectTimeoutMs: 3000,
    dbStatementTimeoutMs: 5000,
    bodyLimitBytes: 1_048_576,
    corsOrigins: [],
    rateLimitMax: 600,
    rateLimitWindowSeconds: 60,
    redisUrl: null,
    trustProxy: false,
    shutdownTimeoutMs: 10_000,
    documentPlace: 'Sóc Trăng',
    questionResponseDays: 5,
    officeUnitCode: 'VP',
  });
  t.ok(Object.isFrozen(config), 'frozen');
  t.ok(Object.isFrozen(config.corsOrigins), 'its lists too');
  t.throws(() => {
    (config as { port: number }).port = 1;
  }, TypeError);
});

t.test('blank values mean the default', async (t) => {
  const config = loadConfig({ PORT: '', LOG_LEVEL: '  ', DATABASE_URL: '', REDIS_URL: ' ', CORS_ORIGINS: ' ', TRUST_PROXY: '' });
  t.equal(config.port, 3000);
  t.equal(config.logLevel, 'info');
  t.equal(config.databaseUrl, null);
  t.equal(config.redisUrl, null);
  t.same(config.corsOrigins, []);
  t.equal(config.trustProxy, false);
});

t.test('every variable is read', async (t) => {
  const config = loadConfig({
    PORT: '8080',
    HOST: '127.0.0.1',
    DATABASE_URL: 'postgresql://cchc:secret@db.internal:5432/cchc',
    DATA_DIR: '/var/lib/cchc',
    LOG_LEVEL: 'debug',
    DB_POOL_SIZE: '20',
    DB_CONNECT_TIMEOUT_MS: '1500',
    DB_STATEMENT_TIMEOUT_MS: '30000',
    BODY_LIMIT_BYTES: '2048',
    CORS_ORIGINS: 'https://portal.example.vn, https://cchc.example.vn:8443',
    RATE_LIMIT_MAX: '3',
    RATE_LIMIT_WINDOW_SECONDS: '10',
    REDIS_URL: 'redis://:secret@cache.internal:6379/2',
    TRUST_PROXY: 'true',
    SHUTDOWN_TIMEOUT_MS: '0',
    DOCUMENT_PLACE: 'Cần Thơ',
    QUESTION_RESPONSE_DAYS: '7',
    OFFICE_UNIT_CODE: 'VP-SGD',
  });
  t.same(config, {
    port: 8080,
    host: '127.0.0.1',
    databaseUrl: 'postgresql://cchc:secret@db.internal:5432/cchc',
    dataDir: '/var/lib/cchc',
    logLevel: 'debug',
    dbPoolSize: 20,
    dbConnectTimeoutMs: 1500,
    dbStatementTimeoutMs: 30_000,
    bodyLimitBytes: 2048,
    corsOrigins: ['https://portal.example.vn', 'https://cchc.example.vn:8443'],
    rateLimitMax: 3,
    rateLimitWindowSeconds: 10,
    redisUrl: 'redis://:secret@cache.internal:6379/2',
    trustProxy: true,
    shutdownTimeoutMs: 0,
    documentPlace: 'Cần Thơ',
    questionResponseDays: 7,
    officeUnitCode: 'VP-SGD',
  });
  t.equal(loadConfig({ DATABASE_URL: 'postgres://localhost/x' }).databaseUrl, 'postgres://localhost/x');
  t.equal(loadConfig({ REDIS_URL: 'rediss://cache.example.vn:6380' }).redisUrl, 'rediss://cache.example.vn:6380', 'Redis over TLS');
  t.equal(loadConfig({ PORT: '0' }).port, 0, 'port 0 (any free port) is allowed');
  for (const [raw, value] of [['1', true], ['0', false], ['FALSE', false], ['True', true]] as const) {
    t.equal(loadConfig({ TRUST_PROXY: raw }).trustProxy, value, `TRUST_PROXY=${raw}`);
  }
});

t.test('TRUST_PROXY may name the load balancers instead: addresses and CIDR ranges', async (t) => {
  const { trustProxy } = loadConfig({ TRUST_PROXY: ' 10.0.0.5, 10.1.0.0/16,fd00::/8 , ::1' });
  t.same(trustProxy, ['10.0.0.5', '10.1.0.0/16', 'fd00::/8', '::1']);
  t.ok(Object.isFrozen(trustProxy), 'frozen');
  t.same(loadConfig({ TRUST_PROXY: '192.168.0.0/0,10.0.0.0/32' }).trustProxy, ['192.168.0.0/0', '10.0.0.0/32'], 'prefixes from 0 to 32 for IPv4');
  t.same(loadConfig({ TRUST_PROXY: '2001:db8::/128' }).trustProxy, ['2001:db8::/128'], 'and to 128 for IPv6');
  t.equal(loadConfig({ TRUST_PROXY: ' , ' }).trustProxy, false, 'an empty list trusts nobody');
});

t.test('loadConfig reads only what it is given, never process.env', async (t) => {
  const saved = process.env.PORT;
  process.env.PORT = 'not-a-port';
  t.teardown(() => {
    if (saved === undefined) delete process.env.PORT;
    else process.env.PORT = saved;
  });
  t.equal(loadConfig({}).port, 3000);
});

const BAD: Array<[string, string]> = [
  ['PORT', 'abc'],
  ['PORT', '70000'],
  ['PORT', '-1'],
  ['PORT', '80.5'],
  ['PORT', '0x50'],
  ['LOG_LEVEL', 'loud'],
  ['LOG_LEVEL', 'INFO'],
  ['DATABASE_URL', 'mysql://x'],
  ['DATABASE_URL', 'not a url'],
  ['DATABASE_URL', 'http://db.internal/cchc'],
  ['REDIS_URL', 'not a url'],
  ['REDIS_URL', 'http://127.0.0.1:6379'],
  ['REDIS_URL', 'postgres://127.0.0.1:6379'],
  ['CORS_ORIGINS', 'notaurl'],
  ['CORS_ORIGINS', 'https://portal.example.vn/path'],
  ['CORS_ORIGINS', 'https://portal.example.vn,*'],
  ['TRUST_PROXY', 'maybe'],
  ['TRUST_PROXY', 'yes'],
  ['TRUST_PROXY', 'lb.internal'],
  ['TRUST_PROXY', '10.0.0.256'],
  ['TRUST_PROXY', '10.0.0.0/33'],
  ['TRUST_PROXY', 'fd00::/129'],
  ['TRUST_PROXY', '10.0.0.0/8/8'],
  ['TRUST_PROXY', '10.0.0.0/x'],
  ['TRUST_PROXY', '10.0.0.1,true'],
  ['DB_POOL_SIZE', '0'],
  ['DB_POOL_SIZE', '500'],
  ['DB_CONNECT_TIMEOUT_MS', '0'],
  ['DB_STATEMENT_TIMEOUT_MS', '50'],
  ['DB_STATEMENT_TIMEOUT_MS', '5s'],
  ['BODY_LIMIT_BYTES', '10'],
  ['RATE_LIMIT_MAX', '0'],
  ['RATE_LIMIT_WINDOW_SECONDS', '86401'],
  ['QUESTION_RESPONSE_DAYS', '0'],
  ['QUESTION_RESPONSE_DAYS', '61'],
  ['OFFICE_UNIT_CODE', 'vp'],
  ['OFFICE_UNIT_CODE', 'V P'],
  ['SHUTDOWN_TIMEOUT_MS', 'soon'],
];

t.test('each bad value is a ConfigError naming the variable', async (t) => {
  for (const [name, value] of BAD) {
    let caught: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (error) {
      caught = error;
    }
    t.ok(caught instanceof ConfigError, `${name}=${value} is refused`);
    const message = (caught as Error | undefined)?.message ?? '';
    t.ok(message.startsWith(`${name} `), `the sentence starts with the variable: ${message}`);
    t.match(message, /\.$/, 'and is a sentence');
    t.notMatch(message, /\n/, 'one line');
  }
});

t.test('the sentence says what would be right and quotes what was wrong', async (t) => {
  t.throws(() => loadConfig({ PORT: '70000' }), { message: 'PORT must be a whole number from 0 to 65535, not "70000".' });
  t.throws(() => loadConfig({ LOG_LEVEL: 'loud' }), { message: /LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, not "loud"/ });
  t.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }), { message: /DATABASE_URL must start with postgres:\/\/ or postgresql:\/\// });
  t.throws(() => loadConfig({ REDIS_URL: 'http://cache:6379' }), { message: 'REDIS_URL must start with redis:// or rediss://, not http://.' });
  t.throws(() => loadConfig({ REDIS_URL: 'not a url' }), { message: 'REDIS_URL must be a URL such as redis://127.0.0.1:6379.' });
  t.throws(() => loadConfig({ CORS_ORIGINS: 'notaurl' }), { message: /CORS_ORIGINS .*"notaurl"/ });
  t.throws(() => loadConfig({ TRUST_PROXY: 'maybe' }), {
    message: 'TRUST_PROXY must be true, false or a comma-separated list of proxy addresses or CIDR ranges such as 10.0.0.0/8, not "maybe".',
  });
  t.throws(() => loadConfig({ TRUST_PROXY: '10.0.0.1, 10.0.0.0/33' }), { message: /not "10\.0\.0\.0\/33"\.$/ }, 'quoting the entry that is wrong');
});

t.test('a password in DATABASE_URL or REDIS_URL never appears in the error', async (t) => {
  for (const [name, url] of [
    ['DATABASE_URL', 'mysql://root:hunter2@db/x'],
    ['DATABASE_URL', 'postgres://root:hunter2@[db/x'],
    ['REDIS_URL', 'http://:hunter2@cache:6379'],
    ['REDIS_URL', 'redis://:hunter2@[cache:6379'],
  ] as const) {
    let message = '';
    try {
      loadConfig({ [name]: url });
    } catch (error) {
      message = error instanceof ConfigError ? error.message : 'not a ConfigError';
    }
    t.match(message, new RegExp(`^${name} `), `refused: ${message}`);
    t.notMatch(message, /hunter2/, 'without the password');
  }
});
