import { Button, Menu, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconDownload, IconFileSpreadsheet, IconJson } from '@tabler/icons-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { EXPORT_FORMATS } from '../../../src-shared/contract/index.js';
import { useCallMutation } from '../../api/hooks.js';
import { downloadFile } from '../../components/download.js';
import { errorText } from '../../components/StateViews.js';
import { useLanguage } from '../../i18n/index.js';
import { exportInput, type SurveyFilter, type SurveyListFilter } from './filters.js';

type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Export the responses of the current filter (a list's status, negative flag and MRN too) as CSV or JSON; the station records each export in the audit log. */
export function ExportButton({ filter }: { filter: SurveyFilter | Omit<SurveyListFilter, 'page'> }) {
  const { t } = useTranslation('surveys');
  const language = useLanguage();
  const exporter = useCallMutation('surveys.export');
  const noteId = useId();

  const run = async (format: ExportFormat) => {
    try {
      const file = await exporter.mutateAsync({ ...exportInput(filter), format });
      downloadFile(file.fileName, file.body, file.contentType);
      notifications.show({ color: 'teal', message: t('export.done', { count: file.rows, file: `\u2066${file.fileName}\u2069` }) });
    } catch (error) {
      notifications.show({ color: 'red', title: t('common.errorTitle'), message: errorText(error, language) });
    }
  };

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button
            variant="default"
            leftSection={<IconDownload size={16} aria-hidden />}
            rightSection={<IconChevronDown size={14} aria-hidden />}
            loading={exporter.isPending}
            aria-describedby={noteId}
          >
            {t('export.button')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown aria-label={t('export.menuLabel')}>
          <Menu.Label>{t('export.menuLabel')}</Menu.Label>
          <Menu.Item leftSection={<IconFileSpreadsheet size={16} aria-hidden />} onClick={() => void run('csv')}>
            {t('export.csv')}
          </Menu.Item>
          <Menu.Item leftSection={<IconJson size={16} aria-hidden />} onClick={() => void run('json')}>
            {t('export.json')}
          </Menu.Item>
          <Menu.Divider />
          <Text size="xs" c="dimmed" px="sm" py={4} maw={260}>
            {t('export.audited')}
          </Text>
        </Menu.Dropdown>
      </Menu>
      {/* the note is read with the button, before the menu is even opened */}
      <Text id={noteId} hidden>
        {t('export.audited')}
      </Text>
    </>
  );
}
