// The kind of failure behind a 5xx, one metric each: what broke, read from the error and its causes.
import { describe, expect, it } from 'vitest';
import { EmailNotSent } from '../../functions/core/errors.js';
import { SendOutcomeUnknown, SendRefused } from '../../functions/core/ports.js';
import { describeFailure, failureKind } from '../../functions/http/failures.js';

const sdkError = (name: string, status: number) => Object.assign(new Error(`${name} (from the SDK)`), { name, $fault: 'client', $metadata: { httpStatusCode: status } });
const connection = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:8000`), { code });

describe('the kind of a web failure', () => {
  it.each([
    ['SES refused the email', new SendRefused(sdkError('MessageRejected', 400)), 'EmailRefused'],
    ['SES may have taken it', new SendOutcomeUnknown(Object.assign(new Error('timed out'), { name: 'TimeoutError' })), 'EmailOutcomeUnknown'],
    ['an email after a saved change, refused', new EmailNotSent('error.email.inviteNotSent', { cause: new SendRefused(sdkError('Throttling', 400)) }), 'EmailRefused'],
    ['DynamoDB throttled', sdkError('ProvisionedThroughputExceededException', 400), 'StoreUnavailable'],
    ['DynamoDB timed out', Object.assign(new Error('timed out'), { name: 'TimeoutError' }), 'StoreUnavailable'],
    ['DynamoDB unreachable (the SDK rethrows Node’s own error)', connection('ECONNREFUSED'), 'StoreUnavailable'],
    ['the store failed under an email step', new EmailNotSent('error.email.noticeNotSent', { cause: connection('ECONNRESET') }), 'StoreUnavailable'],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')"), 'Unexpected'],
  ])('%s', (_, error, kind) => {
    expect(failureKind(error)).toBe(kind);
  });

  it('names no address in the log, where SES’s sandbox refusal names one ("identities failed the check")', () => {
    // Found by the attack round: the web's ERROR line carried the recipient's address.
    const refused = new SendRefused(sdkError('MessageRejected', 400));
    refused.message = 'send refused: MessageRejected: Email address is not verified. The following identities failed the check in region EU-WEST-1: kari@example.org';
    const text = describeFailure(new EmailNotSent('error.email.linkNotSent', { cause: refused }));
    expect(text).not.toContain('kari@example.org');
    expect(text).toMatch(/failed the check in region EU-WEST-1: <address [0-9a-f]{12}>/);
  });

  it('is described with what the person was told and the cause, for the log', () => {
    const error = new EmailNotSent('error.email.inviteNotSent', { cause: new SendRefused(sdkError('Throttling', 400)) });
    expect(describeFailure(error)).toBe(
      'EmailNotSent: error.email.inviteNotSent: send refused: Throttling: Throttling (from the SDK) (told: error.email.inviteNotSent); cause SendRefused: send refused: Throttling: Throttling (from the SDK)',
    );
  });
});
