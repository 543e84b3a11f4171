import { IconBan, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ConfirmAction } from './ConfirmAction.js';

interface ActiveToggleProps {
  /** the record's name as the reader knows it */
  name: string;
  active: boolean;
  onChange: (active: boolean) => Promise<unknown>;
}

/** Activate or deactivate a record, after the reader confirms. */
export function ActiveToggle({ name, active, onChange }: ActiveToggleProps) {
  const { t } = useTranslation();
  const verb = active ? t('common.deactivate') : t('common.activate');
  return (
    <ConfirmAction
      label={`${verb}: ${name}`}
      icon={active ? <IconBan size={18} aria-hidden /> : <IconCircleCheck size={18} aria-hidden />}
      color={active ? 'red' : 'teal'}
      title={active ? t('common.deactivateTitle', { name }) : t('common.activateTitle', { name })}
      body={active ? t('common.deactivateBody') : t('common.activateBody')}
      confirmLabel={verb}
      doneText={active ? t('common.deactivated') : t('common.activated')}
      onConfirm={() => onChange(!active)}
    />
  );
}
