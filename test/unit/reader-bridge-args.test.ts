/**
 * Reader bridge command line: device tokens are random base64url, so one in 64 starts
 * with a dash. The command the dashboard shows (`--token <token>`) must work for it
 * (a fresh clone's CI once drew such a token and the bridge refused to start).
 */
import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { joinOptionValues } from '../../hub/serial/cli-args.js';

const OPTIONS = { token: { type: 'string' }, device: { type: 'string' } } as const;
const parse = (argv: string[]) => parseArgs({ args: joinOptionValues(argv, new Set(Object.keys(OPTIONS))), options: OPTIONS, strict: true }).values;

describe('reader bridge arguments', () => {
  it('takes a token that starts with a dash as the value of --token', () => {
    expect(parse(['--device', 'alpha-reader', '--token', '-x7Qv_2'])).toEqual({ device: 'alpha-reader', token: '-x7Qv_2' });
    expect(parse(['--token', '--double-dash'])).toEqual({ token: '--double-dash' });
  });
  it('which util.parseArgs alone refuses', () => {
    expect(() => parseArgs({ args: ['--token', '-x7Qv_2'], options: OPTIONS, strict: true })).toThrow(/ambiguous/);
  });
  it('leaves --name=value, a trailing option and unknown options as they are', () => {
    expect(joinOptionValues(['--token=-a', '--device'], new Set(['token', 'device']))).toEqual(['--token=-a', '--device']);
    expect(() => parse(['--verbose', '-x'])).toThrow();
  });
});
