import { useEffect } from 'react';
import { signOut } from './UserMenu.js';
import { useSwitchLanguage } from './useSwitchLanguage.js';

/** The desktop app's menu (language, lock, reload) reaches the console through the preload bridge. */
export function useMenuCommands(): void {
  const switchLanguage = useSwitchLanguage();
  useEffect(() => {
    const bridge = window.px360;
    if (!bridge) return undefined;
    return bridge.onMenuCommand((command) => {
      switch (command) {
        case 'language:ar':
          switchLanguage('ar');
          break;
        case 'language:en':
          switchLanguage('en');
          break;
        case 'lock':
          // a locked station needs the password again
          void signOut();
          break;
        case 'reload':
          window.location.reload();
          break;
      }
    });
  }, [switchLanguage]);
}
