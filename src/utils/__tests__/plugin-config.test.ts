import { z } from 'zod';
import { configValidator } from '../plugin-config';

describe('a plugin config validator', () => {
  const schema = z.object({ timeoutMs: z.number().int().min(100), provider: z.object({ model: z.string().min(1) }) });

  it('names the plugin and every bad field by its path', () => {
    const validate = configValidator('ai-coach', schema);
    expect(() => validate({ timeoutMs: 5, provider: { model: '' } })).toThrow(
      /^\[ai-coach\] invalid plugin config: timeoutMs: .*; provider\.model: /,
    );
    expect(() => validate('nonsense')).toThrow(/\[ai-coach\] invalid plugin config: config: Expected object/);
  });

  it('passes a good config to the rules a schema cannot say', () => {
    const seen: unknown[] = [];
    const validate = configValidator('ai-coach', schema, (config) => {
      seen.push(config.provider.model);
      if (config.timeoutMs > 1000) throw new Error('too slow for production');
    });
    expect(() => validate({ timeoutMs: 500, provider: { model: 'deepseek-chat' } })).not.toThrow();
    expect(seen).toEqual(['deepseek-chat']);
    expect(() => validate({ timeoutMs: 5000, provider: { model: 'x' } })).toThrow('too slow for production');
  });
});
