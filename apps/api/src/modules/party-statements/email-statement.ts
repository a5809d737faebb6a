import { formatDateAs, formatIndianAmount, indianDate, isCalendarDate } from '@tritiq/contracts';
import { auditFields, isOrgAdmin, tenantTx, type Actor } from '../../lib/actor';
import { AppError, forbidden } from '../../lib/app-error';
import { AttachmentUnavailableError, type AttachmentRequest, type EmailAttachment } from '../email';
import { getBusinessSettings, type BusinessSettings } from '../organizations';
import type { PartyRow } from '../parties';
import { findStatementParty, readPartyStatement, statementPeriod, type Period } from './party-statement';
import type { PartyStatementsDeps } from './party-statements.deps';
import { balanceText, loadStatementPdf, statementFilename } from './statement-document';

export const STATEMENT_TEMPLATE = 'party_statement';
/** Outbox rows of statement emails: `related_id` is the party, the period is in the variables. */
export const STATEMENT_RELATED_TYPE = 'party_statement';

const sameAddress = (a: string, b: string | null) => Boolean(b) && a.trim().toLowerCase() === b!.trim().toLowerCase();

/**
 * Where a statement or reminder goes: `to` when given (another address than the party's: org
 * admins only, as for vouchers), else the party's address; 422 naming `field` when it has none.
 */
export function statementRecipient(actor: Actor | null, party: PartyRow, to: string | undefined, field: string): string {
  if (to) {
    if (actor && !isOrgAdmin(actor) && !sameAddress(to, party.email))
      throw forbidden(
        `Only an admin can email a statement to an address other than the party's: leave "${field}" empty to send it to the party`,
      );
    return to;
  }
  if (party.email) return party.email;
  const message = `"${party.name}" has no email address: add one to the ${party.kind}, or say where to send it`;
  throw new AppError('VALIDATION_ERROR', message, { errors: [{ field, message }] });
}

export function senderVariables(org: BusinessSettings) {
  return { organization_name: org.legalName || org.name, organization_email: org.email ?? '' };
}

/**
 * Queues the party's statement of account for [from, to] to it (or `emailTo`); the email worker
 * draws the PDF when it sends. The outbox row (the email log) names the party and the period; the
 * audit trail records who sent it where.
 */
export async function emailPartyStatement(
  deps: PartyStatementsDeps,
  actor: Actor,
  partyId: string,
  input: { from?: string; to?: string; emailTo?: string },
) {
  const period = statementPeriod(deps.clock, input);
  const today = indianDate(deps.clock.now());
  return deps.sessions.transaction(
    async (tx) => {
      const org = actor.organizationId;
      const party = await findStatementParty(tx, org, partyId);
      const recipient = statementRecipient(actor, party, input.emailTo, 'email_to');
      const settings = await getBusinessSettings(tx, org);
      const statement = await readPartyStatement(tx, org, party, period, today);
      const date = (d: string) => formatDateAs(d, settings.dateFormat);
      const { id } = await deps.mail.enqueue(tx, {
        template: STATEMENT_TEMPLATE,
        to: recipient,
        toName: party.name,
        variables: {
          ...senderVariables(settings),
          party_name: party.name,
          period: `${date(period.from)} to ${date(period.to)}`,
          statement_from: period.from,
          statement_to: period.to,
          opening_balance: balanceText(statement.openingBalance),
          closing_balance: balanceText(statement.closingBalance),
          open_bills: statement.openBills.length,
          open_total: statement.openBills.length > 0 ? `₹${formatIndianAmount(statement.ageing.total)}` : '',
          attachment_name: statementFilename(party.name, period),
        },
        organizationId: org,
        relatedType: STATEMENT_RELATED_TYPE,
        relatedId: party.id,
      });
      await deps.audit.record(tx, {
        ...auditFields(actor),
        action: 'party.statement_emailed',
        targetType: 'party',
        targetId: party.id,
        details: { party_name: party.name, to: recipient, from: period.from, until: period.to, email_id: id },
      });
      return { emailId: id, emailTo: recipient, message: `Statement queued to ${recipient}` };
    },
    tenantTx(actor, 'party.statement_email'),
  );
}

/** The period an outbox row of a statement or reminder names (its variables), checked. */
export function periodOf(request: AttachmentRequest): Period {
  const from = request.variables.statement_from;
  const to = request.variables.statement_to;
  if (typeof from !== 'string' || typeof to !== 'string' || !isCalendarDate(from) || !isCalendarDate(to))
    throw new AttachmentUnavailableError('the email names no statement period');
  return { from, to };
}

/**
 * The statement PDF a queued statement email or payment reminder carries, drawn by the worker when
 * it sends: the party's account as it stands then, for the period the email names.
 */
export async function statementAttachments(
  deps: Pick<PartyStatementsDeps, 'sessions' | 'clock'>,
  request: AttachmentRequest,
): Promise<EmailAttachment[]> {
  const organizationId = request.organizationId;
  const partyId = request.relatedId;
  if (!organizationId || !partyId) throw new AttachmentUnavailableError('the email names no party');
  const period = periodOf(request);
  const note = typeof request.variables.statement_note === 'string' ? request.variables.statement_note : null;
  const file = await loadStatementPdf(deps, organizationId, partyId, period, { note, label: 'party.statement_email_pdf' }).catch(
    (err: unknown) => {
      if (err instanceof AppError && err.code === 'NOT_FOUND') throw new AttachmentUnavailableError(err.message);
      throw err;
    },
  );
  return [{ filename: file.filename, content: file.body, contentType: 'application/pdf' }];
}
