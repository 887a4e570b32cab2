// Every AWS event Kompis receives, read by the one module that knows their shapes (adapters/aws-events.ts),
// from fixtures in AWS's own shapes (test/fixtures/events/, conventions in its README).
import { describe, expect, it } from 'vitest';
import { parseSesFeedback, sesEventSchema, snsMessagesOf, sourceIpOf, sqsBatchResponse, sqsRecordsOf, verdictsOf } from '../../functions/adapters/aws-events.js';
import { sendKeyTags } from '../../functions/adapters/ses-tags.js';
import { eventFixture } from '../helpers/events.js';

const region = 'eu-west-1';

describe('the AWS events, in core terms', () => {
  it('SNS-wrapped SES feedback: a hard bounce suppresses its recipient; anything else is nothing to do', () => {
    const message = JSON.stringify(eventFixture('ses/bounce-event', { recipient: 'ola@example.com', region }));
    const messages = snsMessagesOf(eventFixture('sns/ses-event', { message, snsMessageId: 'm-1', region }));
    expect(messages).toHaveLength(1);
    expect(parseSesFeedback(messages![0])).toEqual({ kind: 'suppress', addresses: [['ola@example.com', 'bounce']] });
    expect(parseSesFeedback({ nonsense: true })).toEqual({ kind: 'suppress', addresses: [] });
    expect(parseSesFeedback('not an object')).toEqual({ kind: 'other' });
    expect(snsMessagesOf({ Records: [{ eventSource: 'aws:sqs' }] })).toBeUndefined();
  });

  it('an SES Send event names the send it settles by the tags Kompis put on it', () => {
    const sendKey = { goalId: '01JABCDEFGHJKMNPQRSTVWXYZ0', week: 3, kind: 'checkin' as const };
    const tags = Object.fromEntries(sendKeyTags(sendKey).map((tag) => [tag.Name, [tag.Value]]));
    expect(parseSesFeedback({ eventType: 'Send', mail: { messageId: 'ses-1', tags } })).toEqual({ kind: 'sent', sendKey, messageId: 'ses-1' });
    expect(parseSesFeedback({ eventType: 'Send', mail: { messageId: 'ses-2', tags: {} } })).toEqual({ kind: 'other' });
  });

  it('the SQS batch: each record id and body; the partial batch response names the failed ones', () => {
    const record = eventFixture('sqs/record', { body: '{"kind":"checkin"}', messageId: 'q-1', queueName: 'send', receiptHandle: 'r', region, sentTimestamp: '1', md5OfBody: 'x' });
    expect(sqsRecordsOf({ Records: [record] })).toEqual([{ messageId: 'q-1', body: '{"kind":"checkin"}' }]);
    expect(() => sqsRecordsOf({ Records: [{ body: 'no id' }] })).toThrow();
    expect(sqsBatchResponse(['q-1'])).toEqual({ batchItemFailures: [{ itemIdentifier: 'q-1' }] });
  });

  it("the SES receipt event: the message, its recipients and SES's verdicts", () => {
    const event = eventFixture('ses/receipt', { from: 'ola@example.com', to: 'goal@in.example.com', messageId: 'abc123', region, subject: 'Hi', functionName: 'inbound' });
    const parsed = sesEventSchema.parse(event);
    expect(parsed.Records[0]!.ses.receipt.recipients).toEqual(['goal@in.example.com']);
    expect(verdictsOf(parsed.Records[0]!.ses.receipt)).toEqual({ spf: 'PASS', dkim: 'PASS', dmarc: 'PASS', spam: 'PASS', virus: 'PASS' });
  });

  it("API Gateway's request context gives the client address, never the X-Forwarded-For header", () => {
    const vars = { acceptLanguage: 'en', apiId: 'a', body: '', contentLength: '0', contentType: 'text/plain', fetchSite: 'none', host: 'h', method: 'GET', origin: 'o', path: '/', query: '', requestId: 'r', sourceIp: '203.0.113.9' };
    const event = eventFixture('apigw-http/request', vars) as { requestContext: { http: { sourceIp: string } } };
    expect(sourceIpOf({ requestContext: event.requestContext })).toBe('203.0.113.9');
    expect(sourceIpOf({ incoming: { socket: { remoteAddress: '127.0.0.1' } } })).toBe('127.0.0.1');
  });
});
