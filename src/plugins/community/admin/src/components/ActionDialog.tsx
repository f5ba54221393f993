import { Button, Dialog, Field, Flex, NumberInput, Textarea, Typography } from '@strapi/design-system';
import { useEffect, useState } from 'react';

export type ActionRequest = {
  title: string;
  /** What the moderator is about to do, in a sentence. */
  description: string;
  confirmLabel: string;
  noteRequired: boolean;
  /** Ask for a number of days too (a mute). */
  askDays: boolean;
  danger?: boolean;
};

type Props = {
  request: ActionRequest | null;
  busy: boolean;
  onCancel: () => void;
  onConfirm: (input: { note: string; days: number }) => void;
};

const MAX_NOTE = 500;

/** The note (and the days of a mute) a decision needs before it is sent. The note reaches the author. */
export const ActionDialog = ({ request, busy, onCancel, onConfirm }: Props) => {
  const [note, setNote] = useState('');
  const [days, setDays] = useState<number | undefined>(3);
  useEffect(() => {
    setNote('');
    setDays(3);
  }, [request]);

  const trimmed = note.trim();
  const noteMissing = Boolean(request?.noteRequired) && trimmed.length === 0;
  const daysInvalid = Boolean(request?.askDays) && (!days || days < 1 || days > 3650 || !Number.isInteger(days));

  return (
    <Dialog.Root open={request !== null} onOpenChange={(open) => (!open ? onCancel() : undefined)}>
      {request && (
        <Dialog.Content>
          <Dialog.Header>{request.title}</Dialog.Header>
          <Dialog.Body>
            <Flex direction="column" alignItems="stretch" gap={4} width="100%">
              <Typography textColor="neutral800">{request.description}</Typography>
              {request.askDays && (
                <Field.Root name="days" id="moderation-days" required error={daysInvalid ? '1 – 3650 days (天)' : undefined}>
                  <Field.Label>Days (禁言天数)</Field.Label>
                  <NumberInput value={days} onValueChange={setDays} step={1} />
                  <Field.Error />
                </Field.Root>
              )}
              <Field.Root
                name="note"
                id="moderation-note"
                required={request.noteRequired}
                hint={`${trimmed.length} / ${MAX_NOTE} · the author sees it (作者会看到)`}
                error={noteMissing ? 'Say why (请填写原因)' : undefined}
              >
                <Field.Label>Note (原因)</Field.Label>
                <Textarea value={note} maxLength={MAX_NOTE} onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => setNote(event.target.value)} />
                <Field.Hint />
                <Field.Error />
              </Field.Root>
            </Flex>
          </Dialog.Body>
          <Dialog.Footer>
            <Dialog.Cancel>
              <Button variant="tertiary" onClick={onCancel}>
                Cancel 取消
              </Button>
            </Dialog.Cancel>
            <Button
              variant={request.danger ? 'danger-light' : 'default'}
              loading={busy}
              disabled={noteMissing || daysInvalid}
              onClick={() => onConfirm({ note: trimmed, days: days ?? 0 })}
            >
              {request.confirmLabel}
            </Button>
          </Dialog.Footer>
        </Dialog.Content>
      )}
    </Dialog.Root>
  );
};
