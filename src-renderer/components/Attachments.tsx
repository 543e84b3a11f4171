import { ActionIcon, Badge, Button, FileButton, Group, Image, Loader, Modal, Paper, Stack, Text, Textarea, Title, Tooltip } from '@mantine/core';
import {
  IconDownload,
  IconFile,
  IconFileSpreadsheet,
  IconFileText,
  IconFileTypePdf,
  IconPaperclip,
  IconPhoto,
  IconTrash,
  type Icon,
} from '@tabler/icons-react';
import { useQueryClient, useMutation } from '@tanstack/react-query';
import { type DragEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTACHMENT_ACCEPT, ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, extensionOf, isPreviewableImage, sizeParts } from '../../src-shared/attachments/files.js';
import type { Attachment, AttachmentContent } from '../../src-shared/contract/index.js';
import { renderMessage } from '../../src-shared/messages.js';
import { call, isApiError } from '../api/client.js';
import { pick, useLanguage } from '../i18n/index.js';
import { DateTimeText } from './bits.js';
import { base64Bytes, downloadFile, readAsBase64 } from './download.js';
import { useNotify } from './notify.js';
import { ErrorAlert } from './StateViews.js';

/** The record a file list belongs to: its calls, and the queries that show it. */
const HOSTS = {
  complaint: {
    attach: 'complaints.attach',
    open: 'complaints.openAttachment',
    remove: 'complaints.removeAttachment',
    refresh: ['complaints.get', 'complaints.list'],
  },
  action: { attach: 'actions.attach', open: 'actions.openAttachment', remove: 'actions.removeAttachment', refresh: ['actions.get', 'actions.list'] },
} as const;
export type AttachmentHost = keyof typeof HOSTS;

function iconOf(mediaType: string): Icon {
  if (mediaType === 'application/pdf') return IconFileTypePdf;
  if (mediaType.startsWith('image/')) return IconPhoto;
  if (mediaType === 'text/plain' || mediaType.includes('wordprocessingml')) return IconFileText;
  if (mediaType.includes('spreadsheetml')) return IconFileSpreadsheet;
  return IconFile;
}

/** A file's size in the reader's language ("1.5 MB", "١٫٥ م.ب" in Latin digits as the console writes them). */
function useSize(): (bytes: number) => string {
  const language = useLanguage();
  return (bytes) => {
    const { value, unit, fractionDigits } = sizeParts(bytes);
    return new Intl.NumberFormat(language === 'ar' ? 'ar-SA-u-nu-latn' : 'en-GB', {
      style: 'unit',
      unit,
      // "70 bytes", not "70 byte"; "1.5 MB"
      unitDisplay: unit === 'byte' ? 'long' : 'short',
      maximumFractionDigits: fractionDigits,
      minimumFractionDigits: fractionDigits,
    }).format(value);
  };
}

/** What the console can tell before sending: the station checks again, by content. */
function quickCheck(file: File): 'field.attachment_too_large' | 'field.attachment_type' | 'field.attachment_empty' | null {
  if (file.size === 0) return 'field.attachment_empty';
  if (file.size > ATTACHMENT_MAX_BYTES) return 'field.attachment_too_large';
  const extension = extensionOf(file.name);
  return ATTACHMENT_TYPES.some((type) => type.extensions.includes(extension)) ? null : 'field.attachment_type';
}

/** A name of the reader's (or the patient's) in its own direction inside a sentence of the other. */
const isolate = (name: string) => `\u2068${name}\u2069`;

/**
 * The files on a complaint or a PX action: listed with their size, who
 * added them and when; opened (an image is shown, another file is saved),
 * added by picking or dropping several at once, each checked here first for
 * a quick answer and by the station for the one that counts, and taken off
 * with a reason. A file another station added shows as on its way until
 * its content arrives with the sync.
 */
export function AttachmentsCard({
  host,
  recordId,
  attachments,
  canAdd,
  hint,
}: {
  host: AttachmentHost;
  recordId: string;
  attachments: readonly Attachment[];
  canAdd: boolean;
  hint?: string;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const notify = useNotify();
  const size = useSize();
  const headingId = useId();
  const calls = HOSTS[host];
  const queryClient = useQueryClient();
  const refresh = () => Promise.all(calls.refresh.map((name) => queryClient.invalidateQueries({ queryKey: [name] })));
  const [uploading, setUploading] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [preview, setPreview] = useState<AttachmentContent | null>(null);
  const [removing, setRemoving] = useState<Attachment | null>(null);
  const [reason, setReason] = useState('');
  const [dragging, setDragging] = useState(false);

  const upload = useMutation({
    mutationFn: async (files: File[]) => {
      for (const file of files) {
        const refused = quickCheck(file);
        if (refused) throw new Error(`${file.name}: ${pick(renderMessage(refused), language)}`);
        setUploading(file.name);
        const content = await readAsBase64(file);
        await call(calls.attach, { id: recordId, fileName: file.name, content });
        notify.done(t('attachments.added', { name: isolate(file.name) }));
      }
    },
    onSettled: async () => {
      setUploading(null);
      await refresh();
    },
    onError: (error) => setProblem(fieldText(error, language)),
  });
  const open = useMutation({
    mutationFn: (attachment: Attachment) => call(calls.open, { id: recordId, attachmentId: attachment.id }),
    onSuccess: (content) => {
      if (isPreviewableImage(content.mediaType)) setPreview(content);
      else downloadFile(content.fileName, base64Bytes(content.content), content.mediaType);
    },
    onError: (error) => setProblem(fieldText(error, language)),
  });
  const remove = useMutation({
    mutationFn: (input: { attachment: Attachment; reason: string }) =>
      call(calls.remove, { id: recordId, attachmentId: input.attachment.id, reason: input.reason }),
    onSuccess: async (_detail, input) => {
      setRemoving(null);
      setReason('');
      notify.done(t('attachments.removed', { name: isolate(input.attachment.fileName) }));
      await refresh();
    },
  });

  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-labelledby={headingId}
      // files dragged from the desktop (a scan, a photo) drop onto the card; the button does the same by keyboard
      onDragOver={(event: DragEvent<HTMLElement>) => {
        if (!canAdd || !event.dataTransfer.types.includes('Files')) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setDragging(true);
      }}
      onDragLeave={(event: DragEvent<HTMLElement>) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(event: DragEvent<HTMLElement>) => {
        if (!canAdd) return;
        event.preventDefault();
        setDragging(false);
        const files = [...event.dataTransfer.files];
        setProblem(null);
        if (files.length > 0) upload.mutate(files);
      }}
      style={dragging ? { outline: '2px dashed var(--mantine-color-teal-6)', outlineOffset: 2 } : undefined}
    >
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={3} size="h4" id={headingId}>
          {t('attachments.title')}
        </Title>
        {canAdd ? (
          <FileButton
            multiple
            accept={ATTACHMENT_ACCEPT}
            onChange={(files) => {
              setProblem(null);
              if (files.length > 0) upload.mutate(files);
            }}
          >
            {(props) => (
              <Button {...props} size="xs" variant="light" leftSection={<IconPaperclip size={16} aria-hidden />} loading={upload.isPending}>
                {t('attachments.add')}
              </Button>
            )}
          </FileButton>
        ) : null}
      </Group>
      <Stack gap="xs">
        {canAdd ? (
          <Text size="xs" c="dimmed">
            {hint ? `${hint} ` : ''}
            {t('attachments.hint')}
          </Text>
        ) : null}
        {uploading ? (
          <Group gap="xs" role="status">
            <Loader size="xs" />
            <Text size="sm">{t('attachments.uploading', { name: isolate(uploading) })}</Text>
          </Group>
        ) : null}
        {problem ? <ErrorAlert text={problem} /> : null}
        {attachments.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('attachments.empty')}
          </Text>
        ) : (
          <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
            {attachments.map((attachment) => {
              const FileIcon = iconOf(attachment.mediaType);
              return (
                <Group key={attachment.id} component="li" gap="sm" wrap="nowrap" align="flex-start">
                  <FileIcon size={22} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
                  <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
                    <Text size="sm" fw={500} dir="auto" style={{ overflowWrap: 'anywhere' }}>
                      {attachment.fileName}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {size(attachment.sizeBytes)} · <bdi>{attachment.addedByName}</bdi>
                    </Text>
                    <Group gap={6}>
                      <DateTimeText value={attachment.addedAt} />
                      {attachment.available ? null : (
                        <Tooltip label={t('attachments.notHereHint')} multiline w={240}>
                          <Badge size="xs" color="yellow" variant="light" tabIndex={0}>
                            {t('attachments.notHere')}
                          </Badge>
                        </Tooltip>
                      )}
                    </Group>
                  </Stack>
                  <ActionIcon
                    variant="subtle"
                    aria-label={t(isPreviewableImage(attachment.mediaType) ? 'attachments.open' : 'attachments.save', { name: attachment.fileName })}
                    disabled={!attachment.available}
                    loading={open.isPending && open.variables.id === attachment.id}
                    onClick={() => {
                      setProblem(null);
                      open.mutate(attachment);
                    }}
                  >
                    {isPreviewableImage(attachment.mediaType) ? <IconPhoto size={18} aria-hidden /> : <IconDownload size={18} aria-hidden />}
                  </ActionIcon>
                  {canAdd ? (
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('attachments.remove', { name: attachment.fileName })}
                      onClick={() => setRemoving(attachment)}
                    >
                      <IconTrash size={18} aria-hidden />
                    </ActionIcon>
                  ) : null}
                </Group>
              );
            })}
          </Stack>
        )}
      </Stack>

      <Modal opened={preview !== null} onClose={() => setPreview(null)} size="xl" title={preview ? <bdi>{preview.fileName}</bdi> : ''}>
        {preview ? (
          <Stack gap="sm">
            <Image
              src={`data:${preview.mediaType};base64,${preview.content}`}
              alt={t('attachments.preview', { name: preview.fileName })}
              fit="contain"
              mah="70vh"
            />
            <Group justify="flex-end">
              <Button
                variant="light"
                leftSection={<IconDownload size={16} aria-hidden />}
                onClick={() => downloadFile(preview.fileName, base64Bytes(preview.content), preview.mediaType)}
              >
                {t('attachments.saveButton')}
              </Button>
              <Button variant="default" onClick={() => setPreview(null)}>
                {t('attachments.close')}
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Modal>

      <Modal
        opened={removing !== null}
        onClose={() => {
          setRemoving(null);
          remove.reset();
        }}
        title={removing ? t('attachments.removeTitle', { name: isolate(removing.fileName) }) : ''}
      >
        <Stack
          gap="sm"
          component="form"
          onSubmit={(event) => {
            event.preventDefault();
            if (removing) remove.mutate({ attachment: removing, reason: reason.trim() });
          }}
        >
          <Text size="sm">{t('attachments.removeBody')}</Text>
          <Textarea
            label={t('attachments.reason')}
            required
            autosize
            minRows={2}
            dir="auto"
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={remove.error ? fieldText(remove.error, language) : undefined}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRemoving(null)}>
              {t('attachments.close')}
            </Button>
            <Button type="submit" color="red" loading={remove.isPending}>
              {t('attachments.removeConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}

/** A refusal in the reader's language: the fields' messages when the station named them. */
function fieldText(error: unknown, language: 'ar' | 'en'): string {
  if (isApiError(error)) return error.fields.length > 0 ? error.fields.map((f) => pick(f.message, language)).join(' ') : pick(error.bilingual, language);
  return error instanceof Error ? error.message : String(error);
}
