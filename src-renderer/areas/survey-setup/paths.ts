/** Addresses of the survey setup screens. */
export const TEMPLATES_PATH = '/survey-setup';
export const NEW_TEMPLATE_PATH = '/survey-setup/new';
export const templatePath = (id: string) => `/survey-setup/${encodeURIComponent(id)}`;
export const SETTINGS_PATH = '/survey-setup/settings';
export const settingsPath = (hospitalId: string | null) => `${SETTINGS_PATH}${hospitalId ? `?hospital=${encodeURIComponent(hospitalId)}` : ''}`;
export const PROVIDERS_PATH = '/survey-setup/providers';
