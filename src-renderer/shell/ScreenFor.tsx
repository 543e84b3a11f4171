import { MESSAGES } from '../../src-shared/messages.js';
import { usePermission } from '../api/hooks.js';
import type { Me } from '../api/session.js';
import { ErrorAlert } from '../components/StateViews.js';
import { useLanguage } from '../i18n/index.js';
import { NotBuiltScreen } from '../kit/NotBuiltScreen.js';
import { refusalFor, type Route } from '../kit/navigation.js';
import { usePageLabel } from './usePageLabel.js';

/** The screen of the current page: its area's own, a refusal, or "not built yet". */
export function ScreenFor({ route, me }: { route: Route; me: Me }) {
  const { page, rest, params } = route;
  const language = useLanguage();
  const can = usePermission();
  const label = usePageLabel();
  const refusal = refusalFor(page, can, me.scope.kind);
  if (refusal) return <ErrorAlert text={MESSAGES[refusal][language]} />;
  if (!page.screen) return <NotBuiltScreen area={label(page)} />;
  const Screen = page.screen;
  return <Screen me={me} rest={rest} params={params} />;
}
