/**
 * `sim serve` under raw bytes: a seeded generator writes malformed HTTP straight to TCP sockets
 * (node:net, loopback) of a real `sim serve` child process: broken request lines and paths
 * (`GET //%/x`), bad and oversized headers (`Host: [`), lying Content-Lengths, broken chunked
 * bodies, bytes that are not HTTP, and clients that stop mid-request or hang up at once. After
 * every batch the process is still running and a well-formed request gets the right answer.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../src/core/rng.ts';
import { startSimServe, type ServeProcess } from './testing/simServe.ts';

/** How many inputs the test writes: BATCHES × BATCH_SIZE (the README quotes it). */
const BATCHES = 30;
const BATCH_SIZE = 100;
const SEED = 13;

const pick = <T>(rng: Rng, items: readonly T[]): T => items[rng.int(items.length)]!;

const METHODS = [
  'GET',
  'POST',
  'PUT',
  'DELETE',
  'HEAD',
  'OPTIONS',
  'PATCH',
  'TRACE',
  'get',
  'G\u00e9T',
  '',
  'POST POST',
  'CONNECT',
];
const TARGETS = [
  '//%/x',
  '/v2/Services/%',
  '/v2/Services/%E0%A4%A',
  '/v2/Services/VA%00',
  '*',
  'http://evil.example/v2/Services',
  '//evil.example/v2/Services',
  '/v2/Services?PageSize=%',
  '/v2/Services?PageSize=-1&Page=99999999999999999999',
  '/sim/v1/Phones/%2B1%/Voicemail',
  '/../../etc/passwd',
  '/\u00ff\u0000',
  '',
  ' ',
  '/v2/Services/' + 'A'.repeat(9000),
  '/sim/v1/Clock',
  '/v2/Services',
];
const VERSIONS = ['HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/9.9', 'HTTP/1.1 extra', 'http/1.1', ''];
const HEADERS = [
  'Host: [',
  'Host: ]:::',
  'Host: a\r\nHost: b',
  'Content-Length: -1',
  'Content-Length: abc',
  'Content-Length: 99999999999999999999',
  'Content-Length: 5\r\nContent-Length: 6',
  'Transfer-Encoding: chunked',
  'Transfer-Encoding: chunked, gzip',
  'Transfer-Encoding: chunked\r\nContent-Length: 3',
  'Authorization: Basic ###',
  'Authorization: Basic ' + Buffer.from(':').toString('base64'),
  'Content-Type: application/x-www-form-urlencoded; charset=\u00ff',
  'No-Colon-Here',
  ' Leading: space',
  'Folded: a\r\n b',
  'X-Null: a\u0000b',
  'X-Big: ' + 'x'.repeat(20_000),
  'Expect: 100-continue',
  'Connection: upgrade\r\nUpgrade: websocket',
];
const BODIES = [
  '',
  'FriendlyName=Bank',
  'To=%2B15005550100&Channel=call',
  '{"advanceSeconds":1e999}',
  '5\r\nhello\r\n0\r\n\r\n',
  'zz\r\nbad chunk\r\n',
  '\u0000\u00ff\u00fe',
  'x'.repeat(17_000),
];

/** One malformed input: a request built from the pieces above, then cut, split or garbled. */
function generateInput(rng: Rng): Buffer {
  const lineEnd = rng.next() < 0.9 ? '\r\n' : '\n';
  const headers = Array.from({ length: rng.int(4) }, () => pick(rng, HEADERS));
  if (rng.next() < 0.8) headers.unshift('Host: 127.0.0.1');
  const body = pick(rng, BODIES);
  if (rng.next() < 0.5) headers.push(`Content-Length: ${body.length + rng.int(3) - 1}`);
  const text =
    `${pick(rng, METHODS)} ${pick(rng, TARGETS)} ${pick(rng, VERSIONS)}${lineEnd}` +
    headers.map((h) => h + lineEnd).join('') +
    lineEnd +
    body;
  let bytes = Buffer.from(text, 'latin1');
  const garble = rng.int(4);
  if (garble === 0) bytes = bytes.subarray(0, rng.int(bytes.length + 1)); // stops mid-request
  if (garble === 1) rng.fill(bytes.subarray(rng.int(bytes.length), rng.int(bytes.length) + 8));
  if (garble === 2) bytes = Buffer.concat([bytes, bytes]); // pipelined twice
  return bytes;
}

/** The status codes the server wrote on a connection (pipelined answers included). */
function statusLines(answer: string): number[] {
  return [...answer.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]));
}

/** Writes `input` in 1 to 3 pieces, then half-closes or resets; resolves with what came back. */
function sendRaw(port: number, input: Buffer, rng: Rng): Promise<string> {
  const pieces = 1 + rng.int(3);
  const reset = rng.next() < 0.2;
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1', () => {
      const size = Math.ceil(input.length / pieces);
      for (let i = 0; i < input.length; i += size) socket.write(input.subarray(i, i + size));
      if (reset) socket.resetAndDestroy();
      else socket.end();
    });
    socket.on('data', (data: Buffer) => chunks.push(data));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
  });
}

describe('sim serve under malformed raw requests', () => {
  let served: ServeProcess;
  beforeAll(async () => {
    served = await startSimServe();
  });
  afterAll(async () => {
    await served.stop();
  });

  it(`stays up and keeps answering after ${BATCHES * BATCH_SIZE} malformed inputs`, async () => {
    expect(served.stdout()).toContain(
      `account:       AC${'0'.repeat(32)} auth token voice-otp-lab-test-token`,
    );
    const port = Number(new URL(served.url).port);
    const rng = createRng(SEED);
    const auth = `Basic ${Buffer.from(`AC${'0'.repeat(32)}:voice-otp-lab-test-token`).toString('base64')}`;
    let tried = 0;
    const statuses = new Map<number, number>();
    for (let batch = 0; batch < BATCHES; batch++) {
      const inputs = Array.from({ length: BATCH_SIZE }, () => generateInput(rng));
      const answers = await Promise.all(inputs.map((input) => sendRaw(port, input, rng)));
      tried += inputs.length;
      for (const status of answers.flatMap(statusLines)) {
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
      expect(served.child.exitCode, `after batch ${batch}`).toBeNull();
      const created = await fetch(`${served.url}/v2/Services`, {
        method: 'POST',
        headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
        body: `FriendlyName=Batch${batch}`,
      });
      expect(created.status).toBe(201);
      expect(await created.json()).toMatchObject({ friendly_name: `Batch${batch}` });
    }
    expect(tried).toBe(BATCHES * BATCH_SIZE);
    expect([...statuses.keys()].filter((status) => status >= 500)).toEqual([]);
    // The inputs reached the handlers as well as Node's parser: both kinds of answer came back.
    expect(statuses.has(400)).toBe(true);
    expect(statuses.has(404)).toBe(true);
    expect(statuses.has(401)).toBe(true);
  });
});
