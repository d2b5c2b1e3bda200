/** Where each side looks at a demand (used in notifications). */
export const DEMAND_LINK = {
  partner: (id: string) => `/partner/demands/${id}`,
  group: (groupId: string, id: string) => `/groups/${groupId}/demands/${id}`,
  dinas: (id: string) => `/dinas/demands/${id}`,
};
