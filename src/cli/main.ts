#!/usr/bin/env node
import { Command, InvalidArgumentError, Option } from 'commander';
import { defaultWorkerCount } from '../node/workerPool.ts';
import {
  MAX_SEARCH_BUDGET,
  MAX_SEARCH_TRIALS,
  STRATEGY_ID_PATTERN,
  STRATEGY_IDS,
  type StrategyId,
} from '../scenario/index.ts';
import { MAX_SEED, MAX_TRIAL_INDEX, MAX_TRIALS } from '../scenario/trialLimits.ts';
import { runCommand } from './commands/run.ts';
import { mergeCommand } from './commands/merge.ts';
import { validateCommand } from './commands/validate.ts';
import { checkCommand } from './commands/check.ts';
import { trialCommand } from './commands/trial.ts';
import { serveCommand } from './commands/serve.ts';
import { analyzeCommand } from './commands/analyze.ts';
import { attackCommand } from './commands/attack.ts';
import { OBJECTIVES } from '../redteam/index.ts';
import { sweepCommand, varySpec } from './commands/sweep.ts';
import { SECURITY_OBJECTIVES, USABILITY_OBJECTIVES } from '../sim/frontier.ts';
import { VARY_SYNTAX } from '../scenario/index.ts';
import { UsageError } from './exitCodes.ts';
import type { Shard } from '../sim/partialTallies.ts';
import { debugRequested, describeFailure } from './failure.ts';

/**
 * An option's parser: a whole number from `min` to `max`, else commander's usage error (exit 2)
 * saying the range and, in `why`, where its end comes from.
 */
function integer(min: number, max: number, why = '') {
  return (text: string): number => {
    const value = Number(text);
    if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
      throw new InvalidArgumentError(
        `expected an integer from ${min} to ${max}${why ? ` (${why})` : ''}, found "${text}".`,
      );
    }
    return value;
  };
}

/** The bounds of README "Command line"; MAX_TRIALS and MAX_SEED are the scenario format's. */
const trialsCount = integer(1, MAX_TRIALS, 'the most trials a scenario may have');
const seedNumber = integer(0, MAX_SEED, 'seeds are 32-bit: a larger one would repeat a smaller');
const trialIndex = integer(
  0,
  MAX_TRIAL_INDEX,
  `a run's trials are numbered from 0 to trials − 1, and it has at most ${MAX_TRIALS}`,
);
const cores = defaultWorkerCount();
const workerCount = integer(
  1,
  cores,
  `one per core at most: os.availableParallelism() is ${cores} here`,
);

/**
 * `--shard i/n`: shard i of n, numbered from 1 (README "Splitting a run across machines"); whether
 * n is at most the run's trials is checked with the scenario (exit 2 there too).
 */
function shardSpec(text: string): Shard {
  const match = /^(\d{1,8})\/(\d{1,8})$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new InvalidArgumentError(
      `expected i/n, shard i of n with 1 ≤ i ≤ n (e.g. 1/3, 2/3, 3/3), found "${text}".`,
    );
  }
  return { index, count };
}

/**
 * Strategy ids as the scenario format spells them: a built-in strategy or a flow the scenario
 * declares; whether the scenario declares it is checked with the scenario (exit 2 there too).
 */
function strategyList(text: string): StrategyId[] {
  const ids = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const malformed = ids.filter((id) => !STRATEGY_ID_PATTERN.test(id));
  if (ids.length === 0 || malformed.length > 0) {
    throw new InvalidArgumentError(
      `expected a comma-separated list of strategy ids (${STRATEGY_IDS.join(', ')} or the scenario's flows); found "${text}".`,
    );
  }
  return ids;
}

function strategyId(text: string): StrategyId {
  if (!STRATEGY_ID_PATTERN.test(text)) {
    throw new InvalidArgumentError(
      `expected a strategy id (${STRATEGY_IDS.join(', ')} or one of the scenario's flows); found "${text}".`,
    );
  }
  return text;
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
  ).argParser(workerCount);

program
  .command('run')
  .description('run a scenario and compare its strategies')
  .argument('<scenario>', 'scenario JSON file')
  .addOption(new Option('--trials <n>', 'trials per strategy and kind').argParser(trialsCount))
  .addOption(new Option('--seed <s>', 'random seed').argParser(seedNumber))
  .addOption(
    new Option(
      '--strategies <list>',
      `comma-separated: ${STRATEGY_IDS.join(',')} and the scenario's flows`,
    ).argParser(strategyList),
  )
  .addOption(workersOption())
  .option('--json', 'print the results as JSON')
  .addOption(
    new Option(
      '--shard <i/n>',
      'run only shard i of n (1 ≤ i ≤ n) of the trials and write its tallies to --out, for merge',
    ).argParser(shardSpec),
  )
  .option('--out <file>', "write the run's (or shard's) partial tallies to this file, for merge")
  .action(runCommand);

program
  .command('merge')
  .description(
    "add up the partial tallies of a run's (or sweep's) shards and print what the run (or sweep) prints",
  )
  .argument('<parts...>', 'partial-tallies files written by run (or sweep) --shard i/n --out')
  .option('--json', 'print the results as JSON')
  .option('--csv', "a sweep's parts: print one row per point and strategy as CSV")
  .option('--plot <file.svg>', "a sweep's parts: also draw the sweep as a standalone SVG")
  .action(mergeCommand);

program
  .command('sweep')
  .description(
    'run a scenario at every value of one or two numeric fields, on the same trials, with the frontier',
  )
  .argument('<scenario>', 'scenario JSON file')
  .addOption(
    new Option(
      '--vary <spec>',
      `a field and its values, ${VARY_SYNTAX} (e.g. amd.afterGreetingSilenceMs=500..2500:100); once or twice; default: the scenario's "sweep"`,
    ).argParser(varySpec),
  )
  .addOption(
    new Option('--trials <n>', 'trials per point, strategy and kind').argParser(trialsCount),
  )
  .addOption(new Option('--seed <s>', 'random seed').argParser(seedNumber))
  .addOption(
    new Option(
      '--strategies <list>',
      `comma-separated: ${STRATEGY_IDS.join(',')} and the scenario's flows`,
    ).argParser(strategyList),
  )
  .addOption(workersOption())
  .option('--json', 'print the results, the frontier and the thresholds as JSON')
  .option('--csv', 'print one row per point and strategy as CSV')
  .option('--plot <file.svg>', 'also draw the sweep as a standalone SVG')
  .addOption(
    new Option('--objective <security>', "the frontier's security figure (lower is better)")
      .choices(SECURITY_OBJECTIVES)
      .default('interception'),
  )
  .addOption(
    new Option('--usability <figure>', "the frontier's usability figure")
      .choices(USABILITY_OBJECTIVES)
      .default('legit-success'),
  )
  .addOption(
    new Option(
      '--shard <i/n>',
      "run only shard i of n (1 ≤ i ≤ n) of every point's trials and write its tallies to --out, for merge",
    ).argParser(shardSpec),
  )
  .option('--out <file>', "write the sweep's (or shard's) partial tallies to this file, for merge")
  .action(sweepCommand);

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
  .addOption(new Option('--trials <n>', 'override trials per strategy').argParser(trialsCount))
  .addOption(workersOption())
  .action(checkCommand);

program
  .command('trial')
  .description('replay one trial call by call, with the flow states and line events')
  .argument('<scenario>', 'scenario JSON file')
  .addOption(
    new Option(
      '--strategy <id>',
      `strategy: ${STRATEGY_IDS.join(', ')} or a flow the scenario declares`,
    )
      .argParser(strategyId)
      .makeOptionMandatory(),
  )
  .addOption(
    new Option('--kind <kind>', 'trial kind').choices(['attack', 'legit']).default('attack'),
  )
  .addOption(new Option('--index <i>', 'trial index').argParser(trialIndex))
  .addOption(
    new Option('--find <what>', 'replay the first trial that was').choices([
      'intercepted',
      'leaked',
      'legit-failed',
      'abandoned',
    ]),
  )
  .addOption(new Option('--seed <s>', 'random seed').argParser(seedNumber))
  .option('--json', 'print the replay as JSON')
  .option(
    '--wav <file>',
    "also write each call's audio as 8 kHz WAV (several calls: file-1.wav, file-2.wav, ...)",
  )
  .action(trialCommand);

program
  .command('attack')
  .description(
    'search the voicemail greetings for the one that does best against a flow (README, "Red team")',
  )
  .argument('<scenario>', 'scenario JSON file')
  .addOption(
    new Option('--strategy <id>', "the flow to attack: one of the scenario's strategies")
      .argParser(strategyId)
      .makeOptionMandatory(),
  )
  .addOption(
    new Option('--objective <objective>', 'what a greeting is scored on')
      .choices(OBJECTIVES)
      .default('interception'),
  )
  .addOption(
    new Option('--budget <n>', 'candidate greetings to screen (default 300)').argParser(
      integer(1, MAX_SEARCH_BUDGET, "the scenario format's most worstCaseSearch.budget"),
    ),
  )
  .addOption(
    new Option(
      '--trials <n>',
      'trials of each confirmed greeting on the confirmation seed (default 2000)',
    ).argParser(integer(1, MAX_SEARCH_TRIALS, "the scenario format's most worstCaseSearch.trials")),
  )
  .addOption(
    new Option('--seed <s>', "screening seed (default: the scenario's seed)").argParser(seedNumber),
  )
  .addOption(workersOption())
  .option('--json', 'print the report as JSON')
  .option(
    '--out <file>',
    'write the scenario with the best greeting and the confirmation seed here (default: a file in the temporary folder)',
  )
  .action(attackCommand);

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
  .addOption(
    new Option('--port <n>', 'port').argParser(integer(0, 65535, 'a TCP port')).default(4010),
  )
  .addOption(new Option('--host <host>', 'address to listen on').default('127.0.0.1'))
  .addOption(
    new Option(
      '--public-url <url>',
      'what url, links and paging URLs start with (default: the address it listens on)',
    ),
  )
  .addOption(
    new Option(
      '--account <AC…:token>',
      'an account that may call, with its auth token; repeatable (default: the test account)',
    ).argParser((value: string, previous: string[] = []) => [...previous, value]),
  )
  .addOption(
    new Option(
      '--api-key <SK…:secret>',
      'an API key of the first account, with its secret; repeatable',
    ).argParser((value: string, previous: string[] = []) => [...previous, value]),
  )
  .addOption(
    new Option('--clock <mode>', 'simulated: moves only when told; real: follows this machine')
      .choices(['simulated', 'real'])
      .default('simulated'),
  )
  .action(serveCommand);

/**
 * Every way a command can end goes through describeFailure (README, "Command line": exit codes
 * 0 to 3): an error the command throws, an uncaught exception or unhandled rejection anywhere on
 * this thread, and a command whose promise never settled, which Node would otherwise end with
 * exit code 13 and no word of why (Node's process documentation, "Exit codes").
 */
const context = { args: process.argv.slice(2), debug: debugRequested(process.env) };
let settled = false;
function fail(error: unknown): void {
  const failure = describeFailure(error, context);
  process.stderr.write(failure.stderr);
  process.exitCode = failure.exitCode;
}
function failNow(error: unknown): void {
  settled = true;
  fail(error);
  process.exit();
}
process.on('uncaughtException', failNow);
process.on('unhandledRejection', failNow);
// A reader that closed stdout early (`| head`) fails the next write with EPIPE (Node's stream
// documentation, writable.write and 'error'). The run's output is lost, so it must not exit 0 or
// 1; it is no bug either: exit 2, as for any other way the command was used.
process.stdout.on('error', (error: NodeJS.ErrnoException) =>
  failNow(
    error.code === 'EPIPE'
      ? new UsageError('sim: stdout was closed before all the output was written (EPIPE).')
      : error,
  ),
);
// stderr too may be a pipe closed early; there is nowhere left to report that.
process.stderr.on('error', () => {});
process.on('exit', () => {
  if (!settled) {
    fail(new Error('the command stopped before it finished (a promise was never settled)'));
  }
});

try {
  await program.parseAsync(process.argv);
} catch (error) {
  fail(error);
}
settled = true;
