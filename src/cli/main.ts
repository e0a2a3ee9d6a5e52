#!/usr/bin/env node
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { STRATEGY_IDS, type StrategyId } from '../scenario/index.ts';
import { runCommand } from './commands/run.ts';
import { validateCommand } from './commands/validate.ts';
import { checkCommand } from './commands/check.ts';
import { trialCommand } from './commands/trial.ts';
import { serveCommand } from './commands/serve.ts';
import { analyzeCommand } from './commands/analyze.ts';
import { EXIT_INVALID, UsageError } from './exitCodes.ts';

function integer(min: number) {
  return (text: string): number => {
    const value = Number(text);
    if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min) {
      throw new InvalidArgumentError(`expected an integer ≥ ${min}, found "${text}".`);
    }
    return value;
  };
}

function strategyList(text: string): StrategyId[] {
  const ids = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = ids.filter((id) => !(STRATEGY_IDS as readonly string[]).includes(id));
  if (ids.length === 0 || unknown.length > 0) {
    throw new InvalidArgumentError(
      `expected a comma-separated list of ${STRATEGY_IDS.join(', ')}; found "${text}".`,
    );
  }
  return ids as StrategyId[];
}

const program = new Command()
  .name('sim')
  .description('voice-otp-lab: simulate voice-delivered one-time codes against voicemail attacks')
  .showHelpAfterError()
  .exitOverride();

const workersOption = () =>
  new Option(
    '--workers <n>',
    'worker threads (default: one per core); any count gives the same numbers',
  ).argParser(integer(1));

program
  .command('run')
  .description('run a scenario and compare its strategies')
  .argument('<scenario>', 'scenario JSON file')
  .addOption(new Option('--trials <n>', 'trials per strategy and kind').argParser(integer(1)))
  .addOption(new Option('--seed <s>', 'random seed').argParser(integer(0)))
  .addOption(
    new Option('--strategies <list>', `comma-separated: ${STRATEGY_IDS.join(',')}`).argParser(
      strategyList,
    ),
  )
  .addOption(workersOption())
  .option('--json', 'print the results as JSON')
  .action(runCommand);

program
  .command('validate')
  .description('check scenario files against the scenario format')
  .argument('<files...>', 'scenario JSON files')
  .action(validateCommand);

program
  .command('check')
  .description(
    'run every scenario in the given files or folders and check their "expect" thresholds',
  )
  .argument('<paths...>', 'scenario files or folders of them')
  .addOption(new Option('--trials <n>', 'override trials per strategy').argParser(integer(1)))
  .addOption(workersOption())
  .action(checkCommand);

program
  .command('trial')
  .description('replay one trial call by call, with the flow states and line events')
  .argument('<scenario>', 'scenario JSON file')
  .addOption(new Option('--strategy <id>', 'strategy').choices(STRATEGY_IDS).makeOptionMandatory())
  .addOption(
    new Option('--kind <kind>', 'trial kind').choices(['attack', 'legit']).default('attack'),
  )
  .addOption(new Option('--index <i>', 'trial index').argParser(integer(0)))
  .addOption(
    new Option('--find <what>', 'replay the first trial that was').choices([
      'intercepted',
      'leaked',
      'legit-failed',
      'abandoned',
    ]),
  )
  .addOption(new Option('--seed <s>', 'random seed').argParser(integer(0)))
  .option('--json', 'print the replay as JSON')
  .option(
    '--wav <file>',
    "also write each call's audio as 8 kHz WAV (several calls: file-1.wav, file-2.wav, ...)",
  )
  .action(trialCommand);

program
  .command('analyze')
  .description('detect DTMF keys and run app_amd on a WAV recording (e.g. a voicemail greeting)')
  .argument('<file>', 'WAV file, any sample rate')
  .option('--scenario <file>', "take the AMD parameters from this scenario's amd section")
  .option(
    '--json',
    'print { durationMs, dtmf: [{ digit, startMs, endMs }], amd: { verdict, cause, decisionMs } }',
  )
  .action(analyzeCommand);

program
  .command('serve')
  .description(
    'serve the Verify-compatible simulator (Verify v2 API and /sim/v1 control plane) over HTTP',
  )
  .addOption(new Option('--port <n>', 'port').argParser(integer(0)).default(4010))
  .addOption(new Option('--host <host>', 'address to listen on').default('127.0.0.1'))
  .action(serveCommand);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : EXIT_INVALID;
  } else if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = EXIT_INVALID;
  } else {
    throw error;
  }
}
