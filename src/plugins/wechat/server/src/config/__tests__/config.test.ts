import config from '..';

/** The plugin refuses to boot with a configuration that would fail later, in front of users. */
const env = Object.assign((key: string, fallback?: string) => process.env[key] ?? fallback ?? '', {
  int: (key: string, fallback?: number) => (process.env[key] ? Number(process.env[key]) : (fallback ?? 0)),
  array: (key: string, fallback?: string[]) => (process.env[key] ? String(process.env[key]).split(',') : (fallback ?? [])),
});

const withEnv = (vars: Record<string, string | undefined>, check: () => void) => {
  const saved = Object.fromEntries(Object.keys(vars).map((key) => [key, process.env[key]]));
  try {
    for (const [key, value] of Object.entries(vars)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    check();
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
};

const validate = () => config.validator(config.default({ env }));

describe('wechat plugin configuration', () => {
  it('boots in development without credentials (sign-in then answers 503)', () => {
    withEnv({ NODE_ENV: 'development', WECHAT_APP_ID: undefined, WECHAT_APP_SECRET: undefined }, () => expect(validate).not.toThrow());
  });

  it('fails the production boot without the app secret, naming the variables', () => {
    withEnv({ NODE_ENV: 'production', WECHAT_APP_ID: 'wx1', WECHAT_APP_SECRET: undefined, DATA_ENCRYPTION_KEY: 'k' }, () =>
      expect(validate).toThrow(/WECHAT_APP_ID and WECHAT_APP_SECRET must be set in production/),
    );
  });

  it('names the fake WeChat DevTools person "devtools" unless WECHAT_FAKE_DEVTOOLS_PERSON says otherwise, and refuses odd names', () => {
    withEnv({ WECHAT_FAKE_DEVTOOLS_PERSON: undefined }, () => expect(config.default({ env }).fakeDevtoolsPerson).toBe('devtools'));
    withEnv({ WECHAT_FAKE_DEVTOOLS_PERSON: 'demo_mom' }, () => expect(config.default({ env }).fakeDevtoolsPerson).toBe('demo_mom'));
    withEnv({ NODE_ENV: 'development', WECHAT_FAKE_DEVTOOLS_PERSON: 'has.dot' }, () => expect(validate).toThrow(/fakeDevtoolsPerson/));
  });

  it('refuses the fake WeChat in production', () => {
    withEnv({ NODE_ENV: 'production', WECHAT_MODE: 'fake', WECHAT_APP_ID: 'wx1', WECHAT_APP_SECRET: 's', DATA_ENCRYPTION_KEY: 'k' }, () =>
      expect(validate).toThrow(/WECHAT_MODE=fake is refused/),
    );
  });

  it('fails the production boot without the data encryption key', () => {
    withEnv({ NODE_ENV: 'production', WECHAT_MODE: 'live', WECHAT_APP_ID: 'wx1', WECHAT_APP_SECRET: 's', DATA_ENCRYPTION_KEY: undefined }, () =>
      expect(validate).toThrow(/DATA_ENCRYPTION_KEY/),
    );
  });

  it('refuses a malformed API base or timeout', () => {
    withEnv({ NODE_ENV: 'development', WECHAT_API_BASE: 'not a url' }, () => expect(validate).toThrow(/apiBase/));
    withEnv({ NODE_ENV: 'development', WECHAT_TIMEOUT_MS: '5' }, () => expect(validate).toThrow(/timeoutMs/));
  });
});
