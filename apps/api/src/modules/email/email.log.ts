import type { Camelized, EmailMessage, EmailMessageListQuery } from '@tritiq/contracts';
import type { SessionManager } from '../../db/session';
import { forbidden, notFound } from '../../lib/app-error';
import type { Principal } from '../../lib/principal';
import { findEmailMessage, findEmailMessages, type EmailMessageRow, type EmailScope } from './email.repo';

type EmailMessageDto = Camelized<EmailMessage>;
type ListQuery = Camelized<EmailMessageListQuery>;

export interface EmailLog {
  listMessages(
    principal: Principal,
    query: ListQuery,
  ): Promise<{ items: EmailMessageDto[]; total: number; page: number; pageSize: number }>;
  getMessage(principal: Principal, id: string): Promise<EmailMessageDto>;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toEmailMessageDto(row: EmailMessageRow): EmailMessageDto {
  return {
    id: row.id,
    organizationId: row.organizationId,
    channel: row.channel,
    template: row.template,
    toEmail: row.toEmail,
    toName: row.toName,
    subject: row.subject,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    messageId: row.messageId,
    relatedType: row.relatedType,
    relatedId: row.relatedId,
    createdAt: row.createdAt.toISOString(),
    lastAttemptAt: iso(row.lastAttemptAt),
    sentAt: iso(row.sentAt),
    failedAt: iso(row.failedAt),
  };
}

/** Organisation admins read their organisation's email log; the super admin reads everyone's. */
function scopeOf(principal: Principal): EmailScope {
  if (principal.role === 'super_admin') return 'platform';
  if (!principal.organizationId) throw forbidden();
  return { organizationId: principal.organizationId };
}

function contextOfScope(scope: EmailScope) {
  return scope === 'platform' ? { platform: true } : { organizationId: scope.organizationId };
}

export function createEmailLog(deps: { sessions: SessionManager }): EmailLog {
  return {
    async listMessages(principal, query) {
      const scope = scopeOf(principal);
      if (scope !== 'platform' && query.organizationId && query.organizationId !== scope.organizationId) {
        throw forbidden('organization_id may only name your own organisation');
      }
      const { page, pageSize, createdFrom, createdTo, ...filter } = query;
      const { rows, total } = await deps.sessions.transaction(
        (db) =>
          findEmailMessages(
            db,
            scope,
            {
              ...filter,
              createdFrom: createdFrom ? new Date(createdFrom) : undefined,
              createdTo: createdTo ? new Date(createdTo) : undefined,
            },
            { limit: pageSize, offset: (page - 1) * pageSize },
          ),
        { ...contextOfScope(scope), readOnly: true, label: 'email.list' },
      );
      return { items: rows.map(toEmailMessageDto), total, page, pageSize };
    },

    async getMessage(principal, id) {
      // Another organisation's message answers 404: its existence is not disclosed.
      const scope = scopeOf(principal);
      const row = await deps.sessions.transaction((db) => findEmailMessage(db, scope, id), {
        ...contextOfScope(scope),
        readOnly: true,
        label: 'email.get',
      });
      if (!row) throw notFound('Email');
      return toEmailMessageDto(row);
    },
  };
}
