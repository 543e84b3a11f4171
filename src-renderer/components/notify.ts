import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';

/**
 * A toast that says a write was done (or failed), with a close button
 * that says what it does to a screen reader, in the reader's language.
 */
export function useNotify(): { done: (message: string) => void; failed: (message: string) => void } {
  const { t } = useTranslation();
  const closeButtonProps = { 'aria-label': t('common.close') };
  return {
    done: (message) => notifications.show({ color: 'teal', message, closeButtonProps }),
    failed: (message) => notifications.show({ color: 'red', message, closeButtonProps }),
  };
}
