'use client';
import { Modal } from '@mantine/core';
import type { createUserResponseSchema } from '@tritiq/contracts';
import { useState, type ComponentType } from 'react';
import type { z } from 'zod';
import { ConfirmDialog, type ConfirmRequest } from './confirm';
import { SecretOnceModal, type ShownSecret } from './secret-once';
import { useDialogFormGuard } from './use-leave-guard';

/** What a new account's creation shows once: its generated password, and whether the email carrying it went out. */
export function newAccountSecret(res: z.infer<typeof createUserResponseSchema>): ShownSecret {
  return {
    label: `Temporary password for ${res.user.email}`,
    secret: res.temporary_password,
    emailSent: res.email_sent,
    emailError: res.email_error,
  };
}

/** A form that creates an account and hands back the password to show once. */
export type CreateAccountForm = ComponentType<{ onCreated: (secret: ShownSecret) => void; onDirtyChange?: (dirty: boolean) => void }>;

/**
 * The dialogs of a page of accounts (an organisation's users, the platform's admins): the create
 * form in a modal, the generated password shown once (after a creation or a reset), and the
 * confirmation of a row action. `dialogs` renders them; after a creation `onCreated` runs (reload
 * the list).
 */
export function useAccountDialogs(onCreated: () => void) {
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<ShownSecret | null>(null);
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  // Closed with changes (Esc, the close button, outside), the form asks first; so does leaving the page.
  const guard = useDialogFormGuard(() => setCreating(false));
  const dialogs = (createTitle: string, CreateForm: CreateAccountForm) => (
    <>
      <Modal opened={creating} onClose={guard.close} title={createTitle} centered>
        <CreateForm
          onDirtyChange={guard.report}
          onCreated={(s) => {
            guard.reset();
            setCreating(false);
            setSecret(s);
            onCreated();
          }}
        />
      </Modal>
      <SecretOnceModal title="Password" shown={secret} onClose={() => setSecret(null)} />
      <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />
    </>
  );
  return { openCreate: () => setCreating(true), showSecret: setSecret, askConfirm: setConfirm, dialogs };
}
