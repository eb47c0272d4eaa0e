import nodemailer, { type Transporter } from 'nodemailer';

import type { ChannelKind } from '../../../../common/notifications';
import type { Config } from '../../config';
import { renderEmail, renderHttpDelivery, vendorError } from './delivery-formats';
import type { OutboxMessage } from './outbox-repository';

export interface SendInput {
  kind: ChannelKind;
  /** Decrypted URL or comma-separated addresses. */
  target: string;
  secret: string | null;
  message: OutboxMessage;
  deliveryId: string;
  event: string;
  now: number;
}

/** Sends one delivery; resolves when the receiver accepted it, throws with a readable reason. */
export type Sender = (input: SendInput) => Promise<void>;

/**
 * The outside world of notifications: HTTP POSTs to robots and webhooks (fetch with a timeout,
 * no redirects) and SMTP through nodemailer. Nothing here touches the database.
 */
export function createSender(config: Pick<Config, 'smtp' | 'notify' | 'publicUrl'>): Sender {
  let transport: Transporter | null = null;
  const messageHost = new URL(config.publicUrl).hostname || 'fannao.local';

  function mailer(): Transporter {
    if (!config.smtp) {
      throw new Error('SMTP is not configured (SMTP_HOST)');
    }
    transport ??= nodemailer.createTransport({
      host: config.smtp.host,
      port: config.smtp.port,
      secure: config.smtp.secure,
      requireTLS: config.smtp.requireTls,
      auth: config.smtp.auth ?? undefined,
      connectionTimeout: config.notify.timeoutMs,
      greetingTimeout: config.notify.timeoutMs,
      socketTimeout: config.notify.timeoutMs,
    });
    return transport;
  }

  const linkOf = (m: OutboxMessage) =>
    m.linkPath ? new URL(m.linkPath, config.publicUrl).toString() : null;

  return async (input) => {
    const link = linkOf(input.message);
    if (input.kind === 'email') {
      const mail = renderEmail(input.message, link);
      // The delivery id as Message-ID lets mail systems drop a duplicate after a crash retry.
      await mailer().sendMail({
        from: config.smtp?.from,
        to: input.target.split(','),
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: `<${input.deliveryId}@${messageHost}>`,
        headers: { 'X-Fannao-Delivery': input.deliveryId, 'X-Fannao-Event': input.event },
      });
      return;
    }
    const req = renderHttpDelivery({
      kind: input.kind,
      url: input.target,
      secret: input.secret,
      message: input.message,
      link,
      now: input.now,
      deliveryId: input.deliveryId,
      event: input.event,
    });
    let res: Response;
    try {
      res = await fetch(req.url, {
        method: 'POST',
        headers: req.headers,
        body: req.body,
        redirect: 'error',
        signal: AbortSignal.timeout(config.notify.timeoutMs),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new Error(
        `request failed: ${cause?.code ?? cause?.message ?? (error as Error).message}`,
      );
    }
    const body = (await res.text()).slice(0, 4000);
    const problem = vendorError(input.kind, res.status, body);
    if (problem) {
      throw new Error(problem);
    }
  };
}
