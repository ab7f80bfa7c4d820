import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../../src/main/cli/args';
import { UsageError } from '../../../../src/main/cli/exit-codes';

const specs = {
  port: { type: 'integer', description: '', min: 0, max: 65535 },
  price: { type: 'number', description: '' },
  period: { type: 'string', description: '', choices: ['D', 'W', 'M'] },
  yes: { type: 'boolean', description: '' },
  code: { type: 'string', description: '', multiple: true },
} as const;

describe('parseArgs', () => {
  it('reads typed options in both spellings and keeps positionals', () => {
    expect(parseArgs(['005930', '--port', '80', '--price=71300', '--yes', '--period', 'W'], specs)).toEqual({
      options: { port: 80, price: 71300, yes: true, period: 'W' },
      positionals: ['005930'],
    });
  });

  it('collects repeatable options and stops at --', () => {
    expect(parseArgs(['--code', 'A', '--code=B', '--', '--yes'], specs)).toEqual({
      options: { code: ['A', 'B'] },
      positionals: ['--yes'],
    });
  });

  it.each([
    [['--bogus'], /Unknown option --bogus/],
    [['-x'], /Unknown option -x/],
    [['--port'], /--port needs a value/],
    [['--port', 'abc'], /--port needs a whole number, got "abc"/],
    [['--port', '1.5'], /whole number/],
    [['--port', '70000'], /--port must be at most 65535/],
    [['--port', '-1'], /--port must be at least 0/],
    [['--price', 'NaN'], /--price needs a number/],
    [['--period', 'Y'], /--period must be one of D, W, M; got "Y"/],
    [['--yes=1'], /--yes takes no value/],
    [['--port', '1', '--port', '2'], /--port is given twice/],
  ])('rejects %j with a specific usage error', (argv, message) => {
    expect(() => parseArgs(argv, specs)).toThrow(UsageError);
    expect(() => parseArgs(argv, specs)).toThrow(message);
  });

  it('accepts negative numbers as values', () => {
    expect(parseArgs(['--price', '-5'], specs).options.price).toBe(-5);
  });
});
