import type { NodemailerError } from 'nodemailer';
import { isPermanentResponseCode } from 'nodemailer/lib/errors';

export type SendFailureKind =
  | 'not_configured'
  | 'connection_refused'
  | 'timed_out'
  | 'tls'
  | 'authentication'
  | 'recipient_rejected'
  | 'sender_rejected'
  | 'message_rejected'
  | 'host_not_found'
  | 'connection'
  /** Not sent: the caller's hand-over check said no just before the final dot (see email.smtp.ts). */
  | 'withheld'
  | 'unknown';

export interface SendFailure {
  kind: SendFailureKind;
  /** What a person reads in the log, the API and the email log. Never carries a message body. */
  message: string;
  /** Worth trying again later: connection trouble, timeouts, 4xx replies. */
  transient: boolean;
}

const TLS_CODES = /^(CERT_|ERR_SSL_|ERR_TLS_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH)/;

const TIMEOUTS: Record<string, string> = {
  CONNECT_TIMEOUT: 'connecting to',
  GREETING_TIMEOUT: 'waiting for the greeting of',
  UPGRADE_TIMEOUT: 'upgrading to TLS with',
  SOCKET_TIMEOUT: 'waiting for an answer from',
};

function tlsReason(err: NodemailerError): string {
  if (err.originalCode === 'ERR_SSL_WRONG_VERSION_NUMBER') {
    return 'the server does not speak TLS on this port (SMTP_SECURE=true is for port 465; ports 587 and 25 use STARTTLS)';
  }
  const openssl = /SSL routines:[^:]*:([^:]+)/.exec(err.message);
  return openssl?.[1] ?? err.message;
}

function reply(err: NodemailerError): string {
  return (err.response ?? err.message).trim();
}

/**
 * Turns what nodemailer throws into the seed's specific reasons (not configured is decided
 * earlier): connection refused, timed out, TLS failure, authentication failed, recipient
 * rejected, message rejected. 4xx replies, lost connections and timeouts are transient; 5xx
 * replies (except 503, a session-state error), TLS and authentication failures are not.
 */
export function describeSendError(error: unknown, server: { host: string; port: number }): SendFailure {
  const err = (error instanceof Error ? error : new Error(String(error))) as NodemailerError;
  const at = `${server.host}:${server.port}`;
  const code = err.responseCode;
  const transientReply = code !== undefined ? !isPermanentResponseCode(code) : true;

  if (err.code === 'ETLS' || (err.originalCode && TLS_CODES.test(err.originalCode))) {
    return { kind: 'tls', transient: false, message: `TLS failure with the SMTP server at ${at}: ${tlsReason(err)}` };
  }
  if (err.code === 'EAUTH' || err.code === 'ENOAUTH' || (code === 530 && err.command === 'MAIL FROM')) {
    const detail = err.code === 'ENOAUTH' || code === 530 ? 'the server requires SMTP_USERNAME and SMTP_PASSWORD' : reply(err);
    return {
      kind: 'authentication',
      transient: code !== undefined && code >= 400 && code < 500,
      message: `Authentication failed at ${at}: ${detail}`,
    };
  }
  if (err.originalCode === 'ECONNREFUSED') {
    return { kind: 'connection_refused', transient: true, message: `Connection refused by the SMTP server at ${at}` };
  }
  if (err.code === 'ETIMEDOUT' || err.originalCode === 'ETIMEDOUT') {
    const what = (err.timeoutType && TIMEOUTS[err.timeoutType]) ?? 'talking to';
    return { kind: 'timed_out', transient: true, message: `Timed out ${what} the SMTP server at ${at}` };
  }
  if (err.code === 'EDNS') {
    const gone = err.originalCode === 'ENOTFOUND';
    return {
      kind: 'host_not_found',
      transient: !gone,
      message: `SMTP host ${server.host} ${gone ? 'was not found' : 'could not be resolved'} (${err.originalCode ?? 'EDNS'})`,
    };
  }
  if (err.code === 'EENVELOPE' && err.command === 'MAIL FROM') {
    return { kind: 'sender_rejected', transient: transientReply, message: `Sender rejected by ${at}: ${reply(err)}` };
  }
  if (err.code === 'EENVELOPE' && (err.rejected?.length || err.command?.startsWith('RCPT'))) {
    const who = err.rejected?.join(', ') ?? err.recipient ?? 'the recipient';
    return { kind: 'recipient_rejected', transient: transientReply, message: `Recipient rejected: ${who} (${reply(err)})` };
  }
  if (code !== undefined) {
    const how = transientReply ? 'temporarily rejected' : 'rejected';
    return { kind: 'message_rejected', transient: transientReply, message: `Message ${how} by ${at}: ${reply(err)}` };
  }
  if (err.code === 'ECONNECTION' || err.code === 'ESOCKET') {
    return { kind: 'connection', transient: true, message: `Connection to the SMTP server at ${at} failed: ${err.message}` };
  }
  return { kind: 'unknown', transient: false, message: `Email could not be sent: ${err.message}` };
}
