// The local stack leaves nothing behind: DynamoDB Local (a Java child) ends even when its parent is killed.
import { execFile } from 'node:child_process';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../functions/local/ports.js';

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

describe('DynamoDB Local', () => {
  it('stops when the process that started it is killed outright', async () => {
    const port = await freePort();
    const stdout = await new Promise<string>((resolve) => {
      execFile('node', ['--import', 'tsx', 'test/helpers/start-dynamo-and-die.ts', String(port)], (_, out) => resolve(out));
    });
    expect(stdout).toContain(`up ${port}`);
    let stillUp = true;
    for (let i = 0; i < 50 && stillUp; i++) {
      await new Promise((r) => setTimeout(r, 100));
      stillUp = await listening(port);
    }
    expect(stillUp).toBe(false);
  });
});
