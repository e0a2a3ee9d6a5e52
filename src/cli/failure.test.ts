import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { WorkerFailure } from '../node/workerFailure.ts';
import { ScenarioError } from '../scenario/index.ts';
import { UsageError } from './exitCodes.ts';
import { debugRequested, describeFailure, reproduction } from './failure.ts';

const context = { args: ['run', 'scenarios/a.json', '--trials', '200'], debug: false };

describe('describeFailure', () => {
  it('leaves the message of a bad option to commander, with exit 2 (0 for --help)', () => {
    const usage = new CommanderError(1, 'commander.invalidArgument', 'bad');
    expect(describeFailure(usage, context)).toEqual({ exitCode: 2, stderr: '' });
    const help = new CommanderError(0, 'commander.helpDisplayed', '(outputHelp)');
    expect(describeFailure(help, context)).toEqual({ exitCode: 0, stderr: '' });
  });

  it('prints a usage error or a ScenarioError as it is, with exit 2', () => {
    expect(describeFailure(new UsageError('a.json: no such file'), context)).toEqual({
      exitCode: 2,
      stderr: 'a.json: no such file\n',
    });
    const issue = { path: '$.trials', expected: 'a number ≥ 1', found: 'the number 0' };
    expect(describeFailure(new ScenarioError([issue]), context)).toEqual({
      exitCode: 2,
      stderr:
        'Invalid scenario (1 problem):\n  $.trials: expected a number ≥ 1, found the number 0\n',
    });
  });

  it('reports anything else as an internal error on one line, with exit 3 and no stack', () => {
    const failure = describeFailure(new TypeError('x is not a function\n  at line two'), context);
    expect(failure).toEqual({
      exitCode: 3,
      stderr:
        'sim: internal error: TypeError: x is not a function at line two. This is not a problem ' +
        'with your input; please report it with the command line that reproduces it: ' +
        'npm run sim -- run scenarios/a.json --trials 200 (SIM_DEBUG=1 adds the stack trace)\n',
    });
  });

  it('names a failed worker by its message, and reports what is not an Error', () => {
    const worker = describeFailure(new WorkerFailure('simulation worker 1 of 2 stopped.'), context);
    expect(worker.stderr).toMatch(/^sim: internal error: simulation worker 1 of 2 stopped\. This/);
    expect(describeFailure('a string', context).stderr).toMatch(/^sim: internal error: a string\./);
  });

  it('adds the stack traces of the error and its causes when debugging', () => {
    const cause = new RangeError('deep');
    const error = new WorkerFailure('simulation worker 1 of 1 threw RangeError: deep', { cause });
    const failure = describeFailure(error, { ...context, debug: true });
    const [line, ...trace] = failure.stderr.trimEnd().split('\n');
    expect(line).not.toContain('SIM_DEBUG');
    expect(trace[0]).toBe('WorkerFailure: simulation worker 1 of 1 threw RangeError: deep');
    expect(trace.join('\n')).toContain('\nCaused by: RangeError: deep\n    at ');
  });
});

describe('reproduction', () => {
  it('quotes for a POSIX shell only the arguments that need it', () => {
    expect(reproduction(['trial', 'my scenario.json', '--strategy', 'amd', "it's"])).toBe(
      `npm run sim -- trial 'my scenario.json' --strategy amd 'it'\\''s'`,
    );
    expect(reproduction(['check', 'a/b-c_d.json', '--trials=5', ''])).toBe(
      `npm run sim -- check a/b-c_d.json --trials=5 ''`,
    );
  });
});

describe('debugRequested', () => {
  it('is on for SIM_DEBUG=1 (any value but empty or 0)', () => {
    expect(debugRequested({ SIM_DEBUG: '1' })).toBe(true);
    expect(debugRequested({ SIM_DEBUG: 'yes' })).toBe(true);
    expect(debugRequested({ SIM_DEBUG: '0' })).toBe(false);
    expect(debugRequested({ SIM_DEBUG: '' })).toBe(false);
    expect(debugRequested({})).toBe(false);
  });
});
