/** Addresses of the template screens: the list of a hospital, and one template in the builder. */
export const templatePath = (template: { id: string }) => `/journeys/templates/${template.id}`;

export const templatesPath = (hospitalId: string | null) => `/journeys/templates${hospitalId ? `?hospital=${encodeURIComponent(hospitalId)}` : ''}`;
