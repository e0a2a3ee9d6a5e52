/**
 * The files README "Splitting a run across machines" tells a user to copy
 * (examples/sharding/): they parse as YAML, their shard counts agree with themselves, and their
 * shell commands, run here as the runner or the pod would run them (on a small run), write parts
 * that merge to the single run's output.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { REPO_ROOT, sim } from './testing/simProcess.ts';

const run = promisify(execFile);

/** Every document of a YAML file as plain data; fails on any YAML error or warning. */
async function yamlDocuments(path: string): Promise<any[]> {
  const documents = parseAllDocuments(await readFile(join(REPO_ROOT, path), 'utf8'));
  if (!Array.isArray(documents)) throw new Error(`${path}: no YAML documents`);
  for (const document of documents) {
    expect([...document.errors, ...document.warnings].map(String), path).toEqual([]);
  }
  return documents.map((document) => document.toJS() as unknown);
}

/** Runs a shell command as a CI step or a container would, from the repository's root. */
async function shell(command: string, env: Record<string, string>): Promise<string> {
  const { stdout } = await run('sh', ['-c', command], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

/** The single run the examples' parts must merge to, on a run small enough for a test. */
const SCENARIO = 'scenarios/night-attack-dtmf-1.json';
const TRIALS = '30';
let workDir: string;
let single: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'voice-otp-lab-examples-'));
  const whole = await sim('run', SCENARIO, '--trials', TRIALS, '--workers', '1');
  expect(whole.code).toBe(0);
  single = whole.stdout;
}, 60_000);

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('examples/sharding/github-actions.yml', { timeout: 120_000 }, () => {
  it('runs one leg per shard, 1 to SHARDS, and merges the parts the legs upload', async () => {
    const [workflow] = await yamlDocuments('examples/sharding/github-actions.yml');
    const shards = Number(workflow.env.SHARDS);
    const { shard, merge } = workflow.jobs;
    expect(shard.strategy['fail-fast']).toBe(false);
    expect(shard.strategy.matrix.shard).toEqual(Array.from({ length: shards }, (_, i) => i + 1));
    const upload = shard.steps.find((s: any) => s.uses === 'actions/upload-artifact@v4');
    expect(upload.with).toMatchObject({
      name: 'part-${{ matrix.shard }}',
      path: 'part-${{ matrix.shard }}.json',
    });
    expect(merge.needs).toBe('shard');
    const download = merge.steps.find((s: any) => s.uses === 'actions/download-artifact@v4');
    expect(download.with).toEqual({ pattern: 'part-*', path: 'parts', 'merge-multiple': true });
  });

  it("its shard and merge steps' commands give the single run's output", async () => {
    const [workflow] = await yamlDocuments('examples/sharding/github-actions.yml');
    const runStep = workflow.jobs.shard.steps.find((s: any) => s.name?.startsWith('Run shard'));
    const mergeStep = workflow.jobs.merge.steps.find((s: any) => s.name === 'Merge the parts');
    const folder = await mkdtemp(join(workDir, 'actions-'));
    // The runner's workspace is the repository; here the parts go to a folder of their own.
    const inFolder = (command: string) =>
      command.replaceAll('"part-', `"${folder}/part-`).replaceAll('parts/', `${folder}/`);
    const env = { SCENARIO, TRIALS, SHARDS: '2' };
    for (const index of ['1', '2']) {
      await shell(inFolder((runStep.run as string).replaceAll('${{ matrix.shard }}', index)), env);
    }
    const merged = await shell(inFolder(mergeStep.run as string), env);
    expect(merged.endsWith(single)).toBe(true);
  });
});

describe('examples/sharding/k8s-indexed-job.yaml', { timeout: 120_000 }, () => {
  it('is a claim the pods share, an Indexed Job of SHARDS pods and a merge Job waiting for SHARDS parts', async () => {
    const [claim, shards, merge] = await yamlDocuments('examples/sharding/k8s-indexed-job.yaml');
    expect([claim.kind, shards.kind, merge.kind]).toEqual(['PersistentVolumeClaim', 'Job', 'Job']);
    expect(claim.spec.accessModes).toEqual(['ReadWriteMany']);
    const count = Number(
      shards.spec.template.spec.containers[0].env.find((e: any) => e.name === 'SHARDS').value,
    );
    expect(shards.spec).toMatchObject({
      completionMode: 'Indexed',
      completions: count,
      parallelism: count,
    });
    const waiting = merge.spec.template.spec.initContainers[0];
    expect(waiting.env).toEqual([{ name: 'SHARDS', value: String(count) }]);
    for (const job of [shards, merge]) {
      expect(job.spec.template.spec.volumes).toEqual([
        { name: 'parts', persistentVolumeClaim: { claimName: claim.metadata.name } },
      ]);
    }
  });

  it("its pods' commands, given JOB_COMPLETION_INDEX 0 and 1, give the single run's output", async () => {
    const [, shards, merge] = await yamlDocuments('examples/sharding/k8s-indexed-job.yaml');
    const folder = await mkdtemp(join(workDir, 'k8s-'));
    const onVolume = (command: string) => command.replaceAll('/parts', folder);
    const [shardCommand] = shards.spec.template.spec.containers[0].command.slice(2) as string[];
    const env = { SCENARIO, TRIALS, SHARDS: '2' };
    for (const index of ['0', '1']) {
      await shell(onVolume(shardCommand!), { ...env, JOB_COMPLETION_INDEX: index });
    }
    // The init container's wait ends at once: both parts are there.
    const [waitCommand] = merge.spec.template.spec.initContainers[0].command.slice(2) as string[];
    await shell(onVolume(waitCommand!), env);
    const [mergeCommand] = merge.spec.template.spec.containers[0].command.slice(2) as string[];
    const merged = await shell(onVolume(mergeCommand!), env);
    expect(merged.endsWith(single)).toBe(true);
  });
});
